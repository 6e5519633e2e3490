/**
 * Upload URLs for jobs that start together, asked for in one `upload-urls` request (the
 * endpoint takes a list): ten images submitted at once cost one request instead of ten, each
 * of which would wait its turn at the engine's rate gate.
 */
import type { AssetType } from '../api/client';
import type { UploadUrlItem } from '../api/schemas';
import { abortedError } from '../api/retry';

/** What one file needs a URL for. */
export interface UploadUrlWish {
  type: AssetType;
  /** Without the dot, lower case: `png`, `mp4`. */
  extension: string;
}

interface Waiting {
  wish: UploadUrlWish;
  signal: AbortSignal;
  resolve: (item: UploadUrlItem) => void;
  reject: (error: unknown) => void;
}

/**
 * Asks Magic Hour for URLs, one per wish, in the same order (`MagicHourClient.createUploadUrls`
 * through the engine's rate gate). `signal` aborts once every file of the request gave up.
 */
export type AskForUploadUrls = (wishes: UploadUrlWish[], signal: AbortSignal) => Promise<UploadUrlItem[]>;

export class UploadUrlBatcher {
  private waiting: Waiting[] = [];
  private asking = false;

  /**
   * @param ask sends one request; wishes that arrive while it waits (at the rate gate, or for
   *   the answer) go together in the next one.
   * @param collectMs how long the first wish waits for others: the files of one form are
   *   submitted one after another, each once the last is on disk (ten take up to about 200 ms
   *   on a busy machine), and the create after the upload waits at the rate gate anyway.
   * @param maxPerRequest the most files one request asks for.
   */
  constructor(
    private readonly ask: AskForUploadUrls,
    private readonly collectMs = 250,
    private readonly maxPerRequest = 10,
  ) {}

  /**
   * A URL for one file. `signal` gives up this file's wait; the request it shares with others
   * goes on for them (the URL it brings back for this file is not used), and is aborted when
   * all of them gave up too.
   */
  get(wish: UploadUrlWish, signal: AbortSignal): Promise<UploadUrlItem> {
    if (signal.aborted) return Promise.reject(abortedError(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== entry);
        reject(abortedError(signal));
      };
      const entry: Waiting = {
        wish,
        signal,
        resolve: (item) => {
          signal.removeEventListener('abort', onAbort);
          resolve(item);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      if (!this.asking) void this.askForWaiting();
    });
  }

  /** Sends requests until nobody waits; a failed request fails the files it asked for. */
  private async askForWaiting(): Promise<void> {
    this.asking = true;
    // Let the jobs submitted in the same moment join the first request.
    await new Promise((resolve) => setTimeout(resolve, this.collectMs));
    try {
      for (;;) {
        const batch = this.waiting.splice(0, this.maxPerRequest);
        if (batch.length === 0) return;
        await this.askFor(batch);
      }
    } finally {
      this.asking = false;
    }
  }

  private async askFor(batch: Waiting[]): Promise<void> {
    const request = new AbortController();
    // Each file's own wait ends in get(); the request ends when nobody waits for it any more.
    const unhooks = batch.map((w) => {
      const onAbort = () => {
        if (batch.every((other) => other.signal.aborted)) request.abort(w.signal.reason);
      };
      w.signal.addEventListener('abort', onAbort, { once: true });
      return () => w.signal.removeEventListener('abort', onAbort);
    });
    try {
      const items = await this.ask(
        batch.map((w) => w.wish),
        request.signal,
      );
      batch.forEach((w, i) => w.resolve(items[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      for (const unhook of unhooks) unhook();
    }
  }
}
