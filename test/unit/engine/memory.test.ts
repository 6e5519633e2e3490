import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startDouble } from '../../double/server';
import type { MagicHourDouble } from '../../double/types';

const GIB = 1024 ** 3;

describe('Memory with large files', function () {
  this.timeout(120_000);
  let double: MagicHourDouble;
  let dir: string;

  before(async () => {
    double = await startDouble({ renderMs: 200, outputBytes: GIB });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mh-memory-'));
  });
  after(async () => {
    await double.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('uploads a 1 GiB source and saves a 1 GiB output with peak RSS under 150 MiB', async () => {
    const source = path.join(dir, 'huge.png');
    await fs.writeFile(source, '');
    await fs.truncate(source, GIB); // sparse: no disk space, but a real gigabyte to send
    const child = path.join(__dirname, 'memory-child.js');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [child, double.apiUrl, source, path.join(dir, 'store')],
      {
        maxBuffer: 1024 * 1024,
      },
    );
    const result = JSON.parse(stdout) as { state: string; outputPath: string; maxRssKiB: number };
    assert.equal(result.state, 'done', stdout);
    assert.equal((await fs.stat(result.outputPath)).size, GIB, 'the whole output was saved');
    assert.equal([...double.uploads.values()][0]?.bytes, GIB, 'the whole source was uploaded');
    const peakMiB = result.maxRssKiB / 1024;
    console.log(`      peak RSS of the engine process: ${peakMiB.toFixed(1)} MiB`);
    assert.ok(peakMiB < 150, `peak RSS ${peakMiB.toFixed(1)} MiB`);
  });
});
