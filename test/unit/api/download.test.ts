import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { MagicHourClient } from '../../../src/api/client';
import { downloadExpiredHint, MagicHourError } from '../../../src/api/errors';
import {
  fixture,
  imageToVideoBody,
  makeClient,
  readAll,
  rejectsWithMagicHourError,
  useDouble,
  waitForTerminal,
} from './helpers';

describe('MagicHourClient downloads', () => {
  const double = useDouble({ renderMs: 100 });
  const output = readFileSync(fixture('render.mp4'));

  async function completedDownloadUrl(client: MagicHourClient): Promise<string> {
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    const { id } = await client.createImageToVideo(imageToVideoBody(filePath));
    const project = await waitForTerminal(client, id);
    double.current.clearRequests();
    return project.downloads[0]!.url;
  }

  /** Reads a body until it fails, returning what arrived and the error. */
  async function readUntilError(body: NodeJS.ReadableStream): Promise<{ bytes: Buffer; error: unknown }> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
    } catch (error) {
      return { bytes: Buffer.concat(chunks), error };
    }
    return { bytes: Buffer.concat(chunks), error: undefined };
  }

  it('resumes from an offset with a Range request (206)', async () => {
    const { client } = makeClient(double.current);
    const url = await completedDownloadUrl(client);
    const download = await client.download(url, { offset: 1000 });
    assert.equal(download.status, 206);
    assert.equal(download.totalBytes, output.length);
    assert.equal(download.contentRange, `bytes 1000-${output.length - 1}/${output.length}`);
    assert.deepEqual(await readAll(download.body), output.subarray(1000));
    assert.equal(double.current.requests[0]!.headers.range, 'bytes=1000-');
  });

  it('turns a body cut mid-way into a network error, and the rest can be fetched from where it stopped', async () => {
    const { client } = makeClient(double.current);
    const url = await completedDownloadUrl(client);
    double.current.fault({ route: 'download', reset: 'mid-response-body' });
    const first = await client.download(url);
    const { bytes, error } = await readUntilError(first.body);
    assert.ok(error instanceof MagicHourError, String(error));
    assert.equal(error.kind, 'network');
    assert.ok(bytes.length > 0 && bytes.length < output.length);

    const rest = await client.download(url, { offset: bytes.length });
    assert.deepEqual(Buffer.concat([bytes, await readAll(rest.body)]), output);
  });

  it('reports a stalled download as a timeout after bodyMs', async () => {
    const { client } = makeClient(double.current, { timeouts: { bodyMs: 300 } });
    const url = await completedDownloadUrl(client);
    double.current.fault({ route: 'download', stallAfterBytes: 5000 });
    const started = Date.now();
    const download = await client.download(url);
    const { bytes, error } = await readUntilError(download.body);
    assert.ok(error instanceof MagicHourError, String(error));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /stalled/);
    assert.equal(bytes.length, 5000);
    assert.ok(Date.now() - started < 5000);
  });

  it('reports an expired download URL as a 403 with its own hint, without retrying', async () => {
    double.current.configure({ downloadTtlMs: -1000 });
    const { client, sleeps } = makeClient(double.current);
    const url = await completedDownloadUrl(client);
    const error = await rejectsWithMagicHourError(() => client.download(url));
    assert.equal(error.status, 403);
    assert.equal(error.hint, downloadExpiredHint());
    assert.equal(error.retryable, false);
    assert.equal(double.current.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('retries a download answered 503 before the body started', async () => {
    const { client, sleeps } = makeClient(double.current);
    const url = await completedDownloadUrl(client);
    double.current.fault({ route: 'download', status: 503 });
    const download = await client.download(url);
    assert.deepEqual(await readAll(download.body), output);
    assert.equal(sleeps.length, 1);
  });

  it('frees the connection when the consumer stops reading early', async () => {
    const { client } = makeClient(double.current);
    const url = await completedDownloadUrl(client);
    const download = await client.download(url);
    download.body.destroy();
    // The next call on the same agent still works.
    const again = await client.download(url);
    assert.deepEqual(await readAll(again.body), output);
  });
});
