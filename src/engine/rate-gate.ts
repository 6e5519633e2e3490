import { sleep } from '../util/sleep';

/**
 * Keeps every API request of the engine at least `minSpacingMs` apart, whoever sends it, and
 * holds them all while Magic Hour asked us to wait (429/503 with Retry-After). Each caller
 * reserves its own slot, so concurrent callers are spaced too.
 */
export class RateGate {
  private lastSlot = -Infinity;
  private lastRelease = -Infinity;
  private pausedUntil = 0;

  constructor(
    private readonly minSpacingMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for this caller's slot. */
  async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      const slot = Math.max(now, this.lastSlot + this.minSpacingMs, this.pausedUntil);
      this.lastSlot = slot;
      await sleep(slot - now, signal);
      const woke = this.now();
      // A pause that began while we slept applies to us too.
      if (woke < this.pausedUntil) continue;
      // A busy event loop can wake several callers late at once: keep them spaced all the same.
      const release = Math.max(woke, this.lastRelease + this.minSpacingMs);
      this.lastRelease = release;
      this.lastSlot = Math.max(this.lastSlot, release);
      if (release > woke) await sleep(release - woke, signal);
      if (this.now() >= this.pausedUntil) return;
    }
  }

  /** Holds every request until `untilMs` (epoch ms). */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** The time until which requests are held (0 when none). */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }
}
