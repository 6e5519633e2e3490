import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generatedOutputChunks, generatedOutputSha256 } from '../../double/output-source';
import { resolveRepoPath } from '../../double/repo-root';
import { startDouble } from '../../double/server';
import { parseRange } from '../../double/storage-routes';
import type { MagicHourDouble } from '../../double/types';
import { callApi, createProject, downloadUrlOf, sleep, uploadUrl } from './client';

function sha256(bytes: Buffer | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('Magic Hour double: storage origin', () => {
  let double: MagicHourDouble;

  beforeEach(async () => {
    double = await startDouble({ renderMs: 60_000 });
  });

  afterEach(async () => {
    await double.close();
  });

  describe('uploads', () => {
    it('streams a PUT into the uploads map with its byte count and sha256', async () => {
      const item = await uploadUrl(double, 'video', 'mp4');
      const bytes = Buffer.alloc(300_000, 7);
      const response = await fetch(item.upload_url, { method: 'PUT', body: bytes });
      assert.equal(response.status, 200);
      assert.deepEqual(double.uploads.get(item.file_path), {
        filePath: item.file_path,
        bytes: bytes.length,
        sha256: sha256(bytes),
      });
      const record = double.requests.at(-1);
      assert.equal(record?.route, 'upload');
      assert.equal(record?.origin, 'storage');
      assert.equal(record?.bodyBytes, bytes.length);
      assert.equal(record?.status, 200);
    });

    it('answers 400 to a request carrying Authorization, records it, and stores nothing', async () => {
      const item = await uploadUrl(double, 'image', 'png');
      const response = await fetch(item.upload_url, {
        method: 'PUT',
        headers: { authorization: 'Bearer test-key' },
        body: 'x',
      });
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), {
        message: 'Authorization header not allowed on presigned URL',
      });
      assert.equal(double.uploads.size, 0);
      const record = double.requests.at(-1);
      assert.equal(record?.headers['authorization'], 'Bearer test-key');
      assert.equal(record?.status, 400);
    });

    it('answers 403 once the upload URL has expired', async () => {
      double.configure({ uploadTtlMs: 20 });
      const item = await uploadUrl(double, 'image', 'png');
      await sleep(60);
      const response = await fetch(item.upload_url, { method: 'PUT', body: 'late' });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /<Code>AccessDenied<\/Code>/);
      assert.equal(double.uploads.size, 0);
    });

    it('answers 403 to an upload key it never issued', async () => {
      const response = await fetch(`${double.storageUrl}/upload/made/up.png?expires=${Date.now() + 60_000}`, {
        method: 'PUT',
        body: 'x',
      });
      assert.equal(response.status, 403);
    });
  });

  describe('downloads', () => {
    it('serves the fixture render as video/mp4 with Content-Length and Accept-Ranges', async () => {
      const fixture = readFileSync(resolveRepoPath('test/fixtures/render.mp4'));
      const url = await downloadUrlOf(double, await createProject(double));
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'video/mp4');
      assert.equal(response.headers.get('content-length'), String(fixture.length));
      assert.equal(response.headers.get('accept-ranges'), 'bytes');
      assert.equal(sha256(new Uint8Array(await response.arrayBuffer())), sha256(fixture));
    });

    it('answers a Range request with 206 and the rest of the file', async () => {
      const fixture = readFileSync(resolveRepoPath('test/fixtures/render.mp4'));
      const url = await downloadUrlOf(double, await createProject(double));
      const response = await fetch(url, { headers: { range: 'bytes=1000-' } });
      assert.equal(response.status, 206);
      assert.equal(
        response.headers.get('content-range'),
        `bytes 1000-${fixture.length - 1}/${fixture.length}`,
      );
      assert.equal(response.headers.get('content-length'), String(fixture.length - 1000));
      assert.equal(sha256(new Uint8Array(await response.arrayBuffer())), sha256(fixture.subarray(1000)));
    });

    it('answers 416 to a range past the end, and HEAD with headers only', async () => {
      const fixture = readFileSync(resolveRepoPath('test/fixtures/render.mp4'));
      const url = await downloadUrlOf(double, await createProject(double));
      const past = await fetch(url, { headers: { range: `bytes=${fixture.length}-` } });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get('content-range'), `bytes */${fixture.length}`);
      await past.arrayBuffer();
      const head = await fetch(url, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(fixture.length));
      assert.equal((await head.arrayBuffer()).byteLength, 0);
    });

    it('streams outputBytes of deterministic generated content, whole and by range', async () => {
      const size = 3 * 1024 * 1024 + 17;
      double.configure({ outputBytes: size });
      const url = await downloadUrlOf(double, await createProject(double));
      const whole = new Uint8Array(await (await fetch(url)).arrayBuffer());
      assert.equal(whole.length, size);
      assert.equal(sha256(whole), generatedOutputSha256(size));

      const start = 1_000_003;
      const tail = await fetch(url, { headers: { range: `bytes=${start}-` } });
      assert.equal(tail.status, 206);
      const expected = createHash('sha256');
      for (const chunk of generatedOutputChunks(start, size - 1)) expected.update(chunk);
      assert.equal(sha256(new Uint8Array(await tail.arrayBuffer())), expected.digest('hex'));
    });

    it('serves an absolute outputFile', async () => {
      const sample = resolveRepoPath('test/fixtures/sample.png');
      double.configure({ outputFile: sample });
      const url = await downloadUrlOf(double, await createProject(double));
      const body = new Uint8Array(await (await fetch(url)).arrayBuffer());
      assert.equal(sha256(body), sha256(readFileSync(sample)));
    });

    it('answers 403 once the URL expired, and a new GET of the project gives a fresh one', async () => {
      double.configure({ downloadTtlMs: 1000 });
      const id = await createProject(double);
      const first = await downloadUrlOf(double, id);
      assert.equal((await fetch(first, { method: 'HEAD' })).status, 200);
      await sleep(1100);
      const expired = await fetch(first);
      assert.equal(expired.status, 403);
      assert.match(await expired.text(), /Request has expired/);

      const fresh = await downloadUrlOf(double, id);
      assert.notEqual(fresh, first);
      const response = await fetch(fresh);
      assert.equal(response.status, 200);
      await response.arrayBuffer();
    });

    it('answers 404 for a deleted project and for an output that is not rendered yet', async () => {
      const id = await createProject(double);
      const url = await downloadUrlOf(double, id);
      double.setProjectStatus(id, 'rendering');
      assert.equal((await fetch(url)).status, 404);
      double.setProjectStatus(id, 'complete');
      assert.equal((await callApi(double, 'DELETE', `/v1/video-projects/${id}`)).status, 204);
      assert.equal((await fetch(url)).status, 404);
    });

    it('rejects Authorization on a download too', async () => {
      const url = await downloadUrlOf(double, await createProject(double));
      const response = await fetch(url, { headers: { authorization: 'Bearer test-key' } });
      assert.equal(response.status, 400);
    });
  });

  describe('parseRange', () => {
    it('reads N-, N-M and -S, and ignores what it does not serve', () => {
      assert.deepEqual(parseRange('bytes=10-', 100), [10, 99]);
      assert.deepEqual(parseRange('bytes=10-19', 100), [10, 19]);
      assert.deepEqual(parseRange('bytes=90-500', 100), [90, 99]);
      assert.deepEqual(parseRange('bytes=-30', 100), [70, 99]);
      assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
      assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
      assert.equal(parseRange('bytes=20-10', 100), undefined);
      assert.equal(parseRange('bytes=0-1,5-6', 100), undefined);
      assert.equal(parseRange('items=0-1', 100), undefined);
      assert.equal(parseRange(undefined, 100), undefined);
    });
  });
});
