import assert from 'node:assert/strict';
import {
  VIDEO_TO_VIDEO_ART_STYLES,
  validateImageToVideo,
  validateVideoToVideo,
  type ImageToVideoSettings,
  type Problem,
  type VideoToVideoSettings,
} from '../../../src/catalog';

/** The published limits, written out again here so a wrong catalog entry fails a test. */
const PUBLISHED: Record<string, { resolutions: string[]; durations: Record<string, number[]> }> = {
  default: {
    resolutions: ['480p', '720p', '1080p'],
    durations: { '480p': range(2, 12, 1), '720p': range(5, 60, 1), '1080p': range(5, 60, 1) },
  },
  'ltx-2': {
    resolutions: ['480p', '720p', '1080p'],
    durations: { all: [3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30] },
  },
  seedance: { resolutions: ['480p', '720p', '1080p'], durations: { all: range(2, 12, 1) } },
  'kling-2.5': { resolutions: ['720p', '1080p'], durations: { all: [5, 10] } },
  'kling-3.0': { resolutions: ['720p', '1080p'], durations: { all: range(3, 15, 1) } },
  'sora-2': { resolutions: ['720p'], durations: { all: [4, 8, 12, 24, 36, 48, 60] } },
  'veo3.1': { resolutions: ['720p', '1080p'], durations: { all: [4, 6, 8, 16, 24, 32, 40, 48, 56] } },
  'kling-1.6': { resolutions: ['720p', '1080p'], durations: { all: range(5, 60, 5) } },
};

function range(min: number, max: number, step: number): number[] {
  const values: number[] = [];
  for (let v = min; v <= max; v += step) values.push(v);
  return values;
}

function imageToVideo(overrides: Partial<ImageToVideoSettings>): Problem[] {
  return validateImageToVideo({ model: 'default', endSeconds: 5, resolution: '720p', ...overrides });
}

function messagesFor(problems: Problem[], field: string): string[] {
  return problems.filter((p) => p.field === field).map((p) => p.message);
}

describe('validateImageToVideo', () => {
  for (const [model, limits] of Object.entries(PUBLISHED)) {
    for (const resolution of limits.resolutions) {
      const allowed = limits.durations[resolution] ?? limits.durations.all ?? [];
      // Neighbours: one below and above each end, the gaps inside the list, and a half second.
      const neighbours = new Set([allowed[0]! - 1, allowed[allowed.length - 1]! + 1, allowed[0]! + 0.5]);
      for (let v = allowed[0]!; v <= allowed[allowed.length - 1]!; v++) {
        if (!allowed.includes(v)) neighbours.add(v);
      }
      neighbours.delete(0);

      it(`${model} at ${resolution} accepts ${allowed[0]} to ${allowed.at(-1)} as published and rejects the neighbours`, () => {
        for (const endSeconds of allowed) {
          assert.deepEqual(imageToVideo({ model, resolution, endSeconds }), [], `${endSeconds} s`);
        }
        for (const endSeconds of neighbours) {
          const problems = imageToVideo({ model, resolution, endSeconds });
          assert.equal(
            messagesFor(problems, 'endSeconds').length,
            1,
            `${endSeconds} s: ${JSON.stringify(problems)}`,
          );
        }
      });
    }

    const refused = ['480p', '720p', '1080p'].filter((r) => !limits.resolutions.includes(r));
    if (refused.length > 0) {
      it(`${model} rejects ${refused.join(' and ')}`, () => {
        for (const resolution of refused) {
          const endSeconds = limits.durations.all?.[0] ?? 5;
          const problems = imageToVideo({ model, resolution, endSeconds });
          assert.equal(messagesFor(problems, 'resolution').length, 1, resolution);
        }
      });
    }
  }

  it('explains a Kling 2.5 duration in words', () => {
    assert.deepEqual(imageToVideo({ model: 'kling-2.5', endSeconds: 5 }), []);
    assert.deepEqual(imageToVideo({ model: 'kling-2.5', endSeconds: 7 }), [
      { field: 'endSeconds', message: 'Kling 2.5 makes 5 or 10 second videos.' },
    ]);
  });

  it('explains the default model limits at 480p and 720p', () => {
    assert.deepEqual(imageToVideo({ resolution: '480p', endSeconds: 12 }), []);
    assert.deepEqual(messagesFor(imageToVideo({ resolution: '480p', endSeconds: 13 }), 'endSeconds'), [
      'Default (Kling 2.5 Audio) makes 2 to 12 second videos at 480p in whole seconds.',
    ]);
    assert.deepEqual(imageToVideo({ resolution: '720p', endSeconds: 60 }), []);
    assert.deepEqual(messagesFor(imageToVideo({ resolution: '720p', endSeconds: 61 }), 'endSeconds'), [
      'Default (Kling 2.5 Audio) makes 5 to 60 second videos in whole seconds.',
    ]);
  });

  it('refuses Sora 2 at 1080p, naming the resolution it renders at', () => {
    assert.deepEqual(imageToVideo({ model: 'sora-2', resolution: '1080p', endSeconds: 8 }), [
      { field: 'resolution', message: 'Sora 2 renders at 720p only.' },
    ]);
  });

  it('explains Seedance and Kling 1.6 steps', () => {
    assert.deepEqual(messagesFor(imageToVideo({ model: 'seedance', endSeconds: 2.5 }), 'endSeconds'), [
      'Seedance makes 2 to 12 second videos in whole seconds.',
    ]);
    assert.deepEqual(imageToVideo({ model: 'kling-1.6', endSeconds: 15 }), []);
    assert.deepEqual(messagesFor(imageToVideo({ model: 'kling-1.6', endSeconds: 12 }), 'endSeconds'), [
      'Kling 1.6 makes 5 to 60 second videos in steps of 5 seconds.',
    ]);
  });

  it('lets a model it does not know through, with generic checks only', () => {
    assert.deepEqual(imageToVideo({ model: 'ltx-2.3', endSeconds: 7, resolution: '4k', audio: true }), []);
    assert.equal(messagesFor(imageToVideo({ model: 'ltx-2.3', endSeconds: 0 }), 'endSeconds').length, 1);
  });

  it('lets a resolution it does not know through for a known model', () => {
    assert.deepEqual(imageToVideo({ model: 'kling-3.0', resolution: '4k', endSeconds: 5 }), []);
    assert.equal(
      messagesFor(imageToVideo({ model: 'kling-3.0', resolution: '4k', endSeconds: 16 }), 'endSeconds')
        .length,
      1,
    );
  });

  it('rejects audio for a model without audio, and accepts it where it is on or toggled', () => {
    assert.deepEqual(imageToVideo({ model: 'seedance', endSeconds: 5, audio: true }), [
      { field: 'audio', message: 'Seedance cannot add audio: turn audio off.' },
    ]);
    assert.deepEqual(imageToVideo({ model: 'seedance', endSeconds: 5, audio: false }), []);
    assert.deepEqual(imageToVideo({ model: 'veo3.1', endSeconds: 8, audio: true }), []);
    assert.deepEqual(imageToVideo({ model: 'kling-2.5', endSeconds: 5, audio: true }), []);
  });

  it('rejects durations that are not positive finite numbers', () => {
    for (const endSeconds of [NaN, Infinity, -Infinity, 0, -5]) {
      const problems = imageToVideo({ endSeconds });
      assert.equal(problems.length, 1, String(endSeconds));
      assert.equal(problems[0]?.field, 'endSeconds');
    }
  });

  it('asks for a model and a resolution when they are empty', () => {
    const problems = imageToVideo({ model: ' ', resolution: '' });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['model', 'resolution'],
    );
  });

  it('limits the prompt to 2,000 characters and the name to 200', () => {
    assert.deepEqual(imageToVideo({ prompt: 'x'.repeat(2000), name: 'n'.repeat(200) }), []);
    assert.deepEqual(imageToVideo({ prompt: 'x'.repeat(2001) }), [
      { field: 'prompt', message: 'The prompt is 2,001 characters long: keep it to 2,000 or fewer.' },
    ]);
    assert.deepEqual(messagesFor(imageToVideo({ name: 'n'.repeat(201) }), 'name').length, 1);
  });
});

describe('validateVideoToVideo', () => {
  const valid: VideoToVideoSettings = {
    startSeconds: 0,
    endSeconds: 5,
    artStyle: '3D Render',
    model: 'default',
    promptType: 'default',
    version: 'default',
    fpsResolution: 'HALF',
  };
  const videoToVideo = (overrides: Partial<VideoToVideoSettings>) =>
    validateVideoToVideo({ ...valid, ...overrides });

  it('accepts the API example settings', () => {
    assert.deepEqual(videoToVideo({}), []);
  });

  it('accepts every art style of the list', () => {
    for (const artStyle of VIDEO_TO_VIDEO_ART_STYLES) {
      assert.deepEqual(videoToVideo({ artStyle }), [], artStyle);
    }
  });

  it('rejects an art style it does not know, with a message', () => {
    assert.deepEqual(videoToVideo({ artStyle: 'Picasso' }), [
      {
        field: 'artStyle',
        message: '"Picasso" is not an art style Magic Hour offers: choose one from the list.',
      },
    ]);
    assert.deepEqual(messagesFor(videoToVideo({ artStyle: '' }), 'artStyle'), ['Choose an art style.']);
  });

  it('wants the end after the start', () => {
    assert.deepEqual(videoToVideo({ startSeconds: 3, endSeconds: 3 }), [
      { field: 'endSeconds', message: 'The end must be after the start.' },
    ]);
    assert.deepEqual(messagesFor(videoToVideo({ startSeconds: 4, endSeconds: 2 }), 'endSeconds'), [
      'The end must be after the start.',
    ]);
    assert.deepEqual(videoToVideo({ startSeconds: 2.5, endSeconds: 2.6 }), []);
  });

  it('wants the start at 0 or later and the end later than 0.1 s', () => {
    assert.deepEqual(messagesFor(videoToVideo({ startSeconds: -1 }), 'startSeconds').length, 1);
    assert.deepEqual(messagesFor(videoToVideo({ endSeconds: 0.1 }), 'endSeconds'), [
      'The end must be later than 0.1 s.',
    ]);
    assert.deepEqual(videoToVideo({ endSeconds: 0.2 }), []);
  });

  it('rejects start and end values that are not numbers', () => {
    assert.equal(messagesFor(videoToVideo({ startSeconds: NaN }), 'startSeconds').length, 1);
    assert.equal(messagesFor(videoToVideo({ endSeconds: Infinity }), 'endSeconds').length, 1);
  });

  it('keeps the trim window inside the clip when its length is known', () => {
    assert.deepEqual(videoToVideo({ sourceDurationSeconds: 8.2, endSeconds: 8.2 }), []);
    assert.deepEqual(videoToVideo({ sourceDurationSeconds: 8.2, endSeconds: 9 }), [
      { field: 'endSeconds', message: 'The clip is 8.2 s long: the end can be at most 8.2 s.' },
    ]);
    assert.deepEqual(
      messagesFor(
        videoToVideo({ sourceDurationSeconds: 8.2, startSeconds: 8.2, endSeconds: 9 }),
        'startSeconds',
      ),
      ['The clip is 8.2 s long: the start must be before 8.2 s.'],
    );
    assert.deepEqual(videoToVideo({ sourceDurationSeconds: undefined, endSeconds: 500 }), []);
  });

  it('wants a prompt for the custom and append_default prompt types', () => {
    assert.deepEqual(videoToVideo({ promptType: 'custom' }), [
      { field: 'prompt', message: "Write a prompt: the 'custom' prompt type uses only your prompt." },
    ]);
    assert.deepEqual(videoToVideo({ promptType: 'custom', prompt: '   ' }).length, 1);
    assert.deepEqual(
      messagesFor(videoToVideo({ promptType: 'append_default', prompt: '' }), 'prompt').length,
      1,
    );
    assert.deepEqual(videoToVideo({ promptType: 'custom', prompt: 'neon rain' }), []);
    assert.deepEqual(videoToVideo({ promptType: 'append_default', prompt: 'neon rain' }), []);
    assert.deepEqual(videoToVideo({ promptType: 'default', prompt: undefined }), []);
  });

  it('rejects model, prompt type, version and frame rate values it does not know, naming the choices', () => {
    assert.deepEqual(messagesFor(videoToVideo({ version: 'v3' }), 'version'), [
      '"v3" is not a version: choose default, v1 or v2.',
    ]);
    assert.deepEqual(messagesFor(videoToVideo({ fpsResolution: 'QUARTER' }), 'fpsResolution'), [
      '"QUARTER" is not a frame rate setting: choose FULL or HALF.',
    ]);
    assert.equal(messagesFor(videoToVideo({ model: 'Photoreal' }), 'model').length, 1);
    assert.equal(messagesFor(videoToVideo({ promptType: 'replace' }), 'promptType').length, 1);
    for (const model of [
      'Dreamshaper',
      'Absolute Reality',
      'Flat 2D Anime',
      '3D Anime',
      'Kaywaii',
      'Soft Anime',
      'Western Anime',
    ]) {
      assert.deepEqual(videoToVideo({ model }), [], model);
    }
  });

  it('limits prompt and name length', () => {
    assert.equal(
      messagesFor(videoToVideo({ promptType: 'custom', prompt: 'p'.repeat(2001) }), 'prompt').length,
      1,
    );
    assert.equal(messagesFor(videoToVideo({ name: 'n'.repeat(201) }), 'name').length, 1);
  });
});
