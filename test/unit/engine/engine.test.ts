import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { generatedOutputSha256 } from '../../double/server';
import { fixturesDir, inState, Rig, TOKEN, V2V, waitForJob } from './setup';

async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

async function outputsIn(folder: string, stem: string): Promise<string[]> {
  return (await fs.readdir(folder)).filter((f) => f.startsWith(stem)).sort();
}

describe('JobEngine against the local double', function () {
  this.timeout(30_000);
  let rig: Rig;
  let renderSha: string;

  before(async () => {
    renderSha = await sha256(path.join(await fixturesDir(), 'render.mp4'));
  });
  beforeEach(async () => {
    rig = await Rig.create();
  });
  afterEach(async () => {
    await rig.close();
  });

  it('runs image to video from upload to a playable file beside the source', async () => {
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    const done = await waitForJob(engine, job.id, inState('done', 'failed', 'unsaved', 'lost'));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(done.outputPath, rig.file('sample.image-to-video.mp4'));
    assert.equal(await sha256(done.outputPath!), renderSha);
    assert.deepEqual(await outputsIn(rig.workspace, '.'), [], 'no hidden temp file is left');
    const states = done.history.map((h) => h.state);
    assert.deepEqual(states.slice(0, 3), ['uploading', 'creating', 'queued']);
    assert.deepEqual(states.slice(-2), ['downloading', 'done']);
    assert.ok(done.creditsCharged! > 0, 'credits charged are recorded');
    const create = rig.double.requests.find((r) => r.route === 'image-to-video');
    assert.deepEqual((create?.body as { end_seconds: number }).end_seconds, 5);
    assert.deepEqual(done.request, create?.body, 'the request that was sent is kept for a re-run');
    for (const request of rig.double.requests.filter((r) => r.origin === 'storage')) {
      assert.equal(request.headers.authorization, undefined, `no token sent to ${request.url}`);
    }
  });

  it('runs video to video with a trim window', async () => {
    const engine = await rig.engine();
    const job = await engine.submit({
      mode: 'video-to-video',
      source: { kind: 'file', path: rig.file('sample.mp4') },
      settings: V2V,
    });
    const done = await waitForJob(engine, job.id, inState('done', 'failed', 'unsaved', 'lost'));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(done.outputPath, rig.file('sample.video-to-video.mp4'));
    const create = rig.double.requests.find((r) => r.route === 'video-to-video');
    const body = create?.body as {
      start_seconds: number;
      end_seconds: number;
      assets: { video_source: string };
    };
    assert.equal(body.start_seconds, 0);
    assert.equal(body.end_seconds, 1.5);
    assert.equal(body.assets.video_source, 'file');
  });

  it('sends a YouTube source without uploading anything', async () => {
    const engine = await rig.engine();
    const job = await engine.submit({
      mode: 'video-to-video',
      source: { kind: 'youtube', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
      settings: V2V,
      outputFolder: rig.workspace,
    });
    const done = await waitForJob(engine, job.id, inState('done', 'failed', 'unsaved', 'lost'));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(
      rig.double.requests.filter((r) => r.route === 'upload-urls' || r.route === 'upload').length,
      0,
    );
  });

  it('never overwrites an existing output: the new clip gets " (2)"', async () => {
    const existing = rig.file('sample.image-to-video.mp4');
    await fs.writeFile(existing, 'my earlier clip');
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    const done = await waitForJob(engine, job.id, inState('done', 'failed', 'unsaved'));
    assert.equal(done.outputPath, rig.file('sample.image-to-video (2).mp4'));
    assert.equal(await fs.readFile(existing, 'utf8'), 'my earlier clip');
  });

  it('marks a create whose answer was lost as "lost" and never sends it again, even after a restart', async () => {
    rig.double.fault({ route: 'image-to-video', reset: 'after-request-body' });
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    const lost = await waitForJob(engine, job.id, inState('lost', 'failed', 'done'));
    assert.equal(lost.state, 'lost');
    assert.match(lost.error!.message, /answer lost/);
    assert.match(lost.error!.message, /magichour\.ai/);
    await engine.dispose();
    const again = await rig.engine();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(again.get(job.id)?.state, 'lost');
    assert.equal(rig.double.requests.filter((r) => r.route === 'image-to-video').length, 1);
    assert.equal(rig.double.projects.size, 1, 'the double did create the project once');
  });

  it('resumes a job that was rendering when the editor closed', async () => {
    rig.double.configure({ renderMs: 1_500 });
    const first = await rig.engine();
    const job = await rig.submitImage(first);
    await waitForJob(first, job.id, (j) => j.projectId !== undefined && inState('queued', 'rendering')(j));
    await first.dispose();
    const second = await rig.engine();
    const done = await waitForJob(second, job.id, inState('done', 'failed', 'unsaved'));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(rig.double.requests.filter((r) => r.route === 'image-to-video').length, 1);
    assert.deepEqual(await outputsIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
  });

  it('resumes a download cut by a restart with a Range request', async () => {
    // A generated output larger than the stall point, whatever the size of the fixture clip.
    rig.double.configure({ outputBytes: 200_000 });
    rig.double.fault({ route: 'download', stallAfterBytes: 40_000 });
    const first = await rig.engine();
    const job = await rig.submitImage(first);
    await waitForJob(first, job.id, (j) => (j.download?.bytes ?? 0) >= 40_000);
    await first.dispose();
    const second = await rig.engine();
    const done = await waitForJob(second, job.id, inState('done', 'failed', 'unsaved'));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(await sha256(done.outputPath!), generatedOutputSha256(200_000));
    const ranged = rig.double.requests.filter((r) => r.route === 'download' && r.headers.range);
    assert.ok(ranged.length >= 1, 'the second window asked only for the missing bytes');
    assert.deepEqual(await outputsIn(rig.workspace, '.'), [], 'no hidden temp file is left');
  });

  it('lets exactly one of two windows drive a job, and the other adopts the result', async () => {
    const first = await rig.engine();
    const second = await rig.engine();
    const job = await rig.submitImage(first);
    const seen = await waitForJob(second, job.id, inState('done'));
    assert.equal(seen.outputPath, rig.file('sample.image-to-video.mp4'));
    assert.equal(second.drives(job.id), false);
    assert.deepEqual(await outputsIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
    assert.equal(rig.double.requests.filter((r) => r.route === 'download').length, 1);
  });

  it('hands a job over when the window driving it goes away', async () => {
    rig.double.configure({ renderMs: 1_000 });
    const first = await rig.engine();
    const second = await rig.engine();
    const job = await rig.submitImage(first);
    await waitForJob(first, job.id, (j) => j.projectId !== undefined);
    await first.dispose();
    const done = await waitForJob(second, job.id, inState('done', 'failed', 'unsaved'));
    assert.equal(done.state, 'done');
    assert.deepEqual(await outputsIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
  });

  it('ends a job that failed on Magic Hour with its message and the refund', async () => {
    rig.double.configure({ renderMs: 5_000 });
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    const created = await waitForJob(engine, job.id, (j) => j.projectId !== undefined);
    rig.double.setProjectStatus(created.projectId!, 'error', {
      code: 'no_face',
      message: 'No face was found',
    });
    const failed = await waitForJob(engine, job.id, inState('failed', 'done'));
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error?.code, 'no_face');
    assert.match(failed.error!.message, /No face was found\. The credits are refunded\./);
  });

  it('stops tracking at once: the request in flight is aborted and polling ends', async () => {
    rig.double.configure({ renderMs: 60_000 });
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    await waitForJob(engine, job.id, (j) => j.projectId !== undefined);
    rig.double.fault({ route: 'get-project', delayMs: 3_000, times: 100 });
    await new Promise((r) => setTimeout(r, 200)); // a slow status check is now in flight
    const started = Date.now();
    await engine.stop(job.id);
    assert.ok(Date.now() - started < 500, 'stop does not wait for the slow request');
    assert.equal(engine.get(job.id)?.state, 'stopped');
    const polls = rig.double.requests.filter((r) => r.route === 'get-project').length;
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(rig.double.requests.filter((r) => r.route === 'get-project').length, polls);
  });

  it('deletes on Magic Hour only when asked, and says so', async () => {
    rig.double.configure({ renderMs: 60_000 });
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    const created = await waitForJob(engine, job.id, (j) => j.projectId !== undefined);
    await engine.deleteRemote(job.id);
    assert.equal(engine.get(job.id)?.state, 'deleted');
    assert.equal(rig.double.projects.get(created.projectId!)?.enabled, false);
  });

  it('keeps the token out of the job store', async () => {
    const engine = await rig.engine();
    const job = await rig.submitImage(engine);
    await waitForJob(engine, job.id, inState('done', 'failed'));
    await engine.dispose();
    for (const file of await fs.readdir(path.join(rig.storage, 'jobs'))) {
      const text = await fs.readFile(path.join(rig.storage, 'jobs', file), 'utf8');
      assert.ok(!text.includes(TOKEN), `${file} holds no token`);
      assert.ok(!text.includes('expires='), `${file} holds no presigned URL`);
    }
  });
});
