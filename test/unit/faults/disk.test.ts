/**
 * Case 17: the disk refuses the clip while it is saved. No partial file is left under any name,
 * the job says "rendered, not saved", and Retry Download saves it once the disk is fine again.
 *
 * The failures are real ones from the kernel, not mocks. The tests run as root, where a
 * read-only folder (chmod 0555) does not stop a write, so:
 * - disk full: the engine runs in a child process under `ulimit -f` (RLIMIT_FSIZE), and the
 *   kernel cuts the download part way with EFBIG, exactly where a full disk gives ENOSPC;
 * - ENOSPC itself: the download's temp file is a link to /dev/full, whose every write fails with
 *   "no space left on device";
 * - a folder that cannot be written: the output folder's path runs through a regular file
 *   (ENOTDIR), which stops root too.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JobRecord } from '../../../src/engine/job';
import { tempPathFor } from '../../../src/engine/save';
import {
  filesIn,
  inState,
  OUTPUT_BYTES,
  OUTPUT_SHA,
  Rig,
  SETTLED,
  sha256,
  submitImage,
  waitForJob,
} from './helpers';

const UNSAVED = /^Rendered, not saved: .+\. Free some space or pick another output folder, then retry\.$/;

describe('Case 17: the disk refuses the clip', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 300, outputBytes: OUTPUT_BYTES })));
  afterEach(() => rig.close());

  /** Every file in the workspace besides the two sources: there must be none. */
  async function leftovers(folder = rig.workspace): Promise<string[]> {
    return (await fs.readdir(folder)).filter((name) => !['sample.png', 'sample.mp4'].includes(name));
  }

  /** Retry Download, as the notification's button runs it: the clip is saved once. */
  async function retryAndExpectSaved(job: JobRecord, folder = rig.workspace): Promise<void> {
    const engine = await rig.engine();
    await engine.retrySave(job.id);
    const done = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(done.outputPath, path.join(folder, 'sample.image-to-video.mp4'));
    assert.equal(await sha256(done.outputPath!), OUTPUT_SHA);
    assert.deepEqual(await filesIn(folder, '.'), [], 'no temp file is left');
  }

  it('disk full part way through the download (file size limit, EFBIG)', async () => {
    const child = path.join(__dirname, 'disk-child.js');
    // 40 KiB: room for the job records, not for the 200 kB clip.
    const { stdout } = await promisify(execFile)(
      'bash',
      [
        '-c',
        'ulimit -f 40 && exec "$@"',
        'bash',
        process.execPath,
        child,
        rig.double.apiUrl,
        rig.storage,
        rig.file('sample.png'),
      ],
      { maxBuffer: 1024 * 1024 },
    );
    const job = JSON.parse(stdout) as JobRecord;
    assert.equal(job.state, 'unsaved', stdout);
    assert.match(job.error!.message, /^Rendered, not saved: EFBIG: file too large, write\. /);
    assert.match(job.error!.message, UNSAVED);
    const bytes = rig.double.requests.find((r) => r.route === 'download');
    assert.ok(bytes, 'the download had started');
    assert.deepEqual(await leftovers(), [], 'no partial file under any name');
    await retryAndExpectSaved(job);
  });

  it('no space left on device (ENOSPC) on the first write', async () => {
    const engine = await rig.engine();
    const job = await submitImage(engine, rig);
    await fs.symlink('/dev/full', tempPathFor(rig.workspace, 'sample.image-to-video', job.id));
    const unsaved = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(unsaved.state, 'unsaved');
    assert.match(unsaved.error!.message, /^Rendered, not saved: ENOSPC: no space left on device, write\. /);
    assert.match(unsaved.error!.message, UNSAVED);
    assert.deepEqual(await leftovers(), [], 'no partial file under any name');
    await engine.dispose();
    await retryAndExpectSaved(unsaved);
  });

  it('an output folder that cannot be made (ENOTDIR)', async () => {
    const blocker = rig.file('clips');
    await fs.writeFile(blocker, 'a file where the folder should be');
    const folder = path.join(blocker, 'today');
    const engine = await rig.engine();
    const job = await engine.submit({
      mode: 'image-to-video',
      source: { kind: 'file', path: rig.file('sample.png') },
      settings: { model: 'default', endSeconds: 5, resolution: '720p' },
      outputFolder: folder,
    });
    const unsaved = await waitForJob(engine, job.id, inState(...SETTLED));
    assert.equal(unsaved.state, 'unsaved');
    assert.match(unsaved.error!.message, /^Rendered, not saved: ENOTDIR: not a directory, mkdir /);
    assert.match(unsaved.error!.message, UNSAVED);
    assert.equal(await fs.readFile(blocker, 'utf8'), 'a file where the folder should be');
    await engine.dispose();
    await fs.rm(blocker);
    await retryAndExpectSaved(unsaved, folder);
  });
});
