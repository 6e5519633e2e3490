/** Anything with a `dispose()`; `vscode.Disposable` and our own emitters' subscriptions both fit. */
export interface DisposableLike {
  dispose(): void;
}

/**
 * Base class for objects that own listeners, panels and timers: register each with
 * `register()` and they are all disposed, newest first, when this object is.
 */
export abstract class Disposable implements DisposableLike {
  private readonly owned: DisposableLike[] = [];
  private disposed = false;

  /** True once `dispose()` has run. */
  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `item`; disposes it at once if this object is already disposed. */
  protected register<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.owned.push(item);
    return item;
  }

  /** Disposes everything registered, newest first; later calls do nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.owned.length) {
      try {
        this.owned.pop()?.dispose();
      } catch (error) {
        console.error(error);
      }
    }
  }
}
