/** Transport helpers: the shared undici agent, failure classification, and body reading. */
import { PassThrough, type Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import { t } from '../l10n';
import { MagicHourError, hintForKind, maybeReceivedHint } from './errors';
import { abortedError } from './retry';

/** undici response headers as `request()` returns them. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

let undici: typeof import('undici') | undefined;

/**
 * undici, loaded on the first request rather than at activation: it is most of the extension's
 * code, and a window that never generates anything never needs it.
 */
export function undiciModule(): typeof import('undici') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  undici ??= require('undici') as typeof import('undici');
  return undici;
}

let agent: Agent | undefined;

/** One keep-alive agent for the whole extension host: polling reuses warm TLS connections. */
export function sharedAgent(): Dispatcher {
  agent ??= new (undiciModule().Agent)({ keepAliveTimeout: 10_000, connect: { timeout: 15_000 } });
  return agent;
}

/**
 * Failures that happen before a connection exists, so the server cannot have seen the request.
 * Only these make it safe to resend a create. (A reset or timeout later proves nothing.)
 */
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Certificate problems fail before sending, but repeating them will not help. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|HOSTNAME_MISMATCH)/;

/** undici codes for a connection that broke or stalled (other than the connect phase). */
const UNDICI_TRANSPORT_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_INFO',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE',
]);

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The system or undici code of an error, looking through AggregateError (happy eyeballs) and `cause`. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError && error.errors.length > 0) return errorCode(error.errors[0]);
  return errorCode((error as { cause?: unknown }).cause);
}

/** What the caller knows about the request that failed in transit. */
export interface TransportContext {
  signal?: AbortSignal;
  /** Repeating the request cannot create anything twice (GET, DELETE, PUT, upload-urls). */
  idempotent: boolean;
  /** Host for messages, e.g. `api.magichour.ai`. */
  host: string;
}

/**
 * Turns an error thrown by undici (or by a body stream) into a MagicHourError, or returns
 * undefined when it is not a transport failure at all (a bug, rethrown as is).
 */
export function transportError(error: unknown, context: TransportContext): MagicHourError | undefined {
  if (error instanceof MagicHourError) return error;
  const { signal, idempotent, host } = context;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return abortedError(signal, !idempotent);
  }
  const code = errorCode(error);
  if (code === undefined) return undefined;
  // A file-system error (the upload's source file) carries its path: not a network problem.
  if (typeof (error as { path?: unknown }).path === 'string') return undefined;
  const detail = error instanceof Error && error.message ? `${code}: ${error.message}` : code;

  if (CONNECT_PHASE_CODES.has(code)) {
    const kind = code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network';
    return new MagicHourError({
      kind,
      message: t('Could not connect to {0} ({1}). {2}', host, detail, hintForKind(kind)),
      retryable: true,
      maybeReceived: false,
      cause: error,
    });
  }
  if (TLS_CODE.test(code)) {
    return new MagicHourError({
      kind: 'network',
      hint: t('The secure connection failed: a proxy or firewall may be intercepting it.'),
      message: t(
        'The secure connection to {0} failed ({1}): a proxy or firewall may be intercepting it.',
        host,
        detail,
      ),
      retryable: false,
      cause: error,
    });
  }
  const isTransport = UNDICI_TRANSPORT_CODES.has(code) || /^E[A-Z]+$/.test(code) || code.startsWith('HPE_');
  if (!isTransport) return undefined;

  const kind = TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
  const what =
    kind === 'timeout'
      ? t('{0} stopped answering ({1}).', host, detail)
      : t('The connection to {0} broke ({1}).', host, detail);
  const hint = idempotent ? hintForKind(kind) : maybeReceivedHint();
  return new MagicHourError({
    kind,
    hint,
    message: `${what} ${hint}`,
    retryable: idempotent,
    maybeReceived: !idempotent,
    cause: error,
  });
}

/** First value of a header, lower-case name. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads a whole (small) body as UTF-8, refusing to buffer more than `limitBytes`. */
export async function readText(body: Readable, limitBytes = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      body.destroy();
      throw new MagicHourError({
        kind: 'invalid-response',
        message: t('The answer was larger than {0} bytes: not something Magic Hour sends.', limitBytes),
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Outcome of reading a body as JSON: the value, or why it is not JSON in words a user can follow. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a JSON body; empty bodies read as `undefined`, HTML pages get their own explanation. */
export function parseJsonBody(text: string, status: number, contentType: string | undefined): JsonBody {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (/^text\/html\b/i.test(contentType ?? '') || /^<(!doctype|html|head|body)\b/i.test(trimmed)) {
    return {
      ok: false,
      reason: t(
        'The API answered with an HTML page, not JSON (status {0}) — a proxy or network problem?',
        status,
      ),
    };
  }
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return {
      ok: false,
      reason: t('The API answered with text that is not valid JSON (status {0}).', status),
    };
  }
}

/** `host/path` of a URL without its query string: presigned query strings are credentials. */
export function redactUrl(url: URL): string {
  return `${url.host}${url.pathname}`;
}

/**
 * Hands out a response body whose failures are MagicHourErrors (a stall becomes `timeout`,
 * an abort `aborted`), and which frees the connection when the consumer destroys it early.
 */
export function mapBodyErrors(source: Readable, toError: (error: unknown) => Error): Readable {
  const out = new PassThrough();
  source.on('error', (error) => out.destroy(toError(error)));
  out.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  source.pipe(out);
  return out;
}
