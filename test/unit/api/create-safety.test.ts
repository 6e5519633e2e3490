import * as assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { maybeReceivedHint } from '../../../src/api/errors';
import { fixture, imageToVideoBody, makeClient, rejectsWithMagicHourError, useDouble } from './helpers';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP relay from `port` to `target`, so a refused address can start working between attempts. */
async function startRelay(port: number, target: URL): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(target.port), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('MagicHourClient create safety (never resend a create that may have been received)', () => {
  const double = useDouble({ renderMs: 200 });

  async function uploadedImage(): Promise<string> {
    return makeClient(double.current).client.uploadFile(fixture('sample.png'), 'image');
  }

  it('does not resend an image-to-video whose connection was cut after the request body', async () => {
    const filePath = await uploadedImage();
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'image-to-video', reset: 'after-request-body' });

    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath)),
    );
    assert.equal(error.kind, 'network');
    assert.equal(error.maybeReceived, true);
    assert.equal(error.retryable, false);
    assert.equal(error.hint, maybeReceivedHint());
    assert.match(error.message, /may have reached Magic Hour/);

    const creates = double.current.requests.filter((r) => r.route === 'image-to-video');
    assert.equal(creates.length, 1, 'exactly one create was sent');
    assert.equal(double.current.projects.size, 1, 'the double made one project, whose answer was lost');
    assert.deepEqual(sleeps, []);
  });

  it('does not resend a video-to-video cut before its body was read either', async () => {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.mp4'), 'video');
    double.current.fault({ route: 'video-to-video', reset: 'before-request-body' });
    const error = await rejectsWithMagicHourError(() =>
      client.createVideoToVideo({
        assets: { video_source: 'file', video_file_path: filePath },
        start_seconds: 0,
        end_seconds: 2,
        style: { art_style: 'Watercolor' },
      }),
    );
    assert.equal(error.maybeReceived, true);
    assert.equal(double.current.requests.filter((r) => r.route === 'video-to-video').length, 1);
  });

  it('does not resend a create that timed out waiting for the answer', async () => {
    const filePath = await uploadedImage();
    const { client, sleeps } = makeClient(double.current, { timeouts: { headersMs: 150 } });
    double.current.fault({ route: 'image-to-video', delayMs: 1000 });
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath)),
    );
    assert.equal(error.kind, 'timeout');
    assert.equal(error.maybeReceived, true);
    assert.equal(double.current.requests.filter((r) => r.route === 'image-to-video').length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('does not resend a create answered 503, and says nothing was received', async () => {
    const filePath = await uploadedImage();
    const { client } = makeClient(double.current);
    double.current.fault({ route: 'image-to-video', status: 503 });
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath)),
    );
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 503);
    assert.equal(error.maybeReceived, false);
    assert.equal(error.retryable, false);
    assert.equal(double.current.requests.filter((r) => r.route === 'image-to-video').length, 1);
    assert.equal(double.current.projects.size, 0);
  });

  it('retries a create whose connection was refused, and it goes through once the API is reachable', async () => {
    const filePath = await uploadedImage();
    const port = await closedPort();
    let relay: { close(): Promise<void> } | undefined;
    const { client, sleeps, logs } = makeClient(double.current, {
      baseUrl: `http://127.0.0.1:${port}`,
      // The API "comes back" during the backoff after the refused attempt.
      sleep: async (ms) => {
        sleeps.push(ms);
        relay ??= await startRelay(port, new URL(double.current.apiUrl));
      },
    });
    try {
      const created = await client.createImageToVideo(imageToVideoBody(filePath));
      assert.ok(double.current.projects.has(created.id));
      assert.equal(double.current.projects.size, 1);
      assert.equal(double.current.requests.filter((r) => r.route === 'image-to-video').length, 1);
      assert.equal(sleeps.length, 1);
      assert.ok(logs.some((line) => /ECONNREFUSED/.test(line)));
    } finally {
      await relay?.close();
    }
  });

  it('gives up on a refused create after maxAttempts, saying nothing was received', async () => {
    const { client, sleeps } = makeClient(double.current, {
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      retry: { maxAttempts: 3 },
    });
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody('api-assets/x.png')),
    );
    assert.equal(error.kind, 'network');
    assert.equal(error.maybeReceived, false);
    assert.equal(error.retryable, true);
    assert.match(error.message, /Could not connect to 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
    assert.equal(sleeps.length, 2);
  });

  it('flags a create whose 200 answer is unreadable as maybe received (the job exists)', async () => {
    const filePath = await uploadedImage();
    const { client } = makeClient(double.current);
    double.current.fault({ route: 'image-to-video', malformedJson: true });
    const error = await rejectsWithMagicHourError(() =>
      client.createImageToVideo(imageToVideoBody(filePath)),
    );
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.status, 200);
    assert.equal(error.maybeReceived, true);
    assert.equal(double.current.projects.size, 1);
    assert.equal(double.current.requests.filter((r) => r.route === 'image-to-video').length, 1);
  });
});
