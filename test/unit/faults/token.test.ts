/**
 * Jobs when the API token is not there: none set yet, SecretStorage failing, or (in code-server)
 * a reload that forgot it. Nothing was refused, so a job keeps its state and waits; once the
 * token is back (the editor calls `refresh()` when it changes) it goes on. Issue cases 18 and 20
 * at the engine level.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { MagicHourClient } from '../../../src/api/client';
import type { JobEngine } from '../../../src/engine/engine';
import { tempPathFor } from '../../../src/engine/save';
import {
  filesIn,
  inState,
  OUTPUT_BYTES,
  OUTPUT_SHA,
  requestsTo,
  Rig,
  SETTLED,
  sha256,
  sleep,
  submitImage,
  TOKEN,
  waitForJob,
} from './helpers';

const WAITING = 'Waiting for the API token: set it to continue.';

describe('Jobs without the API token', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 800, outputBytes: OUTPUT_BYTES })));
  afterEach(() => rig.close());

  /** An engine whose token comes and goes with `token.available`; counts the "token missing" events. */
  async function engineWithToken(token: { available: boolean }) {
    const client = new MagicHourClient({
      baseUrl: rig.double.apiUrl,
      getToken: async () => {
        if (!token.available) throw new Error('the keyring is locked');
        return TOKEN;
      },
      retry: { baseDelayMs: 10, maxDelayMs: 100 },
    });
    const engine = await rig.engine({ client });
    const missing = { count: 0 };
    engine.onTokenMissing(() => missing.count++);
    return { engine, missing };
  }

  async function expectWaiting(engine: JobEngine, id: string, state: string): Promise<void> {
    const waiting = await waitForJob(engine, id, (j) => j.warning === WAITING);
    assert.equal(waiting.state, state);
    await sleep(300);
    assert.equal(engine.get(id)?.state, state, 'it stays put while the token is missing');
  }

  it('a new job waits in "uploading", sends nothing, and goes on when the token comes', async () => {
    const token = { available: false };
    const { engine, missing } = await engineWithToken(token);
    const job = await submitImage(engine, rig);
    await expectWaiting(engine, job.id, 'uploading');
    assert.equal(missing.count, 1);
    assert.deepEqual(rig.double.requests, []);
    token.available = true;
    engine.refresh();
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(done.warning, undefined);
  });

  it('a token that goes away before the create: back to "uploading", never taken for lost', async () => {
    const token = { available: true };
    const { engine } = await engineWithToken(token);
    rig.double.fault({ route: 'upload', delayMs: 300 });
    const job = await submitImage(engine, rig);
    await waitForJob(engine, job.id, () => requestsTo(rig.double.requests, 'upload').length > 0);
    token.available = false; // gone by the time the create would be sent
    await expectWaiting(engine, job.id, 'uploading');
    assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 0);
    assert.ok(engine.get(job.id)!.history.some((h) => h.state === 'creating'));
    token.available = true;
    engine.refresh();
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 1);
  });

  it('polling waits, and picks up at once when the token comes', async () => {
    rig.double.configure({ renderMs: 1_500 });
    const token = { available: true };
    const { engine, missing } = await engineWithToken(token);
    const job = await submitImage(engine, rig);
    await waitForJob(engine, job.id, (j) => j.projectId !== undefined);
    token.available = false;
    await waitForJob(engine, job.id, (j) => j.warning?.includes('No Magic Hour API token is set') === true);
    assert.ok(missing.count >= 1);
    await sleep(1_600); // rendered meanwhile
    assert.ok(['queued', 'rendering'].includes(engine.get(job.id)!.state));
    token.available = true;
    const started = Date.now();
    engine.refresh();
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.ok(Date.now() - started < 1_000, 'refresh checked at once');
  });

  it('a download resumed by a window that has no token keeps its partial file and finishes later', async () => {
    rig.double.fault({ route: 'download', stallAfterBytes: 50_000 });
    const first = await rig.engine();
    const job = await submitImage(first, rig);
    const temp = tempPathFor(rig.workspace, 'sample.image-to-video', job.id);
    for (let i = 0; i < 300 && (await fs.stat(temp).catch(() => undefined))?.size !== 50_000; i++) {
      await sleep(20);
    }
    await first.dispose(); // a reload; code-server forgets the token with the page
    const token = { available: false };
    const { engine, missing } = await engineWithToken(token);
    await expectWaiting(engine, job.id, 'downloading');
    assert.equal(missing.count, 1);
    assert.equal((await fs.stat(temp)).size, 50_000, 'the partial file is kept');
    token.available = true;
    engine.refresh();
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(await sha256(done.outputPath!), OUTPUT_SHA);
    assert.equal(requestsTo(rig.double.requests, 'download').at(-1)?.headers.range, 'bytes=50000-');
    assert.deepEqual(await filesIn(rig.workspace, 'sample.image-to-video'), ['sample.image-to-video.mp4']);
    assert.deepEqual(await filesIn(rig.workspace, '.'), []);
  });
});
