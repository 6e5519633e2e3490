import assert from 'node:assert/strict';
import { Settings } from '../../../src/constants';
import {
  IMAGE_TO_VIDEO_DEFAULTS,
  VIDEO_TO_VIDEO_DEFAULTS,
  imageToVideoDefaults,
  valuesToRemember,
  videoToVideoDefaults,
} from '../../../src/ui/form-defaults';

const noSettings = () => undefined;

describe('form defaults', () => {
  it('falls back to the catalog defaults when nothing is remembered or set', () => {
    assert.deepEqual(imageToVideoDefaults(undefined, noSettings), IMAGE_TO_VIDEO_DEFAULTS);
    assert.deepEqual(videoToVideoDefaults(undefined, noSettings), VIDEO_TO_VIDEO_DEFAULTS);
  });

  it('prefers remembered values, then settings, field by field', () => {
    const settings: Record<string, unknown> = {
      [Settings.imageToVideoModel]: 'kling-3.0',
      [Settings.imageToVideoResolution]: '1080p',
      [Settings.imageToVideoDuration]: 8,
    };
    const defaults = imageToVideoDefaults({ model: 'veo3.1', prompt: 'waves' }, (key) => settings[key]);
    assert.deepEqual(defaults, {
      model: 'veo3.1',
      resolution: '1080p',
      endSeconds: 8,
      audio: false,
      prompt: 'waves',
    });
  });

  it('ignores stored values of the wrong type or shape, and anything that looks like a path', () => {
    const remembered = { artStyle: '../../etc/passwd', model: 42, version: 'v2', extra: 'x' };
    const defaults = videoToVideoDefaults(remembered, (key) =>
      key === Settings.videoToVideoArtStyle ? 'Studio Ghibli' : undefined,
    );
    assert.deepEqual(defaults, { ...VIDEO_TO_VIDEO_DEFAULTS, artStyle: 'Studio Ghibli', version: 'v2' });
    assert.deepEqual(imageToVideoDefaults('garbage', noSettings), IMAGE_TO_VIDEO_DEFAULTS);
  });

  it('remembers neither the name nor the trim window', () => {
    const remembered = valuesToRemember({
      startSeconds: 1,
      endSeconds: 4,
      sourceDurationSeconds: 9,
      artStyle: 'Van Gogh',
      model: 'default',
      promptType: 'custom',
      prompt: 'stars',
      version: 'v1',
      fpsResolution: 'HALF',
      name: 'Night',
    });
    assert.deepEqual(remembered, {
      artStyle: 'Van Gogh',
      model: 'default',
      promptType: 'custom',
      prompt: 'stars',
      version: 'v1',
      fpsResolution: 'HALF',
    });
    assert.deepEqual(valuesToRemember({ model: 'default', endSeconds: 5, resolution: '720p', name: 'x' }), {
      model: 'default',
      endSeconds: 5,
      resolution: '720p',
      prompt: '',
    });
  });
});
