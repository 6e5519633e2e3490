import * as assert from 'node:assert/strict';
import { uploadExpiredHint } from '../../../src/api/errors';
import {
  makeClient,
  randomFile,
  rejectsWithMagicHourError,
  sha256OfFile,
  useDouble,
  useTempDir,
} from './helpers';

describe('MagicHourClient uploads', () => {
  const double = useDouble();
  const temp = useTempDir();

  const routes = () => double.current.requests.map((r) => `${r.route} ${r.status ?? 'cut'}`);

  it('asks for a new upload URL after a 403 and re-uploads the same bytes', async () => {
    const file = randomFile(temp.path, 'clip.mp4', 300_000);
    const { client, logs } = makeClient(double.current);
    double.current.fault({ route: 'upload', status: 403 });

    const filePath = await client.uploadFile(file, 'video');
    assert.deepEqual(routes(), ['upload-urls 200', 'upload 403', 'upload-urls 200', 'upload 200']);
    const [first, second] = double.current.requests.filter((r) => r.route === 'upload');
    assert.notEqual(first!.url, second!.url, 'the second PUT used the new URL');
    const uploaded = double.current.uploads.get(filePath);
    assert.equal(uploaded?.bytes, 300_000);
    assert.equal(uploaded?.sha256, await sha256OfFile(file));
    assert.ok(logs.some((line) => /was refused \(403\): asking for a new one/.test(line)));
  });

  it('asks for a new upload URL before uploading when expires_at has passed', async () => {
    const file = randomFile(temp.path, 'still.png', 10_000);
    double.current.configure({ uploadTtlMs: -1000 });
    const { client } = makeClient(double.current, {
      // The double hands out a live URL from the second request on.
      log: (line) => {
        if (line.includes('upload-urls')) double.current.configure({ uploadTtlMs: 60 * 60 * 1000 });
      },
    });
    const filePath = await client.uploadFile(file, 'image');
    assert.deepEqual(routes(), ['upload-urls 200', 'upload-urls 200', 'upload 200']);
    assert.equal(double.current.uploads.get(filePath)?.sha256, await sha256OfFile(file));
  });

  it('gives up with "the upload link expired" when every new URL is refused', async () => {
    const file = randomFile(temp.path, 'still.png', 1000);
    double.current.configure({ uploadTtlMs: -1000 });
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() => client.uploadFile(file, 'image'));
    assert.equal(error.status, 403);
    assert.equal(error.hint, uploadExpiredHint());
    assert.equal(error.apiMessage, 'Request has expired', 'read from the S3-style XML');
    assert.deepEqual(routes(), ['upload-urls 200', 'upload-urls 200', 'upload-urls 200', 'upload 403']);
  });

  it('retries a PUT cut part way with a fresh file stream', async () => {
    const size = 8 * 1024 * 1024;
    const file = randomFile(temp.path, 'big.mov', size);
    const { client, sleeps } = makeClient(double.current);
    // The double lets the head and part of the body in, then resets the connection.
    double.current.fault({ route: 'upload', reset: 'before-request-body', delayMs: 50 });
    const progress: number[] = [];
    const filePath = await client.uploadFile(file, 'video', { onProgress: (sent) => progress.push(sent) });

    assert.deepEqual(routes(), ['upload-urls 200', 'upload cut', 'upload 200']);
    assert.equal(sleeps.length, 1);
    const restart = progress.findIndex((sent, i) => i > 0 && sent < progress[i - 1]!);
    assert.ok(restart > 0, 'progress started over: the second attempt read the file from the start');
    assert.equal(progress.at(-1), size);
    const uploaded = double.current.uploads.get(filePath);
    assert.equal(uploaded?.bytes, size);
    assert.equal(uploaded?.sha256, await sha256OfFile(file));
  });

  it('retries a PUT answered 503, then reports progress up to the full size', async () => {
    const file = randomFile(temp.path, 'a.wav', 200_000);
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'upload', status: 503 });
    const seen: [number, number][] = [];
    await client.uploadFile(file, 'audio', { onProgress: (sent, total) => seen.push([sent, total]) });
    assert.deepEqual(routes(), ['upload-urls 200', 'upload 503', 'upload 200']);
    assert.equal(sleeps.length, 1);
    assert.deepEqual(seen.at(-1), [200_000, 200_000]);
  });

  it('sends Content-Length from the file size, no token, and handles an empty file', async () => {
    const file = randomFile(temp.path, 'empty.png', 0);
    const { client } = makeClient(double.current);
    const [item] = await client.createUploadUrls([{ type: 'image', extension: 'png' }]);
    await client.putFile(item!.upload_url, file, { contentType: 'image/png' });
    const put = double.current.requests.find((r) => r.route === 'upload')!;
    assert.equal(put.status, 200);
    assert.equal(put.headers['content-length'], '0');
    assert.equal(put.headers['content-type'], 'image/png');
    assert.equal(put.headers.authorization, undefined);
    assert.equal(double.current.uploads.get(item!.file_path)?.bytes, 0);
  });

  it('asks for several upload URLs at once, in order', async () => {
    const { client } = makeClient(double.current);
    const items = await client.createUploadUrls([
      { type: 'video', extension: 'mp4' },
      { type: 'audio', extension: 'mp3' },
    ]);
    assert.equal(items.length, 2);
    assert.match(items[0]!.file_path, /\.mp4$/);
    assert.match(items[1]!.file_path, /\.mp3$/);
  });
});
