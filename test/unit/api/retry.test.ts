import * as assert from 'node:assert/strict';
import {
  abortableSleep,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  resolveRetryPolicy,
} from '../../../src/api/retry';
import { fixture, imageToVideoBody, makeClient, rejectsWithMagicHourError, useDouble } from './helpers';

describe('retry arithmetic', () => {
  it('grows the full-jitter ceiling exponentially and caps it at maxDelayMs', () => {
    const policy = { maxAttempts: 10, baseDelayMs: 500, maxDelayMs: 30_000 };
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, policy, undefined, () => 1));
    assert.deepEqual(ceilings, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    assert.equal(
      backoffDelay(3, policy, undefined, () => 0),
      0,
    );
    assert.equal(
      backoffDelay(3, policy, undefined, () => 0.5),
      1000,
    );
  });

  it('prefers Retry-After, still capped at maxDelayMs', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 };
    assert.equal(
      backoffDelay(1, policy, 2000, () => 0),
      2000,
    );
    assert.equal(
      backoffDelay(1, policy, 120_000, () => 0),
      10_000,
    );
  });

  it('parses Retry-After as seconds or as an HTTP date, and ignores nonsense', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('1.5', now), 1500);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0, 'a past date means now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter(['3', '9'], now), 3000);
  });

  it('fills the default policy and rejects nonsense', () => {
    assert.deepEqual(resolveRetryPolicy(undefined), DEFAULT_RETRY_POLICY);
    assert.deepEqual(resolveRetryPolicy({ maxAttempts: 2 }), { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    assert.throws(() => resolveRetryPolicy({ maxAttempts: 0 }), RangeError);
  });

  it('abortableSleep rejects as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(abortableSleep(10_000, controller.signal), {
      name: 'MagicHourError',
      kind: 'aborted',
    });
    assert.ok(Date.now() - started < 1000);
  });
});

describe('MagicHourClient retries', () => {
  const double = useDouble({ renderMs: 200 });

  async function createdProject(): Promise<string> {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    const { id } = await client.createImageToVideo(imageToVideoBody(filePath));
    double.current.clearRequests();
    return id;
  }

  it('waits about 2 s on a 429 with Retry-After: 2, then succeeds', async () => {
    const id = await createdProject();
    // The real (default) sleep, to measure the wait.
    const { client, logs } = makeClient(double.current, { sleep: undefined });
    double.current.fault({ route: 'get-project', status: 429, headers: { 'retry-after': '2' } });
    const started = Date.now();
    const project = await client.getProject(id);
    const elapsed = Date.now() - started;
    assert.equal(project.id, id);
    assert.ok(elapsed >= 1900 && elapsed < 4000, `waited ${elapsed} ms`);
    assert.deepEqual(
      double.current.requests.map((r) => r.status),
      [429, 200],
    );
    assert.ok(
      logs.some((line) => line.includes('429, retrying in 2000 ms (attempt 2 of 5)')),
      logs.join('\n'),
    );
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current);
    const at = new Date(Date.now() + 3000).toUTCString();
    double.current.fault({ route: 'get-project', status: 503, headers: { 'retry-after': at } });
    await client.getProject(id);
    assert.equal(sleeps.length, 1);
    // HTTP dates have whole seconds, so 3 s from now is 2–3 s away.
    assert.ok(sleeps[0]! >= 1000 && sleeps[0]! <= 3100, `slept ${sleeps[0]} ms`);
  });

  it('retries 500 then 503, then succeeds, with growing full-jitter waits', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'get-project', status: 500 });
    double.current.fault({ route: 'get-project', status: 503 });
    const project = await client.getProject(id);
    assert.equal(project.id, id);
    assert.deepEqual(
      double.current.requests.map((r) => r.status),
      [500, 503, 200],
    );
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[0]! <= 500 && sleeps[1]! <= 1000, `slept ${sleeps.join(', ')}`);
  });

  it('caps every wait at maxDelayMs, including a long Retry-After', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current, {
      retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 250 },
    });
    double.current.fault({ route: 'get-project', status: 502, times: 3 });
    double.current.fault({ route: 'get-project', status: 429, headers: { 'retry-after': '120' } });
    await client.getProject(id);
    assert.equal(sleeps.length, 4);
    for (const ms of sleeps) assert.ok(ms >= 0 && ms <= 250, `slept ${ms} ms`);
    assert.equal(sleeps[3], 250);
  });

  it('gives up after maxAttempts with a retryable error', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current, { retry: { maxAttempts: 3 } });
    double.current.fault({ route: 'get-project', status: 503, times: 10 });
    const error = await rejectsWithMagicHourError(() => client.getProject(id));
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.match(error.hint, /having trouble/);
    assert.equal(double.current.requests.length, 3);
    assert.equal(sleeps.length, 2);
  });

  it('makes one attempt only with retry: false (the poller handles errors itself)', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'get-project', status: 503, headers: { 'retry-after': '1' } });
    const error = await rejectsWithMagicHourError(() => client.getProject(id, { retry: false }));
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 1000);
    assert.equal(double.current.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('retries a GET whose connection was reset, and one that timed out', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current, { timeouts: { headersMs: 150 } });
    double.current.fault({ route: 'get-project', reset: 'before-request-body' });
    double.current.fault({ route: 'get-project', delayMs: 1000 });
    double.current.fault({ route: 'get-project', reset: 'mid-response-body' });
    const project = await client.getProject(id);
    assert.equal(project.id, id);
    assert.equal(double.current.requests.length, 4);
    assert.equal(sleeps.length, 3);
  });

  it('does not retry 4xx answers other than 429', async () => {
    const id = await createdProject();
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'get-project', status: 400, times: 5 });
    const error = await rejectsWithMagicHourError(() => client.getProject(id));
    assert.equal(error.status, 400);
    assert.equal(error.retryable, false);
    assert.equal(double.current.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('retries upload-urls (it bills nothing) on 5xx and lost answers', async () => {
    const { client, sleeps } = makeClient(double.current);
    double.current.fault({ route: 'upload-urls', status: 502 });
    double.current.fault({ route: 'upload-urls', reset: 'after-request-body' });
    const [item] = await client.createUploadUrls([{ type: 'image', extension: 'png' }]);
    assert.ok(item?.upload_url.startsWith(double.current.storageUrl));
    assert.equal(double.current.requests.filter((r) => r.route === 'upload-urls').length, 3);
    assert.equal(sleeps.length, 2);
  });
});
