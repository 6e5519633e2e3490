/**
 * Restarts and several windows, at the engine level: a corrupt job store, windows that open at
 * once on a job another one left, and a window that crashed. Issue cases 18 and 19 (the editor's
 * own reload is in test/ui/reload.ui.ts).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JobEngine } from '../../../src/engine/engine';
import { tempPathFor } from '../../../src/engine/save';
import type { StoreProblem } from '../../../src/engine/store';
import {
  FAST,
  filesIn,
  inState,
  makeClient,
  OUTPUT_BYTES,
  OUTPUT_SHA,
  requestsTo,
  Rig,
  SETTLED,
  sha256,
  sleep,
  submitImage,
  waitForJob,
} from './helpers';

describe('Restarts and several windows', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 1_500 })));
  afterEach(() => rig.close());

  const jobsDir = () => path.join(rig.storage, 'jobs');

  /** An engine that reports store problems from its very first scan. */
  async function engineWatchingProblems(): Promise<{ engine: JobEngine; problems: StoreProblem[] }> {
    const engine = new JobEngine({ client: makeClient(rig.double), storageDir: rig.storage, ...FAST });
    rig.engines.push(engine);
    const problems: StoreProblem[] = [];
    engine.onStoreProblems((found) => problems.push(...found));
    await engine.start();
    return { engine, problems };
  }

  describe('case 18: a corrupt job store', () => {
    it('sets unreadable job files aside, reports them, and still resumes the good job', async () => {
      const first = await rig.engine();
      const job = await submitImage(first, rig);
      await waitForJob(first, job.id, (j) => j.projectId !== undefined);
      await first.dispose();
      await fs.writeFile(path.join(jobsDir(), 'cut.json'), '{"version": 1, "id": "cut", "sta');
      await fs.writeFile(path.join(jobsDir(), 'future.json'), JSON.stringify({ version: 2, id: 'future' }));

      const { engine, problems } = await engineWatchingProblems();
      assert.deepEqual(problems.map((p) => path.basename(p.file)).sort(), ['cut.json', 'future.json']);
      for (const problem of problems) {
        assert.match(problem.movedTo, /\.json\.corrupt-\d+$/);
        assert.ok(problem.reason.length > 0);
        await fs.stat(problem.movedTo); // kept for inspection, not deleted
      }
      const names = await fs.readdir(jobsDir());
      assert.ok(!names.includes('cut.json') && !names.includes('future.json'));
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
      assert.deepEqual(await filesIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
      assert.deepEqual(
        engine.list().map((j) => j.id),
        [job.id],
      );
    });

    it('reports a job file another window garbled while this one runs', async () => {
      const { engine, problems } = await engineWatchingProblems();
      assert.equal(problems.length, 0);
      await fs.writeFile(path.join(jobsDir(), 'garbled.json'), '\u0000\u0000\u0000');
      for (let i = 0; i < 50 && problems.length === 0; i++) await sleep(20);
      assert.equal(problems.length, 1);
      assert.equal(path.basename(problems[0]!.file), 'garbled.json');
      assert.deepEqual(engine.list(), []);
    });
  });

  describe('case 19: several windows on one job', () => {
    it('windows that open at once on a job mid-render: one drives it, one file', async () => {
      const first = await rig.engine();
      const job = await submitImage(first, rig);
      await waitForJob(first, job.id, (j) => j.projectId !== undefined);
      await first.dispose();
      const windows = await Promise.all([rig.engine(), rig.engine(), rig.engine()]);
      assert.equal(windows.filter((w) => w.drives(job.id)).length, 1, 'exactly one window drives it');
      for (const window of windows) {
        const done = await waitForJob(window, job.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
      }
      assert.deepEqual(await filesIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
      assert.equal(requestsTo(rig.double.requests, 'download').length, 1);
      assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 1);
    });

    it('windows that open at once on a job mid-download: one resumes it, one file', async () => {
      rig.double.configure({ renderMs: 300, outputBytes: OUTPUT_BYTES });
      rig.double.fault({ route: 'download', stallAfterBytes: 30_000 });
      const first = await rig.engine();
      const job = await submitImage(first, rig);
      const temp = tempPathFor(rig.workspace, 'sample.image-to-video', job.id);
      for (let i = 0; i < 200 && (await fs.stat(temp).catch(() => undefined))?.size !== 30_000; i++) {
        await sleep(20);
      }
      await first.dispose(); // the 30 kB on disk are kept for the next window
      const windows = await Promise.all([rig.engine(), rig.engine()]);
      for (const window of windows) {
        const done = await waitForJob(window, job.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
      }
      assert.equal(await sha256(rig.file('sample.image-to-video.mp4')), OUTPUT_SHA);
      assert.deepEqual(await filesIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
      assert.deepEqual(await filesIn(rig.workspace, '.'), []);
      const downloads = requestsTo(rig.double.requests, 'download');
      assert.equal(downloads.length, 2, 'the stalled download and one resumption');
      assert.equal(downloads[1]!.headers.range, 'bytes=30000-');
    });

    it('a window that crashed while driving a job: the next one takes it over at once', async () => {
      const first = await rig.engine();
      const job = await submitImage(first, rig);
      await waitForJob(first, job.id, (j) => j.projectId !== undefined);
      await first.dispose();
      // The crashed window's lock is still there, naming a process that no longer exists.
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      const lock = path.join(rig.storage, 'locks', `${job.id}.lock`);
      await fs.mkdir(path.dirname(lock), { recursive: true });
      await fs.writeFile(lock, JSON.stringify({ owner: 'crashed-window', pid: dead, host: os.hostname() }));
      const second = await rig.engine({ locks: { staleMs: 60_000, heartbeatMs: 200 } });
      assert.equal(second.drives(job.id), true, 'the lock of a dead process is taken over');
      const done = await waitForJob(second, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
      assert.deepEqual(await filesIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
    });
  });
});
