/** The one error type the API client throws, with a plain-language hint for every failure. */
import { t } from '../l10n';

/** What went wrong, broadly: the caller decides what to show or retry from this. */
export type ErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'invalid-response' | 'no-token';

/** Everything a `MagicHourError` can carry; only `kind` is required. */
export interface MagicHourErrorInit {
  kind: ErrorKind;
  status?: number;
  apiMessage?: string;
  /** Defaults to the hint for `status` (http) or for `kind`. */
  hint?: string;
  /** Defaults to the API message (or a summary) followed by the hint. */
  message?: string;
  maybeReceived?: boolean;
  retryAfterMs?: number;
  retryable?: boolean;
  cause?: unknown;
}

/** A failed Magic Hour call. `message` reads well on its own: what happened, then what to do. */
export class MagicHourError extends Error {
  kind: ErrorKind;
  /** HTTP status, when an answer came back. */
  status?: number;
  /** The API's own `message` field, verbatim. */
  apiMessage?: string;
  /** What the user can do about it, in plain language. */
  hint: string;
  /** true when the request may have reached the server (a create whose answer was lost). */
  maybeReceived: boolean;
  /** Parsed `Retry-After` (seconds or HTTP date), in milliseconds from when the answer came. */
  retryAfterMs?: number;
  /** true when sending the same request again may succeed and cannot create anything twice. */
  retryable: boolean;

  constructor(init: MagicHourErrorInit) {
    const hint = withoutRepeatedLead(
      init.hint ?? (init.kind === 'http' ? hintForStatus(init.status) : hintForKind(init.kind)),
      init.apiMessage,
    );
    super(
      init.message ?? composeMessage(init, hint),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'MagicHourError';
    this.kind = init.kind;
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.hint = hint;
    this.maybeReceived = init.maybeReceived ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.retryable = init.retryable ?? false;
  }
}

/** Type guard that survives bundling (checks the name too, in case two copies of this file load). */
export function isMagicHourError(error: unknown): error is MagicHourError {
  return error instanceof MagicHourError || (error instanceof Error && error.name === 'MagicHourError');
}

/** Hint for an HTTP status from the API. */
export function hintForStatus(status: number | undefined): string {
  switch (status) {
    case 400:
      return t('A field of the request is wrong: the message says which.');
    case 401:
      return t('The API token is invalid or was revoked: set a new one.');
    case 402:
      return t('Not enough credits: buy credits or upgrade your Magic Hour plan.');
    case 403:
      return t('Your plan does not include this model or resolution: upgrade, or pick another one.');
    case 404:
      return t('Not found: was it deleted on Magic Hour?');
    case 422:
      return t('Fix the field named in the message and try again.');
    case 429:
      return t('Too many requests: Magic Hour asked to wait before trying again.');
  }
  if (status !== undefined && status >= 500) {
    return t('Magic Hour is having trouble: try again in a few minutes.');
  }
  return status === undefined
    ? t('Magic Hour answered with an unexpected status.')
    : t('Magic Hour answered with an unexpected status ({0}).', status);
}

/** Hint for a failure that is not an HTTP error status. */
export function hintForKind(kind: ErrorKind): string {
  switch (kind) {
    case 'http':
      return hintForStatus(undefined);
    case 'network':
      return t('Could not reach Magic Hour: check the internet connection or proxy.');
    case 'timeout':
      return t('Magic Hour did not answer in time: check the connection and try again.');
    case 'aborted':
      return t('The request was cancelled.');
    case 'invalid-response':
      return t('The answer was not what Magic Hour sends: a proxy, or a newer API version?');
    case 'no-token':
      return t('No Magic Hour API token is set: set one to continue.');
  }
}

// The hints below are functions, not constants: they are translated when used, after the
// language is set, not when this module loads.

/** Hint for a create whose answer was lost: the job may exist and be charged. */
export function maybeReceivedHint(): string {
  return t(
    'The request may have reached Magic Hour: check your projects on magichour.ai before trying again, to avoid paying twice.',
  );
}

/** Hint for a presigned upload URL's 403, which means "expired" rather than "not on your plan". */
export function uploadExpiredHint(): string {
  return t('The upload link expired: ask for a new one.');
}

/** Hint for a presigned download URL's 403, which means "expired" rather than "not on your plan". */
export function downloadExpiredHint(): string {
  return t('The download link expired: fetch the project again for a fresh link.');
}

/**
 * A hint reads "what it means: what to do". After an API message that already says what it
 * means ("Not enough credits: this video needs…"), only "Buy credits or upgrade…" is left.
 */
function withoutRepeatedLead(hint: string, apiMessage: string | undefined): string {
  const colon = hint.indexOf(': ');
  if (apiMessage === undefined || colon <= 0) return hint;
  if (!apiMessage.toLowerCase().includes(hint.slice(0, colon).toLowerCase())) return hint;
  const advice = hint.slice(colon + 2);
  return advice.charAt(0).toUpperCase() + advice.slice(1);
}

function composeMessage(init: MagicHourErrorInit, hint: string): string {
  const what =
    init.apiMessage ??
    (init.kind === 'http' && init.status !== undefined ? `HTTP ${init.status}` : undefined);
  return what === undefined ? hint : `${sentence(what)} ${hint}`;
}

/** Ends a fragment with a full stop so the hint reads as the next sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
