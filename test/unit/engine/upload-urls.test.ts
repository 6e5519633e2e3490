/**
 * Jobs that start together share one `upload-urls` request: what the engine asks the double for,
 * and what happens when some of them stop while that request waits.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import type { JobRecord } from '../../../src/engine/job';
import type { RecordedRequest } from '../../double/types';
import { inState, Rig, waitForJob } from './setup';

const SETTLED = inState('done', 'failed', 'unsaved', 'lost', 'stopped');

describe('Upload URLs for jobs started together', function () {
  this.timeout(60_000);
  let rig: Rig;

  beforeEach(async () => {
    rig = await Rig.create();
  });
  afterEach(async () => {
    await rig.close();
  });

  /** Copies of sample.png named `names`, submitted at the same moment. */
  async function submitCopies(
    names: string[],
    engine: Awaited<ReturnType<Rig['engine']>>,
  ): Promise<JobRecord[]> {
    for (const name of names) await fs.copyFile(rig.file('sample.png'), rig.file(name));
    return Promise.all(names.map((name) => rig.submitImage(engine, rig.file(name))));
  }

  const urlRequests = (): RecordedRequest[] => rig.double.requests.filter((r) => r.route === 'upload-urls');

  /** Until the double has received the first upload-urls request. */
  async function firstUrlRequest(): Promise<void> {
    for (let i = 0; urlRequests().length === 0; i++) {
      if (i > 300) throw new Error('no upload-urls request came');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('asks for all their URLs in one request, and each file gets its own', async () => {
    // Long enough for five submissions on a busy machine (they are a few milliseconds apart).
    const engine = await rig.engine({ uploadUrlCollectMs: 1_000 });
    const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png'];
    const jobs = await submitCopies(names, engine);
    const ended = await Promise.all(jobs.map((job) => waitForJob(engine, job.id, SETTLED)));
    for (const job of ended) assert.equal(job.state, 'done', job.error?.message);

    assert.equal(urlRequests().length, 1, 'one upload-urls request for five files');
    const items = (urlRequests()[0]!.body as { items: { type: string; extension: string }[] }).items;
    assert.deepEqual(
      items,
      names.map(() => ({ type: 'image', extension: 'png' })),
    );
    const puts = rig.double.requests.filter((r) => r.route === 'upload');
    assert.equal(puts.length, 5);
    assert.equal(new Set(puts.map((r) => r.url)).size, 5, 'every file went to its own URL');
    const assets = new Set(ended.map((job) => job.assetPath));
    assert.equal(assets.size, 5, 'every job names its own uploaded file');
  });

  it('asks again for files that come while a request is on its way, ten files at most per request', async () => {
    rig.double.fault({ route: 'upload-urls', delayMs: 1_500, times: 1 });
    const engine = await rig.engine();
    const [first] = await submitCopies(['first.png'], engine);
    await firstUrlRequest(); // on hold at the double for 1.5 s
    const names = Array.from({ length: 12 }, (_, i) => `later-${i}.png`);
    const later = await submitCopies(names, engine);
    const ended = await Promise.all([first!, ...later].map((job) => waitForJob(engine, job.id, SETTLED)));
    for (const job of ended) assert.equal(job.state, 'done', job.error?.message);
    const sizes = urlRequests().map((r) => (r.body as { items: unknown[] }).items.length);
    assert.deepEqual(sizes, [1, 10, 2]);
  });

  it('goes on for the others when one of them stops while their request waits', async () => {
    rig.double.fault({ route: 'upload-urls', delayMs: 800, times: 1 });
    const engine = await rig.engine({ uploadUrlCollectMs: 1_000 });
    const [stopped, kept] = await submitCopies(['stopped.png', 'kept.png'], engine);
    await firstUrlRequest();
    await engine.stop(stopped!.id);
    assert.equal(engine.get(stopped!.id)?.state, 'stopped');
    const done = await waitForJob(engine, kept!.id, SETTLED);
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(urlRequests().length, 1);
    assert.equal(
      rig.double.requests.filter((r) => r.route === 'upload').length,
      1,
      'only the kept file was sent',
    );
    assert.equal(engine.get(stopped!.id)?.state, 'stopped');
  });
});
