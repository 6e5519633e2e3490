/**
 * Soak: 50 jobs at once against a double where 10% of the requests that may be repeated fail at
 * random (500, 502, 503, connection resets before, after and in the middle of an answer).
 *
 * Timing, chosen so the run stays short and the request cap still binds:
 * - renderMs 1.5 s, and the FAST poll schedule of the engine tests (checks every 150 ms at most);
 * - request spacing 50 ms, a cap of 20 API requests per second (the real default is 550 ms,
 *   under 2 per second, which would make this run take minutes). 50 jobs checked every 150 ms
 *   would ask for over 300 requests a second, so every job runs against the cap the whole time.
 *
 * SOAK_SEED=<n> repeats a run's exact sequence of faults (the seed is printed).
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MagicHourClient } from '../../../src/api/client';
import { JobEngine } from '../../../src/engine/engine';
import type { JobRecord } from '../../../src/engine/job';
import { RandomFaultSource } from '../../double/faults';
import { startDouble } from '../../double/server';
import type { MagicHourDouble } from '../../double/types';
import { makeWorkspace } from '../engine/setup';
import {
  activeResources,
  busiestWindow,
  FAST,
  I2V,
  inState,
  renderSha,
  requestsTo,
  SETTLED,
  settleLeaks,
  sha256,
  TOKEN,
  waitForJob,
} from './helpers';

const JOBS = 50;
const SPACING_MS = 50;
/**
 * Most API requests a window may hold: one per slot, one more for where the window falls, and
 * one for arrival jitter (the double stamps a request when it arrives, a little after its slot).
 */
const capFor = (windowMs: number): number => windowMs / SPACING_MS + 2;

describe('Soak', function () {
  this.timeout(120_000);

  it('the double’s random faults hit about the share asked for, the same ones for the same seed, never a create', () => {
    const draws = (seed: number) => {
      const source = new RandomFaultSource({ rate: 0.1, seed });
      return Array.from({ length: 4_000 }, (_, n) => {
        const route = (['get-project', 'download', 'image-to-video', 'upload'] as const)[n % 4];
        return source.draw(route!)?.label ?? '';
      });
    };
    const first = draws(7);
    assert.deepEqual(draws(7), first, 'a seed repeats its faults');
    assert.notDeepEqual(draws(8), first);
    const creates = first.filter((_, n) => n % 4 === 2);
    assert.deepEqual(new Set(creates), new Set(['']), 'creates are left alone by default');
    const others = first.filter((_, n) => n % 4 !== 2);
    const share = others.filter(Boolean).length / others.length;
    assert.ok(share > 0.08 && share < 0.12, `share of faults ${share}`);
    assert.ok(new Set(others.filter(Boolean)).size >= 5, 'every kind of fault comes up');
  });

  it(`${JOBS} jobs with 10% random faults: every clip saved once, under the request cap, nothing left running`, async () => {
    const seed = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 32));
    console.log(`      seed ${seed} (SOAK_SEED=${seed} repeats this run)`);
    // After a first await: mocha starts its timeout timer once the test function has returned.
    await new Promise((resolve) => setImmediate(resolve));
    const baseline = activeResources();
    const started = Date.now();

    const double = await startDouble({ renderMs: 1_500, randomFaults: { rate: 0.1, seed } });
    const workspace = await makeWorkspace();
    const storage = await fs.mkdtemp(path.join(os.tmpdir(), 'mh-soak-'));
    const engine = new JobEngine({
      client: new MagicHourClient({
        baseUrl: double.apiUrl,
        getToken: async () => TOKEN,
        retry: { baseDelayMs: 50, maxDelayMs: 500 },
        timeouts: { headersMs: 5_000, bodyMs: 5_000 },
      }),
      storageDir: storage,
      ...FAST,
      minRequestSpacingMs: SPACING_MS,
      // A transfer may meet several faults in a row; each attempt is cheap here.
      downloadAttempts: 8,
    });
    let finished: JobRecord[];
    try {
      await engine.start();
      const sources = await Promise.all(
        Array.from({ length: JOBS }, async (_, n) => {
          const file = path.join(workspace, `clip-${String(n).padStart(2, '0')}.png`);
          await fs.copyFile(path.join(workspace, 'sample.png'), file);
          return file;
        }),
      );
      const jobs = await Promise.all(
        sources.map((file) =>
          engine.submit({ mode: 'image-to-video', source: { kind: 'file', path: file }, settings: I2V }),
        ),
      );
      finished = await Promise.all(
        jobs.map((job) => waitForJob(engine, job.id, inState(...SETTLED), 100_000)),
      );
      report(double, started);

      const failed = finished.filter((job) => job.state !== 'done');
      assert.deepEqual(
        failed.map((job) => `${job.name}: ${job.state}: ${job.error?.message}`),
        [],
        'every job finished with its clip saved',
      );
      // Exactly once: one clip per source under its own name, no " (2)", no temp file.
      const expected = sources.map((file) => path.basename(file, '.png') + '.image-to-video.mp4');
      const outputs = (await fs.readdir(workspace)).filter(
        (name) => name.endsWith('.mp4') && name !== 'sample.mp4',
      );
      assert.deepEqual(outputs.sort(), expected.sort());
      assert.deepEqual(
        (await fs.readdir(workspace)).filter((name) => name.startsWith('.')),
        [],
        'no temp file is left',
      );
      const sha = await renderSha();
      for (const job of finished) assert.equal(await sha256(job.outputPath!), sha, job.outputPath);
      assert.equal(requestsTo(double.requests, 'image-to-video').length, JOBS, 'one create per job');
      assert.equal(double.projects.size, JOBS);

      // Under the cap over any second, and over any five (where jitter weighs less, so a few
      // requests that skipped the gate, such as retries, would show).
      const api = double.requests.filter((r) => r.origin === 'api').map((r) => r.at);
      for (const windowMs of [1_000, 5_000]) {
        const busiest = busiestWindow(api, windowMs);
        assert.ok(
          busiest <= capFor(windowMs),
          `${busiest} API requests within ${windowMs} ms (cap ${capFor(windowMs)})`,
        );
      }
      for (const request of double.requests.filter((r) => r.origin === 'storage')) {
        assert.equal(request.headers.authorization, undefined, `the token went to ${request.url}`);
      }
    } finally {
      await engine.dispose();
      await double.close();
      await fs.rm(workspace, { recursive: true, force: true });
      await fs.rm(storage, { recursive: true, force: true });
    }
    assert.deepEqual(await settleLeaks(baseline), {}, 'timers, sockets or handles left behind');
  });
});

/** One line about the run, for whoever reads the test output. */
function report(double: MagicHourDouble, started: number): void {
  const faults = double.requests.filter((r) => r.randomFault);
  const api = double.requests.filter((r) => r.origin === 'api');
  const kinds = new Map<string, number>();
  for (const r of faults)
    kinds.set(`${r.route} ${r.randomFault}`, (kinds.get(`${r.route} ${r.randomFault}`) ?? 0) + 1);
  console.log(
    `      ${double.requests.length} requests (${api.length} to the API, busiest second ${busiestWindow(api.map((r) => r.at))}, busiest 5 s ${busiestWindow(
      api.map((r) => r.at),
      5_000,
    )}), ` + `${faults.length} random faults, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}
