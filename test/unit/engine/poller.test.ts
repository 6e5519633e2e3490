import * as assert from 'node:assert/strict';
import { DEFAULT_POLL_TIMING, pollDelay } from '../../../src/engine/poller';
import { RateGate } from '../../../src/engine/rate-gate';
import { inState, Rig, waitForJob } from './setup';

describe('Polling', function () {
  this.timeout(40_000);

  it('grows from 2 s to a 5 s cap with focus, and to 30 s without', () => {
    const focused = [0, 1, 2, 3, 4].map((n) => pollDelay(DEFAULT_POLL_TIMING, n, true));
    assert.deepEqual(focused, [2_000, 3_000, 4_500, 5_000, 5_000]);
    assert.equal(pollDelay(DEFAULT_POLL_TIMING, 10, false), 30_000);
  });

  it('spaces concurrent callers of the rate gate and holds them during a pause', async () => {
    const gate = new RateGate(100);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all([0, 1, 2, 3].map(() => gate.wait().then(() => times.push(Date.now() - started))));
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 95, `spacing ${times}`);
    gate.pauseUntil(Date.now() + 400);
    const before = Date.now();
    await gate.wait();
    assert.ok(Date.now() - before >= 390, 'waited out the pause');
  });

  describe('with the default schedule against the double', () => {
    let rig: Rig;
    beforeEach(async () => (rig = await Rig.create({ renderMs: 13_000 })));
    afterEach(() => rig.close());

    it('checks a job first about 2 s after creation, then every 3, 4.5, 5 s', async () => {
      const engine = await rig.engine({ timing: DEFAULT_POLL_TIMING, minRequestSpacingMs: 550 });
      const job = await rig.submitImage(engine);
      await waitForJob(engine, job.id, inState('done'), 25_000);
      const created = rig.double.requests.find((r) => r.route === 'image-to-video')!.at;
      const polls = rig.double.requests.filter((r) => r.route === 'get-project').map((r) => r.at);
      const gaps = [polls[0]! - created, ...polls.slice(1, 4).map((t, i) => t - polls[i]!)];
      const expected = [2_000, 3_000, 4_500, 5_000];
      gaps.forEach((gap, i) =>
        assert.ok(Math.abs(gap - expected[i]!) < 400, `gap ${i}: ${gap} ms, want ${expected[i]}`),
      );
      assert.ok(polls.length <= 6, `${polls.length} status requests for a 13 s render`);
    });
  });

  describe('with many jobs', () => {
    let rig: Rig;
    beforeEach(async () => (rig = await Rig.create({ renderMs: 1_500 })));
    afterEach(() => rig.close());

    it('keeps the API request rate under the gate cap however many jobs run', async () => {
      const engine = await rig.engine({ minRequestSpacingMs: 100 });
      const jobs = await Promise.all(Array.from({ length: 8 }, () => rig.submitImage(engine)));
      await Promise.all(jobs.map((j) => waitForJob(engine, j.id, inState('done'), 30_000)));
      const api = rig.double.requests.filter((r) => r.origin === 'api').map((r) => r.at);
      assert.ok(api.length >= 8 * 3, `${api.length} API requests`);
      // Slots are 100 ms apart; arrival jitters by a few ms, so count per second, not per gap.
      const busiest = Math.max(...api.map((t) => api.filter((u) => u >= t && u < t + 1_000).length));
      assert.ok(busiest <= 11, `${busiest} API requests within one second`);
    });

    it('pauses all polling for the Retry-After of a 429', async () => {
      rig.double.configure({ renderMs: 4_000 });
      const engine = await rig.engine();
      const jobs = await Promise.all([1, 2].map(() => rig.submitImage(engine)));
      await Promise.all(jobs.map((j) => waitForJob(engine, j.id, (x) => x.projectId !== undefined)));
      rig.double.fault({ route: 'get-project', status: 429, headers: { 'retry-after': '1' } });
      await Promise.all(jobs.map((j) => waitForJob(engine, j.id, inState('done'), 15_000)));
      const limited = rig.double.requests.find((r) => r.route === 'get-project' && r.status === 429)!;
      const next = rig.double.requests.find((r) => r.origin === 'api' && r.at > limited.at)!;
      assert.ok(next.at - limited.at >= 950, `next request after ${next.at - limited.at} ms`);
    });
  });
});
