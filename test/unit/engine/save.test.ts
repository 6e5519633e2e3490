import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outputStem, publishExclusive, safeStem, tempPathFor } from '../../../src/engine/save';

describe('Saving beside the source', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mh-save-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('names the output after the source and the mode', () => {
    assert.equal(outputStem('/photos/cat.png', 'image-to-video'), 'cat.image-to-video');
    assert.equal(outputStem('Ünïcødé café 🎬.JPG', 'image-to-video'), 'Ünïcødé café 🎬.image-to-video');
  });

  it('keeps crafted names inside the folder', () => {
    for (const evil of ['../../etc/passwd', '..', '-rf', '.hidden', 'a/b\\c', 'x\u0000y', '   ', '']) {
      const stem = safeStem(evil);
      assert.ok(!stem.includes('/') && !stem.includes('\\') && !stem.includes('\u0000'), stem);
      assert.ok(!stem.startsWith('.') && !stem.startsWith('-'), stem);
      assert.equal(path.dirname(path.join(dir, `${stem}.mp4`)), dir);
    }
  });

  it('publishes under the first free name and never overwrites, even in a race', async () => {
    await fs.writeFile(path.join(dir, 'cat.image-to-video.mp4'), 'old');
    const temps = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const temp = tempPathFor(dir, 'cat.image-to-video', `job${i}`);
        await fs.writeFile(temp, `clip ${i}`);
        return temp;
      }),
    );
    const finals = await Promise.all(temps.map((t) => publishExclusive(t, dir, 'cat.image-to-video')));
    assert.equal(new Set(finals).size, 8, 'every clip got its own name');
    assert.equal(await fs.readFile(path.join(dir, 'cat.image-to-video.mp4'), 'utf8'), 'old');
    const names = (await fs.readdir(dir)).sort();
    assert.ok(names.includes('cat.image-to-video (2).mp4') && names.includes('cat.image-to-video (9).mp4'));
    assert.equal(names.filter((n) => n.endsWith('.part')).length, 0, 'temp files are gone');
    const contents = await Promise.all(finals.map((f) => fs.readFile(f, 'utf8')));
    assert.deepEqual(contents.sort(), Array.from({ length: 8 }, (_, i) => `clip ${i}`).sort());
  });
});
