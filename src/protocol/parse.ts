/** Parsing of incoming webview messages, shared by both sides of both protocols. */
import type { z } from 'zod';

/** Longest log line a rejected message produces (the message itself is never logged). */
const LOG_LINE_MAX = 300;

/**
 * Parses an untrusted message. A valid one comes back typed; an invalid one is reported as
 * one short line through `log` and comes back `undefined`. Never throws.
 */
export function parseMessage<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  log: (line: string) => void,
  channel: string,
): z.infer<S> | undefined {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join('.') : 'message';
  const line = `${channel}: rejected a ${describeType(raw)} message: ${where}: ${issue?.message ?? 'invalid'}`;
  log(line.length > LOG_LINE_MAX ? `${line.slice(0, LOG_LINE_MAX - 1)}…` : line);
  return undefined;
}

/** The message's `type` if it is a short plain word, else a placeholder (it may be hostile). */
function describeType(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' && /^[A-Za-z]{1,30}$/.test(type) ? `"${type}"` : 'malformed';
}
