/**
 * Faults while a job is polled: 5xx, 429 with Retry-After, unreadable answers, a newer API's
 * answers, renders that fail or are canceled, and Stop Tracking with a request in flight.
 * Issue cases 1, 2, 7, 8, 11 and 23.
 */
import * as assert from 'node:assert/strict';
import {
  activeResources,
  filesIn,
  inState,
  leakedSince,
  OUTPUT_BYTES,
  recordAll,
  requestsTo,
  Rig,
  settleLeaks,
  SETTLED,
  sleep,
  submitImage,
  waitForJob,
} from './helpers';

describe('Faults while polling', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 1_500 })));
  afterEach(() => rig.close());

  const created = (engine: Awaited<ReturnType<Rig['engine']>>, id: string) =>
    waitForJob(engine, id, (j) => j.projectId !== undefined);

  it('case 1: status 500, then 503s, then 200: the job completes and the interval never passes its cap', async () => {
    const cap = 200;
    const engine = await rig.engine({
      timing: { firstDelayMs: 50, growth: 2, focusedCapMs: cap, unfocusedCapMs: 1_000 },
    });
    const records = recordAll(engine);
    const job = await submitImage(engine, rig);
    await created(engine, job.id);
    rig.double.fault({ route: 'get-project', status: 500 });
    rig.double.fault({ route: 'get-project', status: 503, times: 8 });
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(done.warning, undefined, 'the warning is cleared by the first good answer');

    const polls = requestsTo(rig.double.requests, 'get-project');
    assert.deepEqual(
      polls.slice(0, 9).map((r) => r.status),
      [500, 503, 503, 503, 503, 503, 503, 503, 503],
    );
    // Uncapped, nine failures in a row would have grown the interval to 50 ms · 2⁸ = 12.8 s.
    const gaps = polls.slice(1).map((r, i) => r.at - polls[i]!.at);
    assert.ok(
      gaps.every((gap) => gap <= cap + 200),
      `gaps between status checks: ${gaps.join(', ')} ms`,
    );
    const warnings = records.filter((r) => r.id === job.id && r.warning).map((r) => r.warning!);
    assert.ok(
      warnings.some((w) => /Internal Server Error\. Magic Hour is having trouble/.test(w)),
      warnings.join('\n'),
    );
    assert.ok(warnings.some((w) => /Service Unavailable\. Magic Hour is having trouble/.test(w)));
  });

  for (const [form, retryAfter] of [
    ['seconds', (): string => '2'],
    ['an HTTP date', (): string => new Date(Date.now() + 2_600).toUTCString()],
  ] as const) {
    it(`case 2: a 429 with Retry-After in ${form} pauses every job's polling until then`, async () => {
      rig.double.configure({ renderMs: 5_000 });
      const engine = await rig.engine();
      const jobs = await Promise.all([1, 2, 3].map(() => submitImage(engine, rig)));
      await Promise.all(jobs.map((j) => created(engine, j.id)));
      const value = retryAfter();
      rig.double.fault({ route: 'get-project', status: 429, headers: { 'retry-after': value } });
      for (const job of jobs) {
        const done = await waitForJob(engine, job.id, inState(...SETTLED), 20_000);
        assert.equal(done.state, 'done', done.error?.message);
      }
      const limited = rig.double.requests.find((r) => r.status === 429)!;
      const until = form === 'seconds' ? limited.at + 2_000 : Date.parse(value);
      assert.ok(until - limited.at >= 1_000, `a pause of ${until - limited.at} ms`);
      const during = rig.double.requests.filter(
        (r) => r.origin === 'api' && r.at > limited.at && r.at < until - 30,
      );
      assert.deepEqual(
        during.map((r) => `${r.route} ${r.at - limited.at} ms after`),
        [],
        'no job asked anything during the pause',
      );
      const next = rig.double.requests.find((r) => r.origin === 'api' && r.at > limited.at);
      assert.ok(
        next && next.at >= until - 30,
        `next request ${next && next.at - limited.at} ms after the 429`,
      );
    });
  }

  it('case 7: malformed JSON and a proxy’s HTML page give a clear warning, and polling goes on', async () => {
    const engine = await rig.engine();
    const records = recordAll(engine);
    const job = await submitImage(engine, rig);
    await created(engine, job.id);
    rig.double.fault({ route: 'get-project', malformedJson: true });
    rig.double.fault({
      route: 'get-project',
      status: 502,
      contentType: 'text/html',
      body: '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
    });
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    const warnings = records.filter((r) => r.id === job.id && r.warning).map((r) => r.warning!);
    assert.ok(
      warnings.some((w) => /answered with text that is not valid JSON \(status 200\)/.test(w)),
      warnings.join('\n'),
    );
    assert.ok(warnings.some((w) => /answered with an HTML page, not JSON \(status 502\)/.test(w)));
    const statuses = requestsTo(rig.double.requests, 'get-project').map((r) => r.status);
    assert.deepEqual(statuses.slice(0, 2), [200, 502]);
    assert.ok(statuses.length >= 3, 'it polled again after both');
  });

  describe('case 8: answers from a newer API', () => {
    it('polls on through a status it does not know, and shows it', async () => {
      rig.double.configure({ renderMs: 60_000 });
      const engine = await rig.engine();
      const job = await submitImage(engine, rig);
      const { projectId } = await created(engine, job.id);
      rig.double.setProjectStatus(projectId!, 'upscaling');
      const upscaling = await waitForJob(engine, job.id, (j) => j.remoteStatus === 'upscaling');
      assert.equal(upscaling.state, 'rendering', 'an unknown status is not terminal');
      assert.equal(upscaling.error, undefined);
      rig.double.setProjectStatus(projectId!, 'complete');
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
    });

    it('waits for a complete project that has no downloads yet, ignoring fields it does not know', async () => {
      const engine = await rig.engine();
      const records = recordAll(engine);
      const job = await submitImage(engine, rig);
      const { projectId } = await created(engine, job.id);
      rig.double.setProjectStatus(projectId!, 'complete');
      const drifted = {
        id: projectId,
        status: 'complete',
        credits_charged: 300,
        enabled: true,
        error: null,
        outputs_v2: [{ kind: 'mp4', variants: { hd: true } }],
        billing: { tier: 'creator' },
      };
      rig.double.fault({ route: 'get-project', status: 200, body: JSON.stringify(drifted) });
      rig.double.fault({
        route: 'get-project',
        status: 200,
        body: JSON.stringify({ ...drifted, downloads: null, download: null }),
      });
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
      const waiting = records.filter(
        (r) => r.id === job.id && r.warning?.includes('waiting for the download'),
      );
      assert.ok(waiting.length >= 2, 'both answers without a link were waited out');
    });

    it('uses the deprecated `download` when `downloads` is missing', async () => {
      const engine = await rig.engine();
      const job = await submitImage(engine, rig);
      const { projectId } = await created(engine, job.id);
      rig.double.setProjectStatus(projectId!, 'complete');
      const url = `${rig.double.storageUrl}/download/${projectId}/0?expires=${Date.now() + 60_000}`;
      rig.double.fault({
        route: 'get-project',
        status: 200,
        body: JSON.stringify({ id: projectId, status: 'complete', download: { url } }),
      });
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
      assert.equal(requestsTo(rig.double.requests, 'get-project').length, 1, 'the first answer was enough');
    });

    it('reports an answer without a status as a clear problem, and polls on', async () => {
      const engine = await rig.engine();
      const records = recordAll(engine);
      const job = await submitImage(engine, rig);
      const { projectId } = await created(engine, job.id);
      rig.double.fault({ route: 'get-project', status: 200, body: JSON.stringify({ id: projectId }) });
      rig.double.fault({ route: 'get-project', status: 200, body: '[]' });
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
      const warnings = records.filter((r) => r.id === job.id && r.warning).map((r) => r.warning!);
      assert.ok(
        warnings.some((w) =>
          /The answer to GET \/v1\/video-projects\/… did not have the expected shape \(status:/.test(w),
        ),
        warnings.join('\n'),
      );
    });
  });

  describe('case 11: a render that fails or is canceled on Magic Hour', () => {
    for (const [status, error, expected] of [
      [
        'error',
        { code: 'nsfw_detected', message: 'The image was flagged' },
        /^The image was flagged\. The credits are refunded\.$/,
      ],
      ['canceled', undefined, /^The job was canceled on Magic Hour\. The credits are refunded\.$/],
    ] as const) {
      it(`ends a job whose project is "${status}" with the message and the refund`, async () => {
        rig.double.configure({ renderMs: 60_000 });
        const engine = await rig.engine();
        const job = await submitImage(engine, rig);
        const { projectId } = await created(engine, job.id);
        assert.ok(engine.get(job.id)!.creditsCharged! > 0);
        rig.double.setProjectStatus(projectId!, status, error);
        const ended = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(ended.state, 'failed');
        assert.match(ended.error!.message, expected);
        assert.equal(ended.error!.code, error?.code ?? 'canceled');
        assert.equal(ended.remoteStatus, status);
        assert.equal(ended.creditsCharged, 0, 'the refund shows in the credits');
        assert.equal(requestsTo(rig.double.requests, 'download').length, 0);
      });
    }
  });

  describe('case 23: Stop Tracking with a request in flight', () => {
    it('aborts a status check in flight: a render that completes meanwhile is not downloaded', async () => {
      rig.double.configure({ renderMs: 800 });
      const engine = await rig.engine({ rescanMs: 60_000 });
      const job = await submitImage(engine, rig);
      await created(engine, job.id);
      const baseline = activeResources();
      const polled = requestsTo(rig.double.requests, 'get-project').length;
      rig.double.fault({ route: 'get-project', delayMs: 1_200 });
      const slow = await waitForRequest(rig, 'get-project', polled);
      await engine.stop(job.id);
      assert.equal(engine.get(job.id)?.state, 'stopped');
      await sleep(1_500); // the render completed and the slow answer was due meanwhile
      assert.equal(slow.status, undefined, 'the request was aborted before its answer came');
      const after = engine.get(job.id)!;
      assert.equal(
        after.state,
        'stopped',
        `a late answer revived the job: ${after.history.map((h) => h.state)}`,
      );
      assert.equal(requestsTo(rig.double.requests, 'download').length, 0);
      assert.deepEqual(await filesIn(rig.workspace, 'sample.image'), []);
      assert.deepEqual(await settleLeaks(baseline), {}, 'timers or sockets left behind');
    });

    it('aborts a download in flight, removes its partial file and leaves no timer', async () => {
      const engine = await rig.engine({ rescanMs: 60_000 });
      rig.double.configure({ outputBytes: OUTPUT_BYTES });
      rig.double.fault({ route: 'download', stallAfterBytes: 30_000 });
      const job = await submitImage(engine, rig);
      await waitForJob(engine, job.id, (j) => (j.download?.bytes ?? 0) >= 30_000);
      const baseline = activeResources();
      const started = Date.now();
      await engine.stop(job.id);
      assert.ok(Date.now() - started < 500, 'stop does not wait for the stalled download');
      assert.equal(engine.get(job.id)?.state, 'stopped');
      await sleep(100);
      assert.deepEqual(await filesIn(rig.workspace, '.'), [], 'the partial file is removed');
      assert.deepEqual(await filesIn(rig.workspace, 'sample.image'), []);
      const leaked = leakedSince(baseline);
      // The stalled download held one socket and its progress report one timer: both are gone.
      assert.ok(!leaked.Timeout, `timers left behind: ${JSON.stringify(leaked)}`);
      assert.ok(!leaked.TCPSocketWrap, `sockets left behind: ${JSON.stringify(leaked)}`);
    });

    it('aborts an upload in flight: nothing is created', async () => {
      const engine = await rig.engine({ rescanMs: 60_000 });
      const baseline = activeResources();
      rig.double.fault({ route: 'upload-urls', delayMs: 1_000 });
      const job = await submitImage(engine, rig);
      await waitForRequest(rig, 'upload-urls', 0);
      await engine.stop(job.id);
      assert.equal(engine.get(job.id)?.state, 'stopped');
      await sleep(1_200);
      assert.equal(engine.get(job.id)?.state, 'stopped');
      assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 0);
      assert.equal(requestsTo(rig.double.requests, 'upload').length, 0);
      assert.deepEqual(await settleLeaks(baseline), {}, 'timers or sockets left behind');
    });
  });
});

/** Waits until the double received request number `index` (from 0) of `route` and returns it. */
async function waitForRequest(rig: Rig, route: Parameters<typeof requestsTo>[1], index: number) {
  for (let i = 0; i < 300; i++) {
    const found = requestsTo(rig.double.requests, route)[index];
    if (found) return found;
    await sleep(10);
  }
  throw new Error(`no ${route} request came`);
}
