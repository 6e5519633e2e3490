import assert from 'node:assert/strict';
import { startDouble } from '../../double/server';
import type { MagicHourDouble } from '../../double/types';
import {
  AUTH,
  callApi,
  createProject,
  downloadUrlOf,
  errorCode,
  imageToVideoBody,
  sleep,
  uploadUrl,
} from './client';

/** Reads a response body until `bytes` arrived, then checks nothing more comes for `quietMs`. */
async function readThenStall(response: Response, bytes: number, quietMs: number): Promise<number> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  let received = 0;
  while (received < bytes) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`body ended after ${received} bytes`);
    received += value.byteLength;
  }
  const next = reader.read().then(() => 'more');
  next.catch(() => undefined);
  const outcome = await Promise.race([next, sleep(quietMs).then(() => 'quiet')]);
  assert.equal(outcome, 'quiet');
  return received;
}

describe('Magic Hour double: faults', () => {
  let double: MagicHourDouble;

  beforeEach(async () => {
    double = await startDouble({ renderMs: 60_000 });
  });

  afterEach(async () => {
    await double.close();
  });

  it('answers a scripted status with Retry-After, then the real answer', async () => {
    double.fault({ route: 'get-project', status: 429, headers: { 'retry-after': '2' } });
    const limited = await callApi(double, 'GET', '/v1/video-projects/x');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.deepEqual(limited.body, { message: 'Too Many Requests' });
    assert.equal(double.requests.at(-1)?.status, 429);
    assert.equal((await callApi(double, 'GET', '/v1/video-projects/x')).status, 404);
  });

  it('a status fault on a create has no side effect, and applies `times` times in order', async () => {
    double.fault({ route: 'image-to-video', status: 503, times: 2 });
    double.fault({
      route: 'image-to-video',
      status: 502,
      body: '<html>Bad gateway</html>',
      contentType: 'text/html',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await callApi(double, 'POST', '/v1/image-to-video', imageToVideoBody())).status);
    }
    assert.deepEqual(statuses, [503, 503, 502, 200]);
    assert.equal(double.projects.size, 1);
  });

  it('delays the answer by delayMs', async () => {
    double.fault({ route: 'get-project', delayMs: 300 });
    const started = Date.now();
    const answer = await callApi(double, 'GET', '/v1/video-projects/x');
    assert.ok(Date.now() - started >= 280, `took ${Date.now() - started} ms`);
    assert.equal(answer.status, 404);
  });

  it('before-request-body: resets the connection before reading an upload, storing nothing', async () => {
    double.fault({ route: 'upload', reset: 'before-request-body' });
    const item = await uploadUrl(double, 'image', 'png');
    await assert.rejects(
      fetch(item.upload_url, { method: 'PUT', body: Buffer.alloc(1024 * 1024) }),
      (error) => {
        assert.match(errorCode(error), /^(ECONNRESET|EPIPE)$/);
        return true;
      },
    );
    assert.equal(double.uploads.size, 0);
    const record = double.requests.at(-1);
    assert.equal(record?.route, 'upload');
    assert.equal(record?.status, undefined);
  });

  it('before-request-body: a create is cut with ECONNRESET and makes nothing', async () => {
    double.fault({ route: 'image-to-video', reset: 'before-request-body' });
    await assert.rejects(callApi(double, 'POST', '/v1/image-to-video', imageToVideoBody()), (error) => {
      assert.equal(errorCode(error), 'ECONNRESET');
      return true;
    });
    assert.equal(double.projects.size, 0);
    assert.equal(double.requests.at(-1)?.route, 'image-to-video');
  });

  it('after-request-body: a create makes the project, then the answer is lost', async () => {
    double.fault({ route: 'image-to-video', reset: 'after-request-body' });
    await assert.rejects(callApi(double, 'POST', '/v1/image-to-video', imageToVideoBody()), (error) => {
      assert.equal(errorCode(error), 'ECONNRESET');
      return true;
    });
    assert.equal(double.projects.size, 1);
    assert.equal(double.requests.at(-1)?.status, undefined);
    assert.ok(double.creditBalance < 1_000_000, 'the lost create was charged');
  });

  it('after-request-body: an upload is stored, then the answer is lost', async () => {
    double.fault({ route: 'upload', reset: 'after-request-body' });
    const item = await uploadUrl(double, 'image', 'png');
    await assert.rejects(fetch(item.upload_url, { method: 'PUT', body: 'whole body' }));
    assert.equal(double.uploads.get(item.file_path)?.bytes, 10);
  });

  it('mid-response-body: sends the head and about half the body, then cuts', async () => {
    double.configure({ outputBytes: 2 * 1024 * 1024 });
    const url = await downloadUrlOf(double, await createProject(double));
    double.fault({ route: 'download', reset: 'mid-response-body' });
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(2 * 1024 * 1024));
    let received = 0;
    const reader = response.body?.getReader();
    await assert.rejects(async () => {
      for (;;) {
        const { value, done } = (await reader?.read()) ?? { done: true, value: undefined };
        if (done) return;
        received += value.byteLength;
      }
    });
    assert.equal(received, 1024 * 1024);
  });

  it('mid-response-body on JSON: the client gets a truncated body', async () => {
    double.fault({ route: 'get-project', reset: 'mid-response-body' });
    const response = await fetch(`${double.apiUrl}/v1/video-projects/x`, { headers: AUTH });
    assert.equal(response.status, 404);
    await assert.rejects(response.text());
  });

  it('malformedJson: the real status with a body that does not parse, and the create is real', async () => {
    double.fault({ route: 'image-to-video', malformedJson: true });
    const answer = await callApi(double, 'POST', '/v1/image-to-video', imageToVideoBody());
    assert.equal(answer.status, 200);
    assert.equal(answer.body, undefined);
    assert.throws(() => JSON.parse(answer.text));
    assert.ok(answer.text.startsWith('{"id":'), answer.text);
    assert.equal(double.projects.size, 1);
  });

  it('stallAfterBytes: sends the head and N bytes of a download, then nothing', async () => {
    const url = await downloadUrlOf(double, await createProject(double));
    double.fault({ route: 'download', stallAfterBytes: 4096 });
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    assert.equal(response.status, 200);
    const received = await readThenStall(response, 4096, 300);
    assert.equal(received, 4096);
    assert.equal(double.requests.at(-1)?.status, 200);
    controller.abort();
  });

  it('clearFaults drops queued faults', async () => {
    double.fault({ route: 'get-project', status: 500, times: 5 });
    double.clearFaults();
    assert.equal((await callApi(double, 'GET', '/v1/video-projects/x')).status, 404);
  });
});
