import assert from 'node:assert/strict';
import {
  IMAGE_TO_VIDEO_MODELS,
  RESOLUTIONS,
  VIDEO_TO_VIDEO_ART_STYLES,
  VIDEO_TO_VIDEO_MODELS,
  allowedDurations,
  audioChoice,
  durationChoices,
  findImageToVideoModel,
} from '../../../src/catalog';

function model(id: string) {
  const found = findImageToVideoModel(id);
  assert.ok(found, `catalog has ${id}`);
  return found;
}

describe('catalog models', () => {
  it('lists the eight image-to-video models of the API, each once', () => {
    const ids = IMAGE_TO_VIDEO_MODELS.map((m) => m.id);
    assert.deepEqual(ids, [
      'default',
      'ltx-2',
      'seedance',
      'kling-2.5',
      'kling-3.0',
      'sora-2',
      'veo3.1',
      'kling-1.6',
    ]);
  });

  it('gives every model a label and only known resolutions', () => {
    for (const m of IMAGE_TO_VIDEO_MODELS) {
      assert.ok(m.label.trim().length > 0, m.id);
      assert.ok(m.resolutions.length > 0, m.id);
      for (const r of m.resolutions) assert.ok(RESOLUTIONS.includes(r), `${m.id} ${r}`);
    }
    assert.equal(model('default').label, 'Default (Kling 2.5 Audio)');
    assert.equal(model('sora-2').label, 'Sora 2');
  });

  it('notes that Sora 2 takes only 9:16 or 16:9 images', () => {
    assert.match(model('sora-2').note ?? '', /9:16.*16:9/);
  });

  it('returns undefined for a model id it does not know', () => {
    assert.equal(findImageToVideoModel('ltx-2.3'), undefined);
    assert.equal(findImageToVideoModel(''), undefined);
  });

  it('resolves the default model duration rule per resolution', () => {
    assert.deepEqual(allowedDurations(model('default'), '480p'), { min: 2, max: 12, step: 1 });
    assert.deepEqual(allowedDurations(model('default'), '720p'), { min: 5, max: 60, step: 1 });
    assert.deepEqual(allowedDurations(model('default'), '4k'), { min: 5, max: 60, step: 1 });
    assert.deepEqual(allowedDurations(model('default'), 'constructor'), { min: 5, max: 60, step: 1 });
    assert.deepEqual(allowedDurations(model('kling-2.5'), '1080p'), [5, 10]);
  });

  it('lists duration choices for a list rule as given', () => {
    assert.deepEqual(durationChoices(model('sora-2'), '720p'), [4, 8, 12, 24, 36, 48, 60]);
    assert.deepEqual(durationChoices(model('veo3.1'), '1080p'), [4, 6, 8, 16, 24, 32, 40, 48, 56]);
  });

  it('lists every allowed value for a range rule', () => {
    assert.deepEqual(durationChoices(model('seedance'), '720p'), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(
      durationChoices(model('kling-1.6'), '720p'),
      [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60],
    );
    assert.deepEqual(durationChoices(model('default'), '480p'), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const at720 = durationChoices(model('default'), '720p');
    assert.equal(at720.length, 56);
    assert.equal(at720[0], 5);
    assert.equal(at720[55], 60);
  });

  it('returns a copy of list choices, not the table itself', () => {
    const choices = durationChoices(model('kling-2.5'), '720p');
    choices.push(99);
    assert.deepEqual(durationChoices(model('kling-2.5'), '720p'), [5, 10]);
  });

  it('tells how each model handles audio', () => {
    assert.equal(audioChoice(model('ltx-2')), 'always');
    assert.equal(audioChoice(model('kling-2.5')), 'always');
    assert.equal(audioChoice(model('sora-2')), 'always');
    assert.equal(audioChoice(model('kling-3.0')), 'toggle');
    assert.equal(audioChoice(model('veo3.1')), 'toggle');
    assert.equal(audioChoice(model('seedance')), 'none');
    assert.equal(audioChoice(model('kling-1.6')), 'none');
    assert.equal(audioChoice(undefined), 'toggle');
  });

  it('has the 75 art styles of the API, without duplicates', () => {
    assert.equal(VIDEO_TO_VIDEO_ART_STYLES.length, 75);
    assert.equal(new Set(VIDEO_TO_VIDEO_ART_STYLES).size, 75);
    for (const style of ['3D Render', 'Studio Ghibli', 'Van Gogh', 'Watercolor', 'No Art Style', 'Zelda']) {
      assert.ok((VIDEO_TO_VIDEO_ART_STYLES as readonly string[]).includes(style), style);
    }
  });

  it('has the eight video-to-video models', () => {
    assert.deepEqual(
      VIDEO_TO_VIDEO_MODELS.map((m) => m.id),
      [
        'default',
        'Dreamshaper',
        'Absolute Reality',
        'Flat 2D Anime',
        '3D Anime',
        'Kaywaii',
        'Soft Anime',
        'Western Anime',
      ],
    );
  });
});
