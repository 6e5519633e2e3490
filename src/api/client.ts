/**
 * The Magic Hour API client: upload, create, poll, delete, download. Knows nothing of VS Code.
 *
 * Retry rules, in one place:
 * - GET, DELETE, the presigned PUT and `upload-urls` are repeated on 408/429/5xx, broken
 *   connections and timeouts (upload-urls only hands out URLs and bills nothing, so a duplicate
 *   is harmless).
 * - A create is repeated only when it failed before a connection existed (refused, DNS, connect
 *   timeout). Once it may have reached the server, a lost answer is reported with
 *   `maybeReceived: true` and never resent: resending could start, and bill, a second render.
 * - Any other 4xx is final. Waits honour Retry-After, else exponential backoff with full jitter.
 *
 * The bearer token is attached only to requests for the API origin. Presigned upload and download
 * URLs (another origin, with credentials in their query string) never see it, and log lines omit
 * their query strings. undici does not follow redirects here, so the token cannot be carried off.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, pipeline, type Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import * as z from 'zod';
import { t } from '../l10n';
import {
  MagicHourError,
  downloadExpiredHint,
  hintForKind,
  hintForStatus,
  isMagicHourError,
  maybeReceivedHint,
  uploadExpiredHint,
} from './errors';
import {
  errorCode,
  headerValue,
  mapBodyErrors,
  parseJsonBody,
  readText,
  redactUrl,
  sharedAgent,
  undiciModule,
  transportError,
  type ResponseHeaders,
} from './http';
import {
  abortableSleep,
  abortedError,
  backoffDelay,
  parseRetryAfter,
  resolveRetryPolicy,
  type RetryPolicy,
} from './retry';
import {
  ApiErrorBodySchema,
  CreateResponseSchema,
  ImageToVideoRequestSchema,
  UploadUrlsRequestSchema,
  UploadUrlsResponseSchema,
  VideoProjectSchema,
  VideoToVideoRequestSchema,
  summarizeIssues,
  type CreateResponse,
  type ImageToVideoRequest,
  type UploadUrlItem,
  type VideoProject,
  type VideoToVideoRequest,
} from './schemas';

export type { RetryPolicy } from './retry';

/** Kinds of input file Magic Hour accepts. */
export type AssetType = 'image' | 'video' | 'audio';

/** How to reach the API and how patient to be. */
export interface ClientOptions {
  /** e.g. `https://api.magichour.ai`, or the local double's `apiUrl`. */
  baseUrl: string;
  /** Called for every API request; may throw when there is no token. */
  getToken: () => Promise<string>;
  /** Defaults: 5 attempts, 500 ms base delay, 30 s cap. */
  retry?: Partial<RetryPolicy>;
  /** Idle timeouts: time to the response head, and longest pause inside a body (downloads stall after it). */
  timeouts?: { headersMs?: number; bodyMs?: number };
  /** Injectable for tests; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** One line per request and per retry. Never includes the token or a presigned query string. */
  log?: (line: string) => void;
  userAgent?: string;
  /** Defaults to one keep-alive agent shared by every client. */
  dispatcher?: Dispatcher;
}

/** Spaces the requests to the API origin: the job engine's rate gate. */
export interface RequestGate {
  /** Resolves when the next request may go; rejects when `signal` aborts. */
  wait(signal?: AbortSignal): Promise<void>;
  /** Holds every request until then (epoch ms): Magic Hour asked to wait with Retry-After. */
  pauseUntil(untilMs: number): void;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Default true; false = one attempt, the caller handles errors (the engine's poller does). */
  retry?: boolean;
  /**
   * Every attempt to the API origin waits for this gate, retries included, so that a caller's
   * request rate cap holds however many retries there are; a Retry-After pauses the gate.
   */
  gate?: RequestGate;
}

/** Progress of an upload: bytes handed to the connection so far, of the file's size. */
export type ProgressCallback = (sentBytes: number, totalBytes: number) => void;

/** A download in progress: consume `body` as a stream. */
export interface DownloadResponse {
  /** 200 (whole file) or 206 (from `offset`); 200 after asking for an offset means "start over". */
  status: number;
  body: Readable;
  /** Size of the whole file, when the server told us. */
  totalBytes?: number;
  /** The raw `Content-Range` of a 206. */
  contentRange?: string;
}

const DEFAULT_HEADERS_TIMEOUT_MS = 60_000;
const DEFAULT_BODY_TIMEOUT_MS = 30_000;
/** A URL this close to expiry is treated as expired: S3 checks the time when the PUT starts. */
const UPLOAD_URL_EXPIRY_MARGIN_MS = 10_000;
/** How many fresh upload URLs one `uploadFile` may ask for before giving up. */
const MAX_UPLOAD_URL_RENEWALS = 2;

interface ApiCall<T> {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  /** false for creates: then only connect-phase failures are retried. */
  idempotent: boolean;
}

/** Talks to the Magic Hour API and its presigned storage URLs. */
export class MagicHourClient {
  private readonly baseUrl: string;
  private readonly apiOrigin: string;
  private readonly apiHost: string;
  private readonly getToken: () => Promise<string>;
  private readonly policy: RetryPolicy;
  private readonly headersTimeout: number;
  private readonly bodyTimeout: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly log: (line: string) => void;
  private readonly userAgent: string;
  private readonly ownDispatcher: Dispatcher | undefined;

  constructor(options: ClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError(t('The API base URL must be http(s), not {0}', base.protocol));
    }
    if (base.search || base.hash) {
      throw new TypeError(t('The API base URL must not have a query or fragment'));
    }
    this.baseUrl = base.href.replace(/\/+$/, '');
    this.apiOrigin = base.origin;
    this.apiHost = base.host;
    this.getToken = options.getToken;
    this.policy = resolveRetryPolicy(options.retry);
    this.headersTimeout = options.timeouts?.headersMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
    this.bodyTimeout = options.timeouts?.bodyMs ?? DEFAULT_BODY_TIMEOUT_MS;
    this.sleep = options.sleep ?? abortableSleep;
    this.log = options.log ?? (() => {});
    this.userAgent = options.userAgent ?? 'magic-hour-vscode';
    this.ownDispatcher = options.dispatcher;
  }

  /** The agent to send with; the shared one is made on first use, so creating a client costs nothing. */
  private dispatcher(): Dispatcher {
    return this.ownDispatcher ?? sharedAgent();
  }

  /** Asks for presigned upload URLs, one per item, in the same order. */
  async createUploadUrls(
    items: { type: AssetType; extension: string }[],
    options?: CallOptions,
  ): Promise<UploadUrlItem[]> {
    const body = validateRequest(UploadUrlsRequestSchema, { items }, 'upload-urls');
    const answer = await this.callApi(
      {
        method: 'POST',
        path: '/v1/files/upload-urls',
        body,
        schema: UploadUrlsResponseSchema,
        idempotent: true,
      },
      options,
    );
    if (answer.items.length !== items.length) {
      throw new MagicHourError({
        kind: 'invalid-response',
        message: t('Magic Hour returned {0} upload URLs for {1} files.', answer.items.length, items.length),
      });
    }
    return answer.items;
  }

  /** PUTs a file to a presigned URL, streamed from disk with a fresh stream per attempt. Never sends the token. */
  async putFile(
    uploadUrl: string,
    filePath: string,
    options: CallOptions & { onProgress?: ProgressCallback; contentType?: string } = {},
  ): Promise<void> {
    const url = storageUrl(uploadUrl);
    // stat once: the size is the Content-Length, so the body is never buffered to measure it.
    const { size } = await stat(filePath);
    await this.withRetry(`PUT ${redactUrl(url)}`, options, (attempt) =>
      this.putAttempt(url, filePath, size, attempt, options),
    );
  }

  /**
   * upload-urls + PUT; retries the PUT with a fresh file stream; asks for a new upload URL when the
   * old one expired (403 or past expires_at). Returns the file_path for assets.*_file_path.
   * `uploadUrl`: one asked for already (for several files at once), used first unless it expired.
   */
  async uploadFile(
    filePath: string,
    type: AssetType,
    options: CallOptions & { onProgress?: ProgressCallback; uploadUrl?: UploadUrlItem } = {},
  ): Promise<string> {
    const extension = uploadExtension(filePath);
    const requestUrl = async (): Promise<UploadUrlItem> => {
      const [item] = await this.createUploadUrls([{ type, extension }], options);
      if (!item) {
        throw new MagicHourError({
          kind: 'invalid-response',
          message: t('Magic Hour returned no upload URL.'),
        });
      }
      return item;
    };
    let item = options.uploadUrl ?? (await requestUrl());
    for (let renewals = 0; ;) {
      const expiresAt = item.expires_at === undefined ? NaN : Date.parse(item.expires_at);
      if (renewals < MAX_UPLOAD_URL_RENEWALS && expiresAt - Date.now() < UPLOAD_URL_EXPIRY_MARGIN_MS) {
        renewals++;
        this.log(`upload URL for ${item.file_path} expires at ${item.expires_at}: asking for a new one`);
        item = await requestUrl();
        continue;
      }
      try {
        await this.putFile(item.upload_url, filePath, options);
        return item.file_path;
      } catch (error) {
        if (!(isMagicHourError(error) && error.status === 403 && renewals < MAX_UPLOAD_URL_RENEWALS)) {
          throw error;
        }
        renewals++;
        this.log(`upload URL for ${item.file_path} was refused (403): asking for a new one`);
        item = await requestUrl();
      }
    }
  }

  /** Starts an image-to-video render. Never resent once it may have reached the server. */
  async createImageToVideo(body: ImageToVideoRequest, options?: CallOptions): Promise<CreateResponse> {
    const valid = validateRequest(ImageToVideoRequestSchema, body, 'image-to-video');
    return this.callApi(
      {
        method: 'POST',
        path: '/v1/image-to-video',
        body: valid,
        schema: CreateResponseSchema,
        idempotent: false,
      },
      options,
    );
  }

  /** Starts a video-to-video render. Never resent once it may have reached the server. */
  async createVideoToVideo(body: VideoToVideoRequest, options?: CallOptions): Promise<CreateResponse> {
    const valid = validateRequest(VideoToVideoRequestSchema, body, 'video-to-video');
    return this.callApi(
      {
        method: 'POST',
        path: '/v1/video-to-video',
        body: valid,
        schema: CreateResponseSchema,
        idempotent: false,
      },
      options,
    );
  }

  /** Reads a project's status and (when complete) its fresh download URLs. */
  async getProject(id: string, options?: CallOptions): Promise<VideoProject> {
    return this.callApi(
      { method: 'GET', path: projectPath(id), schema: VideoProjectSchema, idempotent: true },
      options,
    );
  }

  /**
   * Permanently deletes a project and its output (the API cannot cancel a render). A 404 on a
   * retry counts as done: the first attempt deleted it and only its answer was lost.
   */
  async deleteProject(id: string, options: CallOptions = {}): Promise<void> {
    const call: ApiCall<unknown> = {
      method: 'DELETE',
      path: projectPath(id),
      schema: anyBody,
      idempotent: true,
    };
    await this.withRetry(`DELETE ${call.path}`, options, async (attempt) => {
      try {
        await this.apiAttempt(call, attempt, options);
      } catch (error) {
        if (attempt > 1 && isMagicHourError(error) && error.status === 404) return;
        throw error;
      }
    });
  }

  /** GET a download URL without the token; offset > 0 sends Range: bytes=offset-. Caller consumes body as a stream. 403 → MagicHourError status 403 (URL expired). */
  async download(
    url: string,
    options: { signal?: AbortSignal; offset?: number } = {},
  ): Promise<DownloadResponse> {
    const target = storageUrl(url);
    const offset = options.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new RangeError(`Invalid download offset ${offset}`);
    }
    return this.withRetry(`GET ${redactUrl(target)}`, { signal: options.signal }, (attempt) =>
      this.downloadAttempt(target, offset, attempt, options.signal),
    );
  }

  // ─── Attempts ──────────────────────────────────────────────────────────────────────────────

  private callApi<T>(call: ApiCall<T>, options: CallOptions = {}): Promise<T> {
    return this.withRetry(`${call.method} ${call.path}`, options, (attempt) =>
      this.apiAttempt(call, attempt, options),
    );
  }

  /** Runs `attempt` until it succeeds, fails for good, or attempts run out; waits are abortable. */
  private async withRetry<T>(
    label: string,
    options: CallOptions,
    attemptOnce: (attempt: number) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
    const maxAttempts = options.retry === false ? 1 : this.policy.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortedError(signal);
      try {
        return await attemptOnce(attempt);
      } catch (error) {
        if (!isMagicHourError(error) || !error.retryable || attempt >= maxAttempts) throw error;
        const delay = backoffDelay(attempt, this.policy, error.retryAfterMs);
        const why = error.status ?? error.kind;
        this.log(`${label}: ${why}, retrying in ${delay} ms (attempt ${attempt + 1} of ${maxAttempts})`);
        try {
          await this.sleep(delay, signal);
        } catch (sleepError) {
          if (signal?.aborted) throw abortedError(signal);
          throw sleepError;
        }
      }
    }
  }

  private async apiAttempt<T>(call: ApiCall<T>, attempt: number, options: CallOptions): Promise<T> {
    const { signal, gate } = options;
    const url = new URL(this.baseUrl + call.path);
    const token = await this.token();
    if (gate) {
      try {
        await gate.wait(signal);
      } catch (error) {
        if (signal?.aborted) throw abortedError(signal);
        throw error;
      }
    }
    // Belt and braces: the token leaves only for the origin the user configured.
    if (url.origin !== this.apiOrigin) throw new Error(`Refusing to send the API token to ${url.origin}`);
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    let payload: string | undefined;
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const context = { signal, idempotent: call.idempotent, host: this.apiHost };
    const label = `${call.method} ${url.pathname}`;
    const started = Date.now();
    let status: number | undefined;
    try {
      const response = await undiciModule().request(url, {
        method: call.method,
        headers,
        body: payload,
        signal,
        dispatcher: this.dispatcher(),
        headersTimeout: this.headersTimeout,
        bodyTimeout: this.bodyTimeout,
      });
      status = response.statusCode;
      const text = await readText(response.body);
      this.log(`${label} → ${status} in ${Date.now() - started} ms (attempt ${attempt})`);
      const contentType = headerValue(response.headers, 'content-type');
      if (status >= 200 && status < 300) return this.parseSuccess(call, status, text, contentType);
      const error = apiHttpError(status, response.headers, text, call.idempotent);
      // Every other request holds too, as long as this one will wait (no wait passes maxDelayMs).
      if (error.retryAfterMs !== undefined) {
        gate?.pauseUntil(Date.now() + Math.min(error.retryAfterMs, this.policy.maxDelayMs));
      }
      throw error;
    } catch (error) {
      const mapped = transportError(error, context);
      if (!mapped) throw error;
      if (mapped !== error) {
        const code = errorCode(error) ?? mapped.kind;
        this.log(
          `${label} ✗ ${code}${status ? ` after ${status}` : ''} in ${Date.now() - started} ms (attempt ${attempt})`,
        );
      }
      throw mapped;
    }
  }

  private parseSuccess<T>(
    call: ApiCall<T>,
    status: number,
    text: string,
    contentType: string | undefined,
  ): T {
    // A create that got an answer but no readable id still created a job.
    const hint = call.idempotent ? hintForKind('invalid-response') : maybeReceivedHint();
    const json = parseJsonBody(text, status, contentType);
    if (!json.ok) {
      throw new MagicHourError({
        kind: 'invalid-response',
        status,
        hint,
        message: `${json.reason} ${hint}`,
        maybeReceived: !call.idempotent,
      });
    }
    const parsed = call.schema.safeParse(json.value);
    if (!parsed.success) {
      const path = call.path.replace(/\/video-projects\/.+$/, '/video-projects/…');
      throw new MagicHourError({
        kind: 'invalid-response',
        status,
        hint,
        message: t(
          'The answer to {0} {1} did not have the expected shape ({2}). {3}',
          call.method,
          path,
          summarizeIssues(parsed.error),
          hint,
        ),
        maybeReceived: !call.idempotent,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private async putAttempt(
    url: URL,
    filePath: string,
    size: number,
    attempt: number,
    options: CallOptions & { onProgress?: ProgressCallback; contentType?: string },
  ): Promise<void> {
    const { signal, onProgress } = options;
    let sent = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.length;
        onProgress?.(sent, size);
        done(null, chunk);
      },
    });
    // A fresh stream per attempt; pipeline closes the file when undici destroys the body on failure.
    const body = pipeline(createReadStream(filePath), counter, () => {});
    const headers: Record<string, string> = { 'content-length': String(size), 'user-agent': this.userAgent };
    if (options.contentType) headers['content-type'] = options.contentType;
    const label = `PUT ${redactUrl(url)}`;
    const started = Date.now();
    try {
      const response = await undiciModule().request(url, {
        method: 'PUT',
        headers,
        body: size === 0 ? '' : body,
        signal,
        dispatcher: this.dispatcher(),
        headersTimeout: this.headersTimeout,
        bodyTimeout: this.bodyTimeout,
      });
      const text = await readText(response.body, 1024 * 1024);
      this.log(
        `${label} → ${response.statusCode} (${size} bytes) in ${Date.now() - started} ms (attempt ${attempt})`,
      );
      if (response.statusCode >= 200 && response.statusCode < 300) return;
      throw storageHttpError(response.statusCode, response.headers, text, uploadExpiredHint());
    } catch (error) {
      if (!body.destroyed) body.destroy();
      const mapped = transportError(error, { signal, idempotent: true, host: url.host });
      if (!mapped) throw error;
      if (mapped !== error) this.log(`${label} ✗ ${mapped.kind} after ${sent} bytes (attempt ${attempt})`);
      throw mapped;
    }
  }

  private async downloadAttempt(
    url: URL,
    offset: number,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<DownloadResponse> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    if (offset > 0) headers.range = `bytes=${offset}-`;
    const context = { signal, idempotent: true, host: url.host };
    const label = `GET ${redactUrl(url)}${offset > 0 ? ` from byte ${offset}` : ''}`;
    try {
      const response = await undiciModule().request(url, {
        method: 'GET',
        headers,
        signal,
        dispatcher: this.dispatcher(),
        headersTimeout: this.headersTimeout,
        bodyTimeout: this.bodyTimeout,
      });
      const { statusCode: status } = response;
      this.log(`${label} → ${status} (attempt ${attempt})`);
      if (status === 200 || status === 206) {
        const contentRange = status === 206 ? headerValue(response.headers, 'content-range') : undefined;
        const body = mapBodyErrors(response.body, (error) => {
          const mapped = transportError(error, context);
          if (mapped?.kind === 'timeout') {
            mapped.message = t(
              'The download from {0} stalled: no data for {1} s.',
              url.host,
              Math.round(this.bodyTimeout / 1000),
            );
          }
          return mapped ?? (error instanceof Error ? error : new Error(String(error)));
        });
        return { status, body, totalBytes: totalSize(status, response.headers), contentRange };
      }
      const text = await readText(response.body, 1024 * 1024).catch(() => '');
      throw storageHttpError(status, response.headers, text, downloadExpiredHint());
    } catch (error) {
      const mapped = transportError(error, context);
      if (!mapped) throw error;
      if (mapped !== error) this.log(`${label} ✗ ${mapped.kind} (attempt ${attempt})`);
      throw mapped;
    }
  }

  private async token(): Promise<string> {
    let token: string;
    try {
      token = await this.getToken();
    } catch (cause) {
      throw new MagicHourError({ kind: 'no-token', cause });
    }
    if (typeof token !== 'string' || token.trim() === '') throw new MagicHourError({ kind: 'no-token' });
    return token.trim();
  }
}

// ─── Helpers ───────────────────────────────────────────────────────────────────────────────────

/** DELETE answers vary (empty, `{}`, the project): nothing in them is needed. */
const anyBody = z.unknown();

/** The extension `upload-urls` is told for a file: `png` for `Cat.PNG`. */
export function uploadExtension(filePath: string): string {
  return extname(filePath).slice(1).toLowerCase();
}

function projectPath(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new TypeError('A project id is required');
  return `/v1/video-projects/${encodeURIComponent(id)}`;
}

/** Parses a request body or throws: a malformed request is a bug in the caller, not a user error. */
function validateRequest<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new TypeError(`Invalid ${what} request: ${summarizeIssues(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}

function storageUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Storage URLs must be http(s), not ${url.protocol}`);
  }
  return url;
}

/** Status codes worth repeating for a request that cannot create anything twice. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Error for a non-2xx answer from the API itself. */
function apiHttpError(
  status: number,
  headers: ResponseHeaders,
  text: string,
  idempotent: boolean,
): MagicHourError {
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const retryable = idempotent && isRetryableStatus(status);
  const json = parseJsonBody(text, status, headerValue(headers, 'content-type'));
  // Magic Hour's own 5xx means no job was made; a gateway timeout or a proxy's page proves nothing.
  const maybeReceived = !idempotent && status >= 500 && (status === 504 || !json.ok);
  if (!json.ok) {
    const hint = maybeReceived
      ? maybeReceivedHint()
      : status >= 500
        ? hintForStatus(status)
        : hintForKind('invalid-response');
    return new MagicHourError({
      kind: 'invalid-response',
      status,
      hint,
      message: `${json.reason} ${hint}`,
      retryAfterMs,
      retryable,
      maybeReceived,
    });
  }
  return new MagicHourError({
    kind: 'http',
    status,
    apiMessage: messageOf(json.value),
    hint: maybeReceived ? maybeReceivedHint() : undefined,
    retryAfterMs,
    retryable,
    maybeReceived,
  });
}

/** Error for a non-2xx answer from presigned storage, where 403 means the URL expired. */
function storageHttpError(
  status: number,
  headers: ResponseHeaders,
  text: string,
  expiredHint: string,
): MagicHourError {
  const json = parseJsonBody(text, status, headerValue(headers, 'content-type'));
  // S3-style stores answer XML: <Error><Message>Request has expired</Message></Error>.
  const apiMessage =
    (json.ok ? messageOf(json.value) : undefined) ?? /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return new MagicHourError({
    kind: 'http',
    status,
    apiMessage,
    hint:
      status === 403
        ? expiredHint
        : isRetryableStatus(status)
          ? hintForStatus(status)
          : t('The storage server refused the request (status {0}).', status),
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    retryable: isRetryableStatus(status),
  });
}

/** The API's `message`, when it sent one. */
function messageOf(value: unknown): string | undefined {
  const parsed = ApiErrorBodySchema.safeParse(value);
  if (!parsed.success) return undefined;
  const { message } = parsed.data;
  if (typeof message === 'string') return message.trim() || undefined;
  return message === undefined || message === null ? undefined : JSON.stringify(message).slice(0, 500);
}

/** Size of the whole file: Content-Length of a 200, or the total in a 206's Content-Range. */
function totalSize(status: number, headers: ResponseHeaders): number | undefined {
  if (status === 206) {
    const total = /\/(\d+)\s*$/.exec(headerValue(headers, 'content-range') ?? '')?.[1];
    return total === undefined ? undefined : Number(total);
  }
  const length = headerValue(headers, 'content-length');
  return length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
}
