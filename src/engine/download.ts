import { createWriteStream, promises as fs } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MagicHourClient } from '../api/client';
import { isMagicHourError } from '../api/errors';
import { t } from '../l10n';
import { sleep } from '../util/sleep';
import { isDiskError, syncFile } from './save';

export interface DownloadOptions {
  client: Pick<MagicHourClient, 'download'>;
  /** Fetches the project again for a fresh download URL (the old one expired). */
  freshUrl: (signal: AbortSignal) => Promise<string>;
  onProgress: (bytes: number, totalBytes: number | undefined) => void;
  /** Attempts before giving up. */
  attempts: number;
  /** First pause between attempts; doubles each time, up to 30 s. */
  retryDelayMs: number;
  log: (line: string) => void;
  signal: AbortSignal;
}

/** The full size of the file from a 200's length or a 206's `Content-Range: bytes a-b/total`. */
function totalSize(status: number, totalBytes: number | undefined, contentRange: string | undefined) {
  if (status === 206 && contentRange) {
    const total = Number(/\/(\d+)\s*$/.exec(contentRange)?.[1]);
    if (Number.isFinite(total)) return total;
  }
  return totalBytes;
}

async function sizeOf(file: string): Promise<number> {
  return (await fs.stat(file).catch(() => undefined))?.size ?? 0;
}

/**
 * Streams a rendered output into `temp`, resuming with `Range` after a cut connection or a
 * stall (or starting over when the server ignores the range), and asking for a fresh URL when
 * the old one expired. Memory stays flat whatever the size. Disk errors are thrown at once;
 * the caller removes `temp` when this throws.
 */
export async function downloadWithResume(firstUrl: string | undefined, temp: string, o: DownloadOptions) {
  let url = firstUrl ?? (await o.freshUrl(o.signal));
  let lastError: unknown;
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    const offset = await sizeOf(temp);
    try {
      const answer = await o.client.download(url, { signal: o.signal, offset });
      const append = offset > 0 && answer.status === 206;
      const total = totalSize(answer.status, answer.totalBytes, answer.contentRange);
      let received = append ? offset : 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          o.onProgress(received, total);
          callback(null, chunk);
        },
      });
      await pipeline(answer.body, counter, createWriteStream(temp, { flags: append ? 'a' : 'w' }), {
        signal: o.signal,
      });
      if (total !== undefined && received !== total) {
        throw new Error(t('The download ended early ({0} of {1} bytes)', received, total));
      }
      await syncFile(temp);
      return;
    } catch (error) {
      if (o.signal.aborted || isDiskError(error)) throw error;
      lastError = error;
      const status = isMagicHourError(error) ? error.status : undefined;
      o.log(`download attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (status === 403 || status === 404) {
        url = await o.freshUrl(o.signal); // expired link: a fresh one, right away
        continue;
      }
      if (status === 416) await fs.rm(temp, { force: true }); // our partial file is no use
      if (attempt < o.attempts) await sleep(Math.min(30_000, o.retryDelayMs * 2 ** (attempt - 1)), o.signal);
    }
  }
  throw lastError;
}
