import assert from 'node:assert/strict';
import { estimateImageToVideoCredits, estimateVideoToVideoCredits } from '../../../src/catalog';

describe('catalog credits', () => {
  it('prices the default model per 5 seconds at each resolution', () => {
    assert.equal(estimateImageToVideoCredits({ model: 'default', resolution: '480p', endSeconds: 5 }), 120);
    assert.equal(estimateImageToVideoCredits({ model: 'default', resolution: '720p', endSeconds: 5 }), 300);
    assert.equal(estimateImageToVideoCredits({ model: 'default', resolution: '1080p', endSeconds: 5 }), 600);
  });

  it('pro-rates per second: 720p for 10 s is 600 credits', () => {
    assert.equal(estimateImageToVideoCredits({ model: 'default', resolution: '720p', endSeconds: 10 }), 600);
    assert.equal(estimateImageToVideoCredits({ model: 'default', resolution: '720p', endSeconds: 7 }), 420);
    assert.equal(estimateImageToVideoCredits({ model: 'default', resolution: '480p', endSeconds: 2 }), 48);
  });

  it('has no estimate for models without a published price', () => {
    for (const model of ['kling-2.5', 'sora-2', 'veo3.1', 'ltx-2.3']) {
      assert.equal(estimateImageToVideoCredits({ model, resolution: '720p', endSeconds: 10 }), undefined);
    }
  });

  it('has no estimate for an unknown resolution or a nonsense duration', () => {
    assert.equal(
      estimateImageToVideoCredits({ model: 'default', resolution: '4k', endSeconds: 5 }),
      undefined,
    );
    assert.equal(
      estimateImageToVideoCredits({ model: 'default', resolution: 'toString', endSeconds: 5 }),
      undefined,
    );
    assert.equal(
      estimateImageToVideoCredits({ model: 'default', resolution: '720p', endSeconds: NaN }),
      undefined,
    );
    assert.equal(
      estimateImageToVideoCredits({ model: 'default', resolution: '720p', endSeconds: 0 }),
      undefined,
    );
  });

  it('has no video-to-video estimate (no published rate)', () => {
    assert.equal(
      estimateVideoToVideoCredits({
        startSeconds: 0,
        endSeconds: 5,
        artStyle: 'Van Gogh',
        model: 'default',
        promptType: 'default',
        version: 'default',
        fpsResolution: 'HALF',
      }),
      undefined,
    );
  });
});
