import assert from 'node:assert/strict';
import { imageToVideoSettingsSchema, videoToVideoSettingsSchema } from '../../../src/catalog';

describe('catalog settings schemas', () => {
  it('accepts well-formed image-to-video settings and drops unknown keys', () => {
    const parsed = imageToVideoSettingsSchema.parse({
      model: 'kling-2.5',
      endSeconds: 5,
      resolution: '720p',
      audio: true,
      prompt: 'a dog running',
      extra: 1,
    });
    assert.deepEqual(parsed, {
      model: 'kling-2.5',
      endSeconds: 5,
      resolution: '720p',
      audio: true,
      prompt: 'a dog running',
    });
  });

  it('accepts a model it does not know (the catalog judges models, not the schema)', () => {
    assert.ok(
      imageToVideoSettingsSchema.safeParse({ model: 'ltx-2.3', endSeconds: 6, resolution: '4k' }).success,
    );
  });

  it('rejects wrong types, empty values and over-long text', () => {
    const base = { model: 'default', endSeconds: 5, resolution: '720p' };
    assert.ok(!imageToVideoSettingsSchema.safeParse({ ...base, endSeconds: '5' }).success);
    assert.ok(!imageToVideoSettingsSchema.safeParse({ ...base, endSeconds: Infinity }).success);
    assert.ok(!imageToVideoSettingsSchema.safeParse({ ...base, model: '' }).success);
    assert.ok(!imageToVideoSettingsSchema.safeParse({ ...base, audio: 'yes' }).success);
    assert.ok(!imageToVideoSettingsSchema.safeParse({ ...base, prompt: 'x'.repeat(2001) }).success);
    assert.ok(!imageToVideoSettingsSchema.safeParse({ ...base, name: 'x'.repeat(201) }).success);
    assert.ok(!imageToVideoSettingsSchema.safeParse({ model: 'default', endSeconds: 5 }).success);
  });

  it('checks the shape of video-to-video settings', () => {
    const good = {
      startSeconds: 0,
      endSeconds: 4.5,
      sourceDurationSeconds: 8.2,
      artStyle: 'Studio Ghibli',
      model: 'default',
      promptType: 'custom',
      prompt: 'in the rain',
      version: 'v2',
      fpsResolution: 'HALF',
    };
    assert.deepEqual(videoToVideoSettingsSchema.parse(good), good);
    assert.ok(!videoToVideoSettingsSchema.safeParse({ ...good, startSeconds: null }).success);
    assert.ok(!videoToVideoSettingsSchema.safeParse({ ...good, artStyle: '' }).success);
    const { fpsResolution: _omitted, ...missing } = good;
    assert.ok(!videoToVideoSettingsSchema.safeParse(missing).success);
  });
});
