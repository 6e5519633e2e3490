import assert from 'node:assert/strict';
import { startDouble } from '../../double/server';
import type { MagicHourDouble } from '../../double/types';
import {
  callApi,
  createProject,
  imageToVideoBody,
  messageOf,
  sleep,
  upload,
  uploadUrl,
  videoToVideoBody,
} from './client';

describe('Magic Hour double: API origin', () => {
  let double: MagicHourDouble;

  beforeEach(async () => {
    double = await startDouble({ renderMs: 60_000 });
  });

  afterEach(async () => {
    await double.close();
  });

  describe('authentication', () => {
    it('answers 401 Unauthorized without a bearer token, with a rejected one, and records it', async () => {
      const none = await callApi(double, 'GET', '/v1/video-projects/x', undefined, {});
      const bad = await callApi(double, 'GET', '/v1/video-projects/x', undefined, {
        authorization: 'Bearer bad-key',
      });
      const basic = await callApi(double, 'GET', '/v1/video-projects/x', undefined, {
        authorization: 'Basic abc',
      });
      for (const answer of [none, bad, basic]) {
        assert.equal(answer.status, 401);
        assert.deepEqual(answer.body, { message: 'Unauthorized' });
      }
      assert.deepEqual(
        double.requests.map((r) => [r.route, r.status]),
        [
          ['get-project', 401],
          ['get-project', 401],
          ['get-project', 401],
        ],
      );
    });

    it('uses acceptToken when given', async () => {
      double.configure({ acceptToken: (token) => token === 'only-this' });
      const other = await callApi(double, 'GET', '/v1/video-projects/x');
      const right = await callApi(double, 'GET', '/v1/video-projects/x', undefined, {
        authorization: 'Bearer only-this',
      });
      assert.equal(other.status, 401);
      assert.equal(right.status, 404);
    });
  });

  describe('POST /v1/files/upload-urls', () => {
    it('issues a storage URL on the other origin and an api-assets file_path', async () => {
      const item = await uploadUrl(double, 'image', 'png');
      assert.ok(item.upload_url.startsWith(`${double.storageUrl}/upload/`), item.upload_url);
      assert.notEqual(new URL(item.upload_url).origin, new URL(double.apiUrl).origin);
      assert.match(item.upload_url, /\?expires=\d+$/);
      assert.match(item.file_path, /^api-assets\/[^/]+\/[^/]+\.png$/);
      assert.ok(Date.parse(item.expires_at) > Date.now());
    });

    it('rejects a missing items list (400), an unknown type and an unsupported extension (422)', async () => {
      const missing = await callApi(double, 'POST', '/v1/files/upload-urls', {});
      assert.equal(missing.status, 400);
      assert.equal(messageOf(missing), 'items is required');

      const type = await callApi(double, 'POST', '/v1/files/upload-urls', {
        items: [{ type: 'document', extension: 'pdf' }],
      });
      assert.equal(type.status, 422);
      assert.match(messageOf(type), /items\[0\]\.type 'document'/);

      const extension = await callApi(double, 'POST', '/v1/files/upload-urls', {
        items: [{ type: 'video', extension: 'exe' }],
      });
      assert.equal(extension.status, 422);
      assert.match(messageOf(extension), /'exe' is not supported for video files/);
    });

    it('answers 400 to a body that is not JSON', async () => {
      const response = await fetch(`${double.apiUrl}/v1/files/upload-urls`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: '{"items": [',
      });
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), { message: 'Request body is not valid JSON' });
    });
  });

  describe('POST /v1/image-to-video', () => {
    it('creates a project, charges the default 720p price (60 credits a second) and records the body', async () => {
      const answer = await callApi(
        double,
        'POST',
        '/v1/image-to-video',
        imageToVideoBody({ end_seconds: 5 }),
      );
      assert.equal(answer.status, 200);
      const created = answer.body as { id: string; credits_charged: number; estimated_frame_cost: number };
      assert.equal(created.credits_charged, 300);
      assert.equal(created.estimated_frame_cost, 300);
      assert.equal(double.projects.get(created.id)?.type, 'IMAGE_TO_VIDEO');
      assert.equal(double.creditBalance, 1_000_000 - 300);
      assert.deepEqual(double.requests.at(-1)?.body, imageToVideoBody({ end_seconds: 5 }));
    });

    it('accepts an upload the double issued once it completed, and not before', async () => {
      const item = await uploadUrl(double, 'image', 'png');
      const early = await callApi(
        double,
        'POST',
        '/v1/image-to-video',
        imageToVideoBody({ assets: { image_file_path: item.file_path } }),
      );
      assert.equal(early.status, 422);
      assert.match(messageOf(early), /was not found/);

      const filePath = await upload(double, 'image', 'png', Buffer.from('png bytes'));
      const later = await callApi(
        double,
        'POST',
        '/v1/image-to-video',
        imageToVideoBody({ assets: { image_file_path: filePath } }),
      );
      assert.equal(later.status, 200, later.text);
    });

    it('answers 422 for a path it never issued or a plain http URL', async () => {
      for (const path of ['api-assets/nope/x.png', 'http://example.com/cat.png', '/home/me/cat.png']) {
        const answer = await callApi(
          double,
          'POST',
          '/v1/image-to-video',
          imageToVideoBody({ assets: { image_file_path: path } }),
        );
        assert.equal(answer.status, 422, path);
        assert.match(messageOf(answer), /assets\.image_file_path .* was not found/);
      }
    });

    const badRequests: [string, Record<string, unknown>, number, RegExp][] = [
      [
        'no end_seconds',
        { assets: { image_file_path: 'https://e.com/a.png' } },
        400,
        /^end_seconds is required$/,
      ],
      ['end_seconds as text', imageToVideoBody({ end_seconds: '5' }), 400, /^end_seconds must be a number$/],
      ['no assets', { end_seconds: 5 }, 400, /^assets is required$/],
      ['no image path', imageToVideoBody({ assets: {} }), 400, /^assets\.image_file_path is required$/],
      ['audio as text', imageToVideoBody({ audio: 'yes' }), 400, /^audio must be a boolean$/],
      ['unknown model', imageToVideoBody({ model: 'kling-9' }), 422, /model 'kling-9' is not supported/],
      ['unknown resolution', imageToVideoBody({ resolution: '8k' }), 422, /resolution '8k' is not supported/],
      [
        'kling-2.5 for 7 seconds',
        imageToVideoBody({ model: 'kling-2.5', end_seconds: 7 }),
        422,
        /end_seconds 7 is not supported by model kling-2\.5 .*Supported: 5, 10/,
      ],
      [
        'kling-2.5 at 480p',
        imageToVideoBody({ model: 'kling-2.5', resolution: '480p' }),
        422,
        /kling-2\.5 does not support 480p/,
      ],
      [
        'sora-2 at 1080p',
        imageToVideoBody({ model: 'sora-2', end_seconds: 4, resolution: '1080p' }),
        422,
        /1080p/,
      ],
      [
        'the default model at 480p for 20 seconds',
        imageToVideoBody({ resolution: '480p', end_seconds: 20 }),
        422,
        /2 to 12 whole seconds/,
      ],
      [
        'seedance with audio',
        imageToVideoBody({ model: 'seedance', audio: true }),
        422,
        /does not support audio/,
      ],
    ];
    for (const [what, body, status, message] of badRequests) {
      it(`answers ${status} for ${what}`, async () => {
        const answer = await callApi(double, 'POST', '/v1/image-to-video', body);
        assert.equal(answer.status, status, answer.text);
        assert.match(messageOf(answer), message);
        assert.equal(double.projects.size, 0);
      });
    }

    it('accepts each model at a duration and resolution its catalog row allows', async () => {
      const accepted: Record<string, unknown>[] = [
        { model: 'kling-2.5', end_seconds: 10, resolution: '1080p' },
        { model: 'kling-1.6', end_seconds: 15 },
        { model: 'veo3.1', end_seconds: 8, audio: true },
        { model: 'ltx-2', end_seconds: 3, resolution: '480p' },
        { model: 'default', end_seconds: 2, resolution: '480p' },
      ];
      for (const overrides of accepted) {
        const answer = await callApi(double, 'POST', '/v1/image-to-video', imageToVideoBody(overrides));
        assert.equal(answer.status, 200, `${JSON.stringify(overrides)}: ${answer.text}`);
      }
    });

    it('answers 402 when the video costs more than the balance, and charges nothing', async () => {
      double.configure({ credits: 100 });
      const tooDear = await callApi(
        double,
        'POST',
        '/v1/image-to-video',
        imageToVideoBody({ end_seconds: 5 }),
      );
      assert.equal(tooDear.status, 402);
      assert.match(messageOf(tooDear), /^Not enough credits/);
      assert.equal(double.creditBalance, 100);

      // 480p costs 120 credits per 5 seconds: 2 seconds = 48.
      const cheap = await callApi(
        double,
        'POST',
        '/v1/image-to-video',
        imageToVideoBody({ end_seconds: 2, resolution: '480p' }),
      );
      assert.equal(cheap.status, 200, cheap.text);
      assert.equal((cheap.body as { credits_charged: number }).credits_charged, 48);
      assert.equal(double.creditBalance, 52);
    });
  });

  describe('POST /v1/video-to-video', () => {
    it('creates a project charged per frame (30 fps, 15 at HALF)', async () => {
      const full = await callApi(double, 'POST', '/v1/video-to-video', videoToVideoBody());
      assert.equal(full.status, 200, full.text);
      assert.equal((full.body as { credits_charged: number }).credits_charged, 120);
      const half = await callApi(
        double,
        'POST',
        '/v1/video-to-video',
        videoToVideoBody({ fps_resolution: 'HALF' }),
      );
      assert.equal((half.body as { credits_charged: number }).credits_charged, 60);
      const id = (half.body as { id: string }).id;
      const project = await callApi(double, 'GET', `/v1/video-projects/${id}`);
      assert.equal((project.body as { fps: number }).fps, 15);
      assert.equal((project.body as { type: string }).type, 'VIDEO_TO_VIDEO');
    });

    it('accepts a YouTube source', async () => {
      const answer = await callApi(
        double,
        'POST',
        '/v1/video-to-video',
        videoToVideoBody({
          assets: { video_source: 'youtube', youtube_url: 'https://www.youtube.com/watch?v=abc' },
        }),
      );
      assert.equal(answer.status, 200, answer.text);
    });

    const style = { art_style: 'Studio Ghibli' };
    const badRequests: [string, Record<string, unknown>, number, RegExp][] = [
      [
        'no start_seconds',
        videoToVideoBody({ start_seconds: undefined }),
        400,
        /^start_seconds is required$/,
      ],
      ['no end_seconds', videoToVideoBody({ end_seconds: null }), 400, /^end_seconds is required$/],
      ['no style', videoToVideoBody({ style: undefined }), 400, /^style is required$/],
      ['no art_style', videoToVideoBody({ style: {} }), 400, /^style\.art_style is required$/],
      ['no video_source', videoToVideoBody({ assets: {} }), 400, /^assets\.video_source is required$/],
      [
        'youtube without youtube_url',
        videoToVideoBody({ assets: { video_source: 'youtube' } }),
        400,
        /^assets\.youtube_url is required$/,
      ],
      [
        'file without video_file_path',
        videoToVideoBody({ assets: { video_source: 'file' } }),
        400,
        /^assets\.video_file_path is required$/,
      ],
      [
        'a youtube_url that is not YouTube',
        videoToVideoBody({ assets: { video_source: 'youtube', youtube_url: 'https://vimeo.com/1' } }),
        422,
        /not a YouTube video link/,
      ],
      [
        'end before start',
        videoToVideoBody({ start_seconds: 5, end_seconds: 3 }),
        422,
        /greater than start_seconds/,
      ],
      [
        'end equal to start',
        videoToVideoBody({ start_seconds: 3, end_seconds: 3 }),
        422,
        /greater than start_seconds/,
      ],
      ['end of 0.1', videoToVideoBody({ end_seconds: 0.1 }), 422, /greater than 0\.1/],
      ['negative start', videoToVideoBody({ start_seconds: -1 }), 422, /start_seconds must be 0 or more/],
      [
        'unknown art style',
        videoToVideoBody({ style: { art_style: 'Picasso' } }),
        422,
        /art_style 'Picasso'/,
      ],
      ['unknown model', videoToVideoBody({ style: { ...style, model: 'Nope' } }), 422, /style\.model 'Nope'/],
      [
        'custom prompt type without a prompt',
        videoToVideoBody({ style: { ...style, prompt_type: 'custom' } }),
        422,
        /style\.prompt is required when style\.prompt_type is custom/,
      ],
      [
        'append_default with a blank prompt',
        videoToVideoBody({ style: { ...style, prompt_type: 'append_default', prompt: '  ' } }),
        422,
        /style\.prompt is required/,
      ],
      [
        'unknown fps_resolution',
        videoToVideoBody({ fps_resolution: 'QUARTER' }),
        422,
        /fps_resolution 'QUARTER'/,
      ],
      [
        'an unissued file path',
        videoToVideoBody({ assets: { video_source: 'file', video_file_path: 'api-assets/x/y.mp4' } }),
        422,
        /assets\.video_file_path .* was not found/,
      ],
    ];
    for (const [what, body, status, message] of badRequests) {
      it(`answers ${status} for ${what}`, async () => {
        const answer = await callApi(double, 'POST', '/v1/video-to-video', body);
        assert.equal(answer.status, status, answer.text);
        assert.match(messageOf(answer), message);
        assert.equal(double.projects.size, 0);
      });
    }

    it('answers 402 when the frames cost more than the balance', async () => {
      double.configure({ credits: 100 });
      const answer = await callApi(double, 'POST', '/v1/video-to-video', videoToVideoBody());
      assert.equal(answer.status, 402);
      assert.match(messageOf(answer), /Not enough credits/);
    });
  });

  describe('GET /v1/video-projects/:id', () => {
    it('goes queued, then rendering, then complete over renderMs', async () => {
      double.configure({ renderMs: 2500 });
      const id = await createProject(double);
      const statusNow = async (): Promise<string> =>
        ((await callApi(double, 'GET', `/v1/video-projects/${id}`)).body as { status: string }).status;
      const createdAt = double.projects.get(id)?.createdAt ?? 0;
      const waitUntil = (ms: number): Promise<void> => sleep(Math.max(0, createdAt + ms - Date.now()));

      assert.equal(await statusNow(), 'queued');
      await waitUntil(1200);
      assert.equal(await statusNow(), 'rendering');
      await waitUntil(2550);
      assert.equal(await statusNow(), 'complete');
    });

    it('has the full project shape, with downloads only once complete', async () => {
      const id = await createProject(double, { end_seconds: 10, resolution: '1080p', name: 'Cat' });
      const rendering = (await callApi(double, 'GET', `/v1/video-projects/${id}`)).body as Record<
        string,
        unknown
      >;
      assert.deepEqual(Object.keys(rendering).sort(), [
        'created_at',
        'credits_charged',
        'download',
        'downloads',
        'enabled',
        'end_seconds',
        'error',
        'fps',
        'height',
        'id',
        'name',
        'start_seconds',
        'status',
        'total_frame_cost',
        'type',
        'width',
      ]);
      assert.equal(rendering['name'], 'Cat');
      assert.equal(rendering['credits_charged'], 1200);
      assert.equal(rendering['height'], 1080);
      assert.equal(rendering['end_seconds'], 10);
      assert.equal(rendering['enabled'], true);
      assert.equal(rendering['error'], null);
      assert.deepEqual(rendering['downloads'], []);
      assert.equal(rendering['download'], null);

      double.setProjectStatus(id, 'complete');
      const complete = (await callApi(double, 'GET', `/v1/video-projects/${id}`)).body as {
        downloads: { url: string; expires_at: string }[];
        download: unknown;
      };
      assert.equal(complete.downloads.length, 1);
      assert.ok(complete.downloads[0]?.url.startsWith(`${double.storageUrl}/download/${id}/0?expires=`));
      assert.deepEqual(complete.download, complete.downloads[0]);
    });

    it('reports a forced error with its code and refunds the credits', async () => {
      const id = await createProject(double);
      assert.equal(double.creditBalance, 1_000_000 - 300);
      double.setProjectStatus(id, 'error', { code: 'no_face', message: 'No face found' });
      const answer = (await callApi(double, 'GET', `/v1/video-projects/${id}`)).body as Record<
        string,
        unknown
      >;
      assert.equal(answer['status'], 'error');
      assert.deepEqual(answer['error'], { code: 'no_face', message: 'No face found' });
      assert.equal(answer['credits_charged'], 0);
      assert.equal(double.creditBalance, 1_000_000);
    });

    it('passes an unknown future status through', async () => {
      const id = await createProject(double);
      double.setProjectStatus(id, 'upscaling');
      const answer = await callApi(double, 'GET', `/v1/video-projects/${id}`);
      assert.equal((answer.body as { status: string }).status, 'upscaling');
    });

    it('answers 404 Not Found for an unknown id', async () => {
      const answer = await callApi(double, 'GET', '/v1/video-projects/does-not-exist');
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, { message: 'Not Found' });
    });
  });

  describe('DELETE /v1/video-projects/:id', () => {
    it('answers 204, disables the project, and later GET and DELETE answer 404', async () => {
      const id = await createProject(double);
      const deleted = await callApi(double, 'DELETE', `/v1/video-projects/${id}`);
      assert.equal(deleted.status, 204);
      assert.equal(deleted.text, '');
      assert.equal(double.projects.get(id)?.enabled, false);
      assert.equal((await callApi(double, 'GET', `/v1/video-projects/${id}`)).status, 404);
      assert.equal((await callApi(double, 'DELETE', `/v1/video-projects/${id}`)).status, 404);
    });
  });

  it('answers 404 to a path it does not serve', async () => {
    const answer = await callApi(double, 'GET', '/v1/nothing-here');
    assert.equal(answer.status, 404);
    assert.equal(double.requests.at(-1)?.route, 'unknown');
  });

  it('clearRequests empties the same array, keeping projects', async () => {
    const requests = double.requests;
    await createProject(double);
    double.clearRequests();
    assert.equal(requests.length, 0);
    assert.equal(double.requests, requests);
    assert.equal(double.projects.size, 1);
  });
});
