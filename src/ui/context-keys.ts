import * as vscode from 'vscode';

/**
 * The `setContext` keys this extension sets (`magicHour.hasToken`, `magicHour.hasJobs`), with
 * the last value sent for each: VS Code cannot be asked for a context key's value, and the
 * tests and welcome views need to know what was said.
 */
export class ContextKeyState {
  private readonly values = new Map<string, unknown>();

  /** Sets a context key, skipping the round trip when the value did not change. */
  set(key: string, value: unknown): void {
    if (this.values.has(key) && this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  /** The last value set for `key`, or undefined. */
  get(key: string): unknown {
    return this.values.get(key);
  }
}
