import assert from 'node:assert/strict';
import { NAME_MAX_LENGTH, PROMPT_MAX_LENGTH } from '../../../src/catalog/settings';
import { MAX_SOURCES, URI_MAX_LENGTH, formToHostSchema, hostToFormSchema } from '../../../src/protocol/form';
import { parseMessage } from '../../../src/protocol/parse';
import { formInit } from './fixtures';

const imageSettings = {
  model: 'kling-2.5',
  endSeconds: 5,
  resolution: '720p',
  prompt: 'waves',
  name: 'Beach',
};
const videoSettings = {
  startSeconds: 0,
  endSeconds: 4.5,
  sourceDurationSeconds: 8.2,
  artStyle: "Assassin's Creed",
  model: 'Absolute Reality',
  promptType: 'append_default',
  prompt: 'at dusk',
  version: 'v2',
  fpsResolution: 'HALF',
};
const submit = (settings: object, mode = 'image-to-video') => ({
  type: 'submit',
  submission: { mode, settings },
});

describe('form protocol: webview to host', () => {
  it('accepts ready, close and well-formed submits of both modes', () => {
    assert.ok(formToHostSchema.safeParse({ type: 'ready' }).success);
    assert.ok(formToHostSchema.safeParse({ type: 'close' }).success);
    assert.deepEqual(formToHostSchema.parse(submit(imageSettings)), submit(imageSettings));
    assert.deepEqual(
      formToHostSchema.parse(submit(videoSettings, 'video-to-video')),
      submit(videoSettings, 'video-to-video'),
    );
  });

  it('rejects unknown types, missing types and non-objects', () => {
    for (const raw of [{ type: 'deleteEverything' }, {}, null, 'ready', 42, [], { type: 'READY' }]) {
      assert.equal(formToHostSchema.safeParse(raw).success, false, JSON.stringify(raw));
    }
  });

  it('rejects extra keys anywhere (a webview cannot name files or folders)', () => {
    assert.equal(formToHostSchema.safeParse({ type: 'ready', files: ['/etc/passwd'] }).success, false);
    assert.equal(
      formToHostSchema.safeParse({ ...submit(imageSettings), outputFolder: '../../etc' }).success,
      false,
    );
    assert.equal(
      formToHostSchema.safeParse(submit({ ...imageSettings, sourcePath: '../../etc/passwd' })).success,
      false,
    );
  });

  it('rejects path-like or odd catalog values', () => {
    for (const model of [
      '../../etc/passwd',
      '/etc/passwd',
      'C:\\Windows',
      '.hidden',
      '',
      'a\nb',
      'x'.repeat(101),
    ]) {
      assert.equal(formToHostSchema.safeParse(submit({ ...imageSettings, model })).success, false, model);
    }
    assert.equal(
      formToHostSchema.safeParse(submit({ ...videoSettings, artStyle: '../../etc/passwd' }, 'video-to-video'))
        .success,
      false,
    );
  });

  it('rejects wrong field types', () => {
    const cases = [
      { ...imageSettings, endSeconds: '5' },
      { ...imageSettings, endSeconds: NaN },
      { ...imageSettings, endSeconds: Infinity },
      { ...imageSettings, endSeconds: -1 },
      { ...imageSettings, audio: 'yes' },
      { ...imageSettings, resolution: 720 },
      { ...imageSettings, prompt: null },
    ];
    for (const settings of cases) {
      assert.equal(formToHostSchema.safeParse(submit(settings)).success, false, JSON.stringify(settings));
    }
  });

  it('rejects settings of the other mode under a mode tag', () => {
    assert.equal(formToHostSchema.safeParse(submit(videoSettings, 'image-to-video')).success, false);
    assert.equal(formToHostSchema.safeParse(submit(imageSettings, 'video-to-video')).success, false);
    assert.equal(formToHostSchema.safeParse(submit(imageSettings, 'text-to-video')).success, false);
  });

  it('bounds every string: huge prompts, names and times are rejected', () => {
    const huge = 'x'.repeat(1_000_000);
    assert.equal(formToHostSchema.safeParse(submit({ ...imageSettings, prompt: huge })).success, false);
    assert.equal(
      formToHostSchema.safeParse(submit({ ...imageSettings, prompt: 'p'.repeat(PROMPT_MAX_LENGTH) })).success,
      true,
    );
    assert.equal(
      formToHostSchema.safeParse(submit({ ...imageSettings, name: 'n'.repeat(NAME_MAX_LENGTH + 1) })).success,
      false,
    );
    assert.equal(formToHostSchema.safeParse(submit({ ...imageSettings, name: 'two\nlines' })).success, false);
    assert.equal(formToHostSchema.safeParse(submit({ ...imageSettings, endSeconds: 1e9 })).success, false);
  });
});

describe('form protocol: host to webview', () => {
  const init = formInit;

  it('accepts an init of each mode, including a YouTube source', () => {
    assert.ok(hostToFormSchema.safeParse(init).success);
    const youtube = {
      type: 'init',
      form: {
        mode: 'video-to-video',
        sources: [{ kind: 'youtube', label: 'YouTube video', url: 'https://youtu.be/dQw4w9WgXcQ' }],
        defaults: {
          artStyle: '3D Render',
          model: 'default',
          promptType: 'default',
          prompt: '',
          version: 'default',
          fpsResolution: 'FULL',
        },
      },
    };
    assert.ok(hostToFormSchema.safeParse(youtube).success);
  });

  it('rejects an init with no sources, too many, or an oversized URI', () => {
    const withSources = (sources: unknown[]) => ({ ...init, form: { ...init.form, sources } });
    const source = init.form.sources[0];
    assert.equal(hostToFormSchema.safeParse(withSources([])).success, false);
    assert.equal(hostToFormSchema.safeParse(withSources(Array(MAX_SOURCES + 1).fill(source))).success, false);
    assert.equal(
      hostToFormSchema.safeParse(withSources([{ ...source, src: 'x'.repeat(URI_MAX_LENGTH + 1) }])).success,
      false,
    );
  });

  it('rejects a remembered name in the defaults (names are per job)', () => {
    const form = { ...init.form, defaults: { ...init.form.defaults, name: 'old' } };
    assert.equal(hostToFormSchema.safeParse({ ...init, form }).success, false);
  });

  it('accepts refused, submitted and job messages; rejects unknown job states', () => {
    assert.ok(
      hostToFormSchema.safeParse({
        type: 'refused',
        problems: [{ field: 'endSeconds', message: 'Kling 2.5 makes 5 or 10 second videos.' }],
      }).success,
    );
    assert.ok(
      hostToFormSchema.safeParse({
        type: 'submitted',
        jobs: [{ jobId: 'abc', source: 'cat.png' }],
        errors: [{ source: 'dog.png', message: 'The file is gone.' }],
      }).success,
    );
    const job = { type: 'job', jobId: 'abc', state: 'queued', creditsCharged: 300 };
    assert.ok(hostToFormSchema.safeParse(job).success);
    assert.equal(hostToFormSchema.safeParse({ ...job, state: 'exploded' }).success, false);
    assert.equal(hostToFormSchema.safeParse({ ...job, uploadedPercent: 140 }).success, false);
  });
});

describe('parseMessage', () => {
  it('returns the parsed message and logs nothing when valid', () => {
    const lines: string[] = [];
    assert.deepEqual(
      parseMessage(formToHostSchema, { type: 'ready' }, (l) => lines.push(l), 'form'),
      {
        type: 'ready',
      },
    );
    assert.deepEqual(lines, []);
  });

  it('logs one short line without echoing the payload, and never throws', () => {
    const lines: string[] = [];
    const secretish = 'y'.repeat(50_000);
    const result = parseMessage(
      formToHostSchema,
      submit({ ...imageSettings, prompt: secretish }),
      (l) => lines.push(l),
      'form',
    );
    assert.equal(result, undefined);
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.length <= 300);
    assert.ok(!lines[0]!.includes('yyyy'));
    assert.match(lines[0]!, /^form: rejected a "submit" message: submission\.settings\.prompt: /);
  });

  it('does not quote a hostile type', () => {
    const lines: string[] = [];
    parseMessage(formToHostSchema, { type: '<img src=x onerror=alert(1)>' }, (l) => lines.push(l), 'form');
    assert.match(lines[0]!, /rejected a malformed message/);
    parseMessage(formToHostSchema, Object.create(null), (l) => lines.push(l), 'form');
    assert.equal(lines.length, 2);
  });
});
