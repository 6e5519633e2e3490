import * as assert from 'node:assert/strict';
import {
  KNOWN_PROJECT_STATUSES,
  VideoProjectSchema,
  isKnownStatus,
  isTerminalStatus,
} from '../../../src/api/schemas';
import type { ImageToVideoRequest, VideoToVideoRequest } from '../../../src/api/schemas';
import { makeClient, useDouble } from './helpers';

describe('API schemas', () => {
  it('knows which statuses are terminal, and keeps polling an unknown one', () => {
    assert.deepEqual(KNOWN_PROJECT_STATUSES.filter(isTerminalStatus), ['complete', 'error', 'canceled']);
    assert.equal(isTerminalStatus('queued'), false);
    assert.equal(isTerminalStatus('upscaling'), false);
    assert.equal(isKnownStatus('rendering'), true);
    assert.equal(isKnownStatus('upscaling'), false);
  });

  it('reads null downloads and null error as [] and null', () => {
    const project = VideoProjectSchema.parse({ id: 'a', status: 'queued', downloads: null, error: null });
    assert.deepEqual(project.downloads, []);
    assert.equal(project.error, null);
  });
});

describe('MagicHourClient request validation (a malformed request is a bug: thrown, never sent)', () => {
  const double = useDouble();

  const cases: [string, (client: ReturnType<typeof makeClient>['client']) => Promise<unknown>, RegExp][] = [
    [
      'image-to-video without an image',
      (c) => c.createImageToVideo({ assets: { image_file_path: '' }, end_seconds: 5 }),
      /Invalid image-to-video request: assets\.image_file_path/,
    ],
    [
      'image-to-video with a negative duration',
      (c) => c.createImageToVideo({ assets: { image_file_path: 'api-assets/a.png' }, end_seconds: -1 }),
      /end_seconds/,
    ],
    [
      'image-to-video with a deprecated field',
      (c) =>
        c.createImageToVideo({
          assets: { image_file_path: 'api-assets/a.png' },
          end_seconds: 5,
          width: 512,
        } as ImageToVideoRequest),
      /width/,
    ],
    [
      'video-to-video ending before it starts',
      (c) =>
        c.createVideoToVideo({
          assets: { video_source: 'file', video_file_path: 'api-assets/a.mp4' },
          start_seconds: 4,
          end_seconds: 2,
          style: { art_style: 'Watercolor' },
        }),
      /end_seconds must be greater than start_seconds/,
    ],
    [
      'video-to-video with a custom prompt type and no prompt',
      (c) =>
        c.createVideoToVideo({
          assets: { video_source: 'file', video_file_path: 'api-assets/a.mp4' },
          start_seconds: 0,
          end_seconds: 2,
          style: { art_style: 'Watercolor', prompt_type: 'custom' },
        }),
      /style\.prompt: a prompt is required/,
    ],
    [
      'video-to-video from youtube without a URL',
      (c) =>
        c.createVideoToVideo({
          assets: { video_source: 'youtube' },
          start_seconds: 0,
          end_seconds: 2,
          style: { art_style: 'Watercolor' },
        } as unknown as VideoToVideoRequest),
      /assets\.youtube_url/,
    ],
    [
      'upload-urls with a dotted extension',
      (c) => c.createUploadUrls([{ type: 'image', extension: '.png' }]),
      /Invalid upload-urls request: items\.0\.extension/,
    ],
    ['a project with an empty id', (c) => c.getProject(''), /project id is required/],
  ];

  for (const [name, call, message] of cases) {
    it(`throws for ${name}`, async () => {
      const { client } = makeClient(double.current);
      await assert.rejects(call(client), (error: Error) => {
        assert.equal(error.name, 'TypeError');
        assert.match(error.message, message);
        return true;
      });
      assert.equal(double.current.requests.length, 0, 'nothing was sent');
    });
  }
});
