/**
 * Every timer the double starts goes through here, so `close()` can clear them all and nothing
 * keeps the test process alive afterwards.
 */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();
  private closed = false;

  /**
   * Resolves after `ms`. Once the double is closed the promise never settles: the request it
   * belonged to is gone, and an unsettled promise holds no handle.
   */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return;
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.add(timer);
    });
  }

  /** Clears every pending timer; later `sleep` calls never resolve. */
  clear(): void {
    this.closed = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}
