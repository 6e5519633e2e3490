import * as assert from 'node:assert/strict';
import {
  fixture,
  imageToVideoBody,
  makeClient,
  randomFile,
  rejectsWithMagicHourError,
  useDouble,
  useTempDir,
} from './helpers';

describe('MagicHourClient cancellation', () => {
  const double = useDouble();
  const temp = useTempDir();

  it('aborts a slow GET quickly, as kind "aborted", without retrying', async () => {
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'get-project', delayMs: 10_000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await rejectsWithMagicHourError(() =>
      client.getProject('abc', { signal: controller.signal }),
    );
    const elapsed = Date.now() - started;
    assert.equal(error.kind, 'aborted');
    assert.equal(error.retryable, false);
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    assert.deepEqual(sleeps, []);
    assert.equal(double.current.requests.length, 1);
  });

  it('aborts during the backoff wait (the default sleep is abortable)', async () => {
    const { client } = makeClient(double.current, { sleep: undefined });
    double.current.fault({ route: 'get-project', status: 503, headers: { 'retry-after': '20' } });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const error = await rejectsWithMagicHourError(() =>
      client.getProject('abc', { signal: controller.signal }),
    );
    assert.equal(error.kind, 'aborted');
    assert.ok(Date.now() - started < 1000);
    assert.equal(double.current.requests.length, 1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { client } = makeClient(double.current);
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody('api-assets/x.png'), { signal: AbortSignal.abort() }),
    );
    assert.equal(error.kind, 'aborted');
    assert.equal(error.maybeReceived, false);
    assert.equal(double.current.requests.length, 0);
  });

  it('flags a create aborted while in flight as maybe received', async () => {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    double.current.fault({ route: 'image-to-video', delayMs: 5000 });
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath), { signal: AbortSignal.timeout(100) }),
    );
    assert.equal(error.kind, 'aborted');
    assert.equal(error.maybeReceived, true);
  });

  it('aborts an upload in progress', async () => {
    const file = randomFile(temp.path, 'big.mp4', 32 * 1024 * 1024);
    const { client } = makeClient(double.current);
    const controller = new AbortController();
    const error = await rejectsWithMagicHourError(() =>
      client.uploadFile(file, 'video', {
        signal: controller.signal,
        onProgress: (sent) => {
          if (sent > 1024 * 1024) controller.abort();
        },
      }),
    );
    assert.equal(error.kind, 'aborted');
    assert.equal(double.current.uploads.size, 0);
  });
});
