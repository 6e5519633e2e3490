/**
 * Bad input and awkward names: a source that changed or vanished before upload, files that must
 * be refused before anything is sent, hostile names, and output names already taken.
 * Issue cases 13, 14, 15 and 16.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_UPLOAD_BYTES, inspectSource, SourceError } from '../../../src/engine/source';
import { fixturesDir } from '../engine/setup';
import {
  filesIn,
  I2V,
  inState,
  renderSha,
  requestsTo,
  Rig,
  SETTLED,
  sha256,
  sleep,
  submitImage,
  V2V,
  waitForJob,
} from './helpers';

describe('Bad input and awkward names', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 300 })));
  afterEach(() => rig.close());

  describe('case 13: the source changes or vanishes between choosing and uploading', () => {
    for (const [what, change, message] of [
      [
        'deleted',
        (file: string) => fs.rm(file),
        /^b\.png was deleted or moved before it could be uploaded\.$/,
      ],
      [
        'changed',
        (file: string) => fs.appendFile(file, 'edited'),
        /^b\.png changed after it was chosen\. Start the job again to use the new version\.$/,
      ],
    ] as const) {
      it(`a source ${what} while it waits its turn fails clearly, and nothing of it is sent`, async () => {
        const b = rig.file('b.png');
        await fs.copyFile(rig.file('sample.png'), b);
        // One upload at a time, and the first is slow: the second job waits its turn.
        const engine = await rig.engine({ maxConcurrentUploads: 1 });
        rig.double.fault({ route: 'upload-urls', delayMs: 600 });
        const first = await submitImage(engine, rig);
        const second = await submitImage(engine, rig, b);
        await change(b);
        const failed = await waitForJob(engine, second.id, inState(...SETTLED));
        assert.equal(failed.state, 'failed');
        assert.match(failed.error!.message, message);
        const done = await waitForJob(engine, first.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
        assert.equal(requestsTo(rig.double.requests, 'upload').length, 1, 'only the first job uploaded');
        assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 1);
      });
    }

    it('a source changed while the editor was closed fails clearly when its upload resumes', async () => {
      rig.double.fault({ route: 'upload-urls', delayMs: 2_000 });
      const first = await rig.engine();
      const job = await submitImage(first, rig);
      await first.dispose(); // closed mid-upload: the job stays "uploading" on disk
      await fs.appendFile(rig.file('sample.png'), 'edited');
      const second = await rig.engine();
      const failed = await waitForJob(second, job.id, inState(...SETTLED));
      assert.equal(failed.state, 'failed');
      assert.match(failed.error!.message, /sample\.png changed after it was chosen/);
      await sleep(2_100);
      assert.equal(requestsTo(rig.double.requests, 'upload').length, 0);
      assert.equal(requestsTo(rig.double.requests, 'image-to-video').length, 0);
    });
  });

  describe('case 14: refused before anything is uploaded', () => {
    const refusals: [
      string,
      (rig: Rig) => Promise<string>,
      'image-to-video' | 'video-to-video',
      RegExp,
      number?,
    ][] = [
      [
        'an empty file',
        async (r) => write(r.file('empty.png'), ''),
        'image-to-video',
        /^empty\.png is empty \(0 bytes\)\.$/,
      ],
      [
        'a text file',
        async (r) => copyFixture('notes.txt', r.file('notes.txt')),
        'image-to-video',
        /^notes\.txt is not an image Magic Hour accepts \(png, jpg, /,
      ],
      [
        'an image for video to video',
        async (r) => r.file('sample.png'),
        'video-to-video',
        /^sample\.png is not a video Magic Hour accepts \(mp4, m4v, mov, webm\)\.$/,
      ],
      [
        'a file with no extension',
        async (r) => write(r.file('README'), 'x'),
        'image-to-video',
        /^README is not an image/,
      ],
      [
        'a folder named like an image',
        async (r) => mkdir(r.file('album.png')),
        'image-to-video',
        /^album\.png is not a file\.$/,
      ],
      [
        'a file that is not there',
        async (r) => r.file('gone.png'),
        'image-to-video',
        /^gone\.png does not exist any more\.$/,
      ],
      [
        'a file over the default 2 GB plan limit',
        // Sparse: 2 GB + 1 byte that take no room on disk.
        async (r) => sparse(r.file('huge.mp4'), 2_000_000_001),
        'video-to-video',
        /^huge\.mp4 is 2,000,000,001 bytes, more than your upload limit of 2,000,000,000 bytes \(setting magicHour\.maxUploadSizeMB\)\.$/,
      ],
      [
        'a file over a lower limit the user set (1 MB)',
        async (r) => sparse(r.file('clip.mov'), 1_500_000),
        'video-to-video',
        /^clip\.mov is 1\.5 MB, more than your upload limit of 1\.0 MB \(setting magicHour\.maxUploadSizeMB\)\.$/,
        1_000_000,
      ],
    ];
    for (const [what, make, mode, message, maxUploadBytes] of refusals) {
      it(`${what}`, async () => {
        const engine = await rig.engine(maxUploadBytes ? { maxUploadBytes } : {});
        const file = await make(rig);
        const settings = mode === 'image-to-video' ? I2V : V2V;
        await assert.rejects(
          engine.submit({ mode, source: { kind: 'file', path: file }, settings } as Parameters<
            typeof engine.submit
          >[0]),
          (error: Error) => {
            assert.ok(error instanceof SourceError, String(error));
            assert.match(error.message, message);
            return true;
          },
        );
        assert.deepEqual(engine.list(), [], 'no job was recorded');
        assert.deepEqual(rig.double.requests, [], 'nothing was sent');
      });
    }

    it('the default limit is 2 GB, in the engine and in the setting, and a file of exactly 2 GB passes', async () => {
      assert.equal(DEFAULT_MAX_UPLOAD_BYTES, 2_000_000_000);
      const manifest = JSON.parse(
        await fs.readFile(path.join(await fixturesDir(), '../../package.json'), 'utf8'),
      ) as {
        contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
      };
      assert.equal(manifest.contributes.configuration.properties['magicHour.maxUploadSizeMB']?.default, 2000);
      const file = await sparse(rig.file('limit.mp4'), 2_000_000_000);
      const source = await inspectSource(file, 'video-to-video', DEFAULT_MAX_UPLOAD_BYTES);
      assert.equal(source.kind === 'file' && source.size, 2_000_000_000);
    });
  });

  describe('case 15: names that try to escape the folder', () => {
    it('saves clips of files with unicode, spaces, dots and dashes beside them, with safe names', async () => {
      const names = [
        'ünïcødé café 🎬.png',
        'two  spaces .png',
        'a..b.png',
        '..png',
        '-rf.png',
        '--help.png',
        ' lead.png',
      ];
      for (const name of names) await fs.copyFile(rig.file('sample.png'), rig.file(name));
      const engine = await rig.engine();
      const jobs = await Promise.all(names.map((name) => submitImage(engine, rig, rig.file(name))));
      const outputs: string[] = [];
      for (const job of jobs) {
        const done = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
        outputs.push(done.outputPath!);
      }
      for (const output of outputs) {
        assert.equal(path.dirname(output), rig.workspace, `${output} is outside the source folder`);
        assert.match(path.basename(output), /^[^.\-\s].*\.image-to-video( \(\d+\))?\.mp4$/, output);
      }
      assert.ok(outputs.includes(rig.file('ünïcødé café 🎬.image-to-video.mp4')));
      assert.ok(outputs.includes(rig.file('rf.image-to-video.mp4')), outputs.join('\n'));
      assert.equal(new Set(outputs).size, names.length);
    });

    it('keeps a crafted job name from choosing where a clip from a URL goes', async () => {
      const target = path.join(rig.workspace, 'clips');
      const crafted = [
        '../../../../tmp/mh-escape',
        '..\\..\\mh-escape',
        '/etc/cron.d/mh-escape',
        '-rf --no-preserve-root',
        '.bashrc',
        'a/../../b',
        'nul\u0000byte',
        `${'long '.repeat(39)}end`,
      ];
      const engine = await rig.engine();
      const jobs = await Promise.all(
        crafted.map((name) =>
          engine.submit({
            mode: 'image-to-video',
            source: { kind: 'url', url: 'https://example.com/photo.png' },
            settings: { ...I2V, name },
            outputFolder: target,
          }),
        ),
      );
      for (const job of jobs) {
        const done = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
        assert.equal(path.dirname(done.outputPath!), target, done.outputPath);
        assert.ok(!/^[.-]/.test(path.basename(done.outputPath!)), done.outputPath);
      }
      assert.equal((await filesIn(target)).length, crafted.length);
      assert.deepEqual(
        (await fs.readdir(rig.workspace)).filter((n) => !['clips', 'sample.png', 'sample.mp4'].includes(n)),
        [],
        'nothing was written beside the folder',
      );
      await assert.rejects(fs.stat('/tmp/mh-escape.image-to-video.mp4'));
    });
  });

  describe('case 16: output names already taken', () => {
    it('goes on to " (3)" past two taken names, and never touches them', async () => {
      await fs.writeFile(rig.file('sample.image-to-video.mp4'), 'first');
      await fs.writeFile(rig.file('sample.image-to-video (2).mp4'), 'second');
      const engine = await rig.engine();
      const job = await submitImage(engine, rig);
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.outputPath, rig.file('sample.image-to-video (3).mp4'));
      assert.equal(await fs.readFile(rig.file('sample.image-to-video.mp4'), 'utf8'), 'first');
      assert.equal(await fs.readFile(rig.file('sample.image-to-video (2).mp4'), 'utf8'), 'second');
    });

    it('gives every clip its own name when two windows finish jobs for one source at once', async () => {
      await fs.writeFile(rig.file('sample.image-to-video.mp4'), 'mine');
      const [one, two] = [await rig.engine(), await rig.engine()];
      const jobs = await Promise.all([
        ...[1, 2, 3, 4].map(() => submitImage(one, rig).then((job) => ({ engine: one, job }))),
        ...[1, 2, 3, 4].map(() => submitImage(two, rig).then((job) => ({ engine: two, job }))),
      ]);
      const outputs = [];
      for (const { engine, job } of jobs) {
        const done = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
        outputs.push(done.outputPath!);
      }
      assert.equal(new Set(outputs).size, 8, 'every clip got its own name');
      assert.equal(await fs.readFile(rig.file('sample.image-to-video.mp4'), 'utf8'), 'mine');
      const names = await filesIn(rig.workspace, 'sample.image-to-video');
      assert.equal(names.length, 9);
      const expected = await renderSha();
      for (const output of outputs) assert.equal(await sha256(output), expected, output);
    });
  });
});

async function write(file: string, text: string): Promise<string> {
  await fs.writeFile(file, text);
  return file;
}

async function mkdir(dir: string): Promise<string> {
  await fs.mkdir(dir);
  return dir;
}

async function sparse(file: string, bytes: number): Promise<string> {
  const handle = await fs.open(file, 'w');
  await handle.truncate(bytes);
  await handle.close();
  return file;
}

async function copyFixture(name: string, to: string): Promise<string> {
  await fs.copyFile(path.join(await fixturesDir(), name), to);
  return to;
}
