/** Something that can be disposed; shaped like `vscode.Disposable` so both mix freely. */
export interface Disposable {
  dispose(): void;
}

/** A subscription function, shaped like `vscode.Event` so pure code needs no `vscode` import. */
export type Event<T> = (listener: (value: T) => void) => Disposable;

/** A minimal typed event emitter for code that must not depend on VS Code. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribes; dispose the result to unsubscribe. */
  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Calls every listener; one that throws does not stop the others. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
