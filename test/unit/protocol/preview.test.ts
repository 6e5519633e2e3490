import assert from 'node:assert/strict';
import { hostToPreviewSchema, previewToHostSchema, MAX_SETTINGS } from '../../../src/protocol/preview';
import { previewJob } from './fixtures';

const job = previewJob;

describe('preview protocol: host to webview', () => {
  it('accepts init and update of a job', () => {
    assert.ok(hostToPreviewSchema.safeParse({ type: 'init', job }).success);
    assert.ok(hostToPreviewSchema.safeParse({ type: 'update', job }).success);
  });

  it('accepts a job with no output yet and a YouTube or URL source', () => {
    const { output: _output, ...rendering } = job;
    const youtube = {
      ...rendering,
      state: 'rendering',
      source: { kind: 'youtube', url: 'https://youtu.be/x' },
    };
    assert.ok(hostToPreviewSchema.safeParse({ type: 'update', job: youtube }).success);
    const url = { ...rendering, source: { kind: 'url', url: 'https://example.com/cat.png' } };
    assert.ok(hostToPreviewSchema.safeParse({ type: 'update', job: url }).success);
  });

  it('rejects unknown types, extra keys, nested objects in settings and too many settings', () => {
    assert.equal(hostToPreviewSchema.safeParse({ type: 'play', job }).success, false);
    assert.equal(hostToPreviewSchema.safeParse({ type: 'init', job: { ...job, token: 'x' } }).success, false);
    assert.equal(
      hostToPreviewSchema.safeParse({ type: 'init', job: { ...job, settings: { nested: { a: 1 } } } })
        .success,
      false,
    );
    const many = Object.fromEntries(Array.from({ length: MAX_SETTINGS + 1 }, (_, i) => [`k${i}`, i]));
    assert.equal(
      hostToPreviewSchema.safeParse({ type: 'init', job: { ...job, settings: many } }).success,
      false,
    );
  });

  it('rejects a source that names a link yet carries a src, and oversized strings', () => {
    const mixed = {
      ...job,
      source: { kind: 'youtube', url: 'https://youtu.be/x', src: 'file:///etc/passwd' },
    };
    assert.equal(hostToPreviewSchema.safeParse({ type: 'init', job: mixed }).success, false);
    const huge = { ...job, name: 'n'.repeat(100_000) };
    assert.equal(hostToPreviewSchema.safeParse({ type: 'init', job: huge }).success, false);
  });
});

describe('preview protocol: webview to host', () => {
  it('accepts ready and mediaError', () => {
    assert.ok(previewToHostSchema.safeParse({ type: 'ready' }).success);
    assert.ok(
      previewToHostSchema.safeParse({ type: 'mediaError', which: 'output', message: 'code 4' }).success,
    );
  });

  it('rejects anything else', () => {
    for (const raw of [
      { type: 'openFile', path: '../../etc/passwd' },
      { type: 'ready', path: '../../etc/passwd' },
      { type: 'mediaError', which: 'both', message: 'x' },
      { type: 'mediaError', which: 'source', message: 'x'.repeat(501) },
      undefined,
    ]) {
      assert.equal(previewToHostSchema.safeParse(raw).success, false, JSON.stringify(raw));
    }
  });
});
