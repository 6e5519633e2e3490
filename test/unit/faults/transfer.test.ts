/**
 * Faults while moving bytes: downloads cut or stalled, upload and download URLs that expired,
 * and the token staying away from storage URLs throughout. Issue cases 5, 6, 12 and 24.
 */
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { MagicHourClient } from '../../../src/api/client';
import {
  filesIn,
  inState,
  OUTPUT_BYTES,
  OUTPUT_SHA,
  requestsTo,
  Rig,
  SETTLED,
  sha256,
  submitImage,
  TOKEN,
  waitForJob,
  watchFinalNames,
} from './helpers';

describe('Faults while uploading and downloading', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 300, outputBytes: OUTPUT_BYTES })));
  afterEach(async () => {
    // Case 24, whatever else happened in the test: storage never saw the token.
    for (const request of rig.double.requests.filter((r) => r.origin === 'storage')) {
      assert.equal(request.headers.authorization, undefined, `the token went to ${request.url}`);
      assert.ok(!JSON.stringify(request.headers).includes(TOKEN));
    }
    await rig.close();
  });

  /** A client whose downloads stall out after `bodyMs`, logging into `lines`. */
  function client(lines: string[], bodyMs = 5_000): MagicHourClient {
    return new MagicHourClient({
      baseUrl: rig.double.apiUrl,
      getToken: async () => TOKEN,
      retry: { baseDelayMs: 10, maxDelayMs: 100 },
      timeouts: { headersMs: 5_000, bodyMs },
      log: (line) => lines.push(line),
    });
  }

  it('case 5: a download cut mid-way is resumed with Range (or restarted); no partial file ever has a final name', async () => {
    rig.double.fault({ route: 'download', reset: 'mid-response-body', times: 2 });
    const engine = await rig.engine();
    const watch = watchFinalNames(rig.workspace, 'sample.image-to-video');
    const job = await submitImage(engine, rig);
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    const seen = await watch.stop();
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(await sha256(done.outputPath!), OUTPUT_SHA);
    const downloads = requestsTo(rig.double.requests, 'download');
    assert.equal(downloads.length, 3);
    assert.equal(downloads[0]!.headers.range, undefined);
    // Each retry asks for the bytes not yet on disk, or (when none got there before the cut) for
    // all of them. The stall test below and restart.test.ts pin down the Range resumption itself.
    for (const retry of downloads.slice(1)) {
      assert.match(String(retry.headers.range ?? 'whole file'), /^(bytes=[1-9]\d*-|whole file)$/);
    }
    const full = statSync(done.outputPath!).size;
    assert.deepEqual([...seen.keys()], ['sample.image-to-video.mp4']);
    assert.ok(
      seen.get('sample.image-to-video.mp4')!.every((size) => size === full),
      `sizes seen under the final name: ${seen.get('sample.image-to-video.mp4')!.join(', ')}`,
    );
    assert.deepEqual(await filesIn(rig.workspace, '.'), [], 'no temp file is left');
  });

  it('case 6: a stalled download times out and is retried from where it stalled', async () => {
    const lines: string[] = [];
    rig.double.fault({ route: 'download', stallAfterBytes: 20_000 });
    const engine = await rig.engine({ client: client(lines, 300) });
    const job = await submitImage(engine, rig);
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(await sha256(done.outputPath!), OUTPUT_SHA);
    const downloads = requestsTo(rig.double.requests, 'download');
    assert.equal(downloads.length, 2);
    assert.equal(downloads[1]!.headers.range, 'bytes=20000-');
    assert.deepEqual(await filesIn(rig.workspace, '.'), [], 'no temp file is left');
  });

  it('case 6: a download that stalls every time ends "rendered, not saved", its temp file removed', async () => {
    const logs: string[] = [];
    rig.double.fault({ route: 'download', stallAfterBytes: 20_000, times: 100 });
    const engine = await rig.engine({
      client: client([], 200),
      downloadAttempts: 3,
      log: (line) => logs.push(line),
    });
    const job = await submitImage(engine, rig);
    const unsaved = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(unsaved.state, 'unsaved');
    assert.match(unsaved.error!.message, /^Rendered, not saved: The download from 127\.0\.0\.1:\d+ stalled/);
    assert.equal(
      logs.filter((l) => /download attempt \d failed: .*stalled/.test(l)).length,
      3,
      logs.join('\n'),
    );
    assert.deepEqual(await filesIn(rig.workspace, '.'), [], 'the temp file is removed');
    assert.deepEqual(await filesIn(rig.workspace, 'sample.image-to-video'), [], 'nothing under a final name');
  });

  it('case 12: an upload URL refused as expired (403) is replaced and the file uploaded again', async () => {
    rig.double.fault({
      route: 'upload',
      status: 403,
      contentType: 'application/xml',
      body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    });
    const engine = await rig.engine();
    const job = await submitImage(engine, rig);
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    const uploads = requestsTo(rig.double.requests, 'upload');
    assert.deepEqual(
      uploads.map((r) => r.status),
      [403, 200],
    );
    assert.notEqual(uploads[0]!.url, uploads[1]!.url, 'the second PUT used a new URL');
    assert.equal(requestsTo(rig.double.requests, 'upload-urls').length, 2);
    assert.equal(uploads[1]!.bodyBytes, statSync(rig.file('sample.png')).size);
    assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 1);
  });

  it('case 12: a download URL refused as expired (403) is fetched fresh from the project and retried', async () => {
    rig.double.fault({
      route: 'download',
      status: 403,
      contentType: 'application/xml',
      body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    });
    const engine = await rig.engine();
    const job = await submitImage(engine, rig);
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(await sha256(done.outputPath!), OUTPUT_SHA);
    const [refused, retried] = requestsTo(rig.double.requests, 'download');
    assert.equal(refused?.status, 403);
    assert.equal(retried?.status, 200);
    const between = rig.double.requests.filter((r) => r.at >= refused!.at && r.at <= retried!.at);
    assert.ok(
      between.some((r) => r.route === 'get-project' && r.status === 200),
      'the project was fetched again for a fresh link',
    );
    assert.notEqual(refused!.url, retried!.url);
  });

  it('case 12: a download URL that keeps expiring ends "rendered, not saved" after a few fresh links', async () => {
    rig.double.fault({ route: 'download', status: 403, times: 100 });
    const engine = await rig.engine({ downloadAttempts: 3 });
    const job = await submitImage(engine, rig);
    const unsaved = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(unsaved.state, 'unsaved');
    assert.match(unsaved.error!.message, /download link expired/);
    assert.equal(requestsTo(rig.double.requests, 'download').length, 3);
  });
});
