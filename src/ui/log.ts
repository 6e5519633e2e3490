import * as vscode from 'vscode';
import { Disposable } from './disposable';

/** What replaces a secret in the log. */
const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * The "Magic Hour" log channel. Every line passes through {@link Log.redact} first, which
 * removes every token this window has seen and anything that looks like a bearer header, so the
 * token never reaches the log file even if some message quotes it by mistake.
 */
export class Log extends Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    super();
    this.channel = this.register(vscode.window.createOutputChannel('Magic Hour', { log: true }));
  }

  /** Adds a value that must never be printed (the current token, a token the user typed). */
  addSecret(value: string | undefined): void {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= MIN_SECRET_LENGTH) this.secrets.add(trimmed);
  }

  /** Returns `text` with every known secret and every bearer credential blanked out. */
  redact(text: string): string {
    let clean = text.replace(/\b(Bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`);
    for (const secret of this.secrets) clean = clean.split(secret).join(REDACTED);
    return clean;
  }

  info(line: string): void {
    this.channel.info(this.redact(line));
  }

  warn(line: string): void {
    this.channel.warn(this.redact(line));
  }

  error(line: string, error?: unknown): void {
    this.channel.error(this.redact(error === undefined ? line : `${line}: ${describeError(error)}`));
  }

  /** Reveals the channel in the Output panel. */
  show(): void {
    this.channel.show(true);
  }
}

/** A one-line description of anything thrown. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates the log channel. */
export function registerLog(context: vscode.ExtensionContext): Log {
  const log = new Log();
  context.subscriptions.push(log);
  return log;
}
