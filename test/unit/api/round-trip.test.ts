import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  imageToVideoBody,
  fixture,
  makeClient,
  readAll,
  sha256OfFile,
  TOKEN,
  useDouble,
  waitForTerminal,
} from './helpers';
import { rejectsWithMagicHourError } from './helpers';

describe('MagicHourClient round trip against the double', () => {
  const double = useDouble({ renderMs: 200 });

  it('uploads an image, creates image-to-video, polls to complete and downloads the output', async () => {
    const { client } = makeClient(double.current);
    const progress: number[] = [];
    const image = fixture('sample.png');

    const filePath = await client.uploadFile(image, 'image', { onProgress: (sent) => progress.push(sent) });
    assert.match(filePath, /^api-assets\/.+\.png$/);
    const uploaded = double.current.uploads.get(filePath);
    assert.ok(uploaded, 'the double recorded the upload');
    assert.equal(uploaded.sha256, await sha256OfFile(image));
    assert.equal(progress.at(-1), readFileSync(image).length);

    const created = await client.createImageToVideo(imageToVideoBody(filePath));
    assert.ok(created.id);
    assert.equal(typeof created.credits_charged, 'number');

    const project = await waitForTerminal(client, created.id);
    assert.equal(project.status, 'complete');
    assert.equal(project.error, null);
    assert.equal(project.downloads.length, 1);

    const download = await client.download(project.downloads[0]!.url);
    assert.equal(download.status, 200);
    const bytes = await readAll(download.body);
    assert.deepEqual(bytes, readFileSync(fixture('render.mp4')));
    assert.equal(download.totalBytes, bytes.length);
  });

  it('runs video-to-video from an uploaded video', async () => {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.mp4'), 'video');
    const created = await client.createVideoToVideo({
      assets: { video_source: 'file', video_file_path: filePath },
      start_seconds: 0,
      end_seconds: 2,
      fps_resolution: 'HALF',
      style: { art_style: '3D Render', prompt_type: 'custom', prompt: 'a paper city' },
    });
    const project = await waitForTerminal(client, created.id);
    assert.equal(project.status, 'complete');
    assert.equal(project.type, 'VIDEO_TO_VIDEO');
    assert.equal(double.current.projects.get(created.id)?.type, 'VIDEO_TO_VIDEO');
  });

  it('deletes a project, after which getProject fails with 404 "Not Found"', async () => {
    const { client } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    const { id } = await client.createImageToVideo(imageToVideoBody(filePath));
    await client.deleteProject(id);
    assert.equal(double.current.projects.get(id)?.enabled, false);

    const error = await rejectsWithMagicHourError(() => client.getProject(id));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 404);
    assert.equal(error.apiMessage, 'Not Found');
    assert.equal(error.retryable, false);
    assert.equal(error.message, 'Not Found. Was it deleted on Magic Hour?');
  });

  it('treats a 404 on a retried DELETE as done (the first attempt deleted it, its answer was lost)', async () => {
    const { client, sleeps } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    const { id } = await client.createImageToVideo(imageToVideoBody(filePath));
    double.current.fault({ route: 'delete-project', reset: 'after-request-body' });
    await client.deleteProject(id);
    const deletes = double.current.requests.filter((r) => r.route === 'delete-project');
    assert.deepEqual(
      deletes.map((r) => r.status),
      [undefined, 404],
    );
    assert.equal(sleeps.length, 1);
  });

  it('sends the token to the API origin only, never to storage, and never logs it', async () => {
    const { client, logs } = makeClient(double.current);
    const filePath = await client.uploadFile(fixture('sample.png'), 'image');
    const { id } = await client.createImageToVideo(imageToVideoBody(filePath));
    const project = await waitForTerminal(client, id);
    const download = await client.download(project.downloads[0]!.url, { offset: 10 });
    await readAll(download.body);

    const { requests } = double.current;
    const api = requests.filter((r) => r.origin === 'api');
    const storage = requests.filter((r) => r.origin === 'storage');
    assert.ok(api.length >= 3 && storage.length === 2, `api ${api.length}, storage ${storage.length}`);
    for (const r of api) assert.equal(r.headers.authorization, `Bearer ${TOKEN}`, `${r.method} ${r.url}`);
    for (const r of storage) {
      assert.equal(r.headers.authorization, undefined, `${r.method} ${r.url}`);
      assert.ok(!JSON.stringify(r.headers).includes(TOKEN));
      assert.ok(r.status === 200 || r.status === 206, `storage answered ${r.status}`);
    }

    assert.ok(logs.length >= requests.length);
    for (const line of logs) {
      assert.ok(!line.includes(TOKEN), line);
      assert.ok(!line.includes('?'), `a query string leaked into the log: ${line}`);
    }
    assert.ok(logs.some((line) => /^PUT 127\.0\.0\.1:\d+\/upload\/\S+ → 200/.test(line)));
    assert.ok(logs.some((line) => /^GET \/v1\/video-projects\/\S+ → 200 .*attempt 1/.test(line)));
  });
});
