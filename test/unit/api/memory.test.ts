import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { closeSync, openSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { useDouble, useTempDir } from './helpers';

const GiB = 1024 * 1024 * 1024;
const RSS_LIMIT_MiB = 150;

type ChildReport = { filePath: string; maxRssKiB: number } | { error: string };

describe('MagicHourClient upload memory', function () {
  this.timeout(60_000);
  const double = useDouble();
  const temp = useTempDir();

  it(`uploads a 1 GiB file with a peak RSS under ${RSS_LIMIT_MiB} MiB (streamed, never buffered)`, async () => {
    // Sparse: 1 GiB of zeros that takes no disk space and reads fast.
    const file = join(temp.path, 'huge.mp4');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, GiB);
    closeSync(fd);

    // The upload runs in a child, so its peak RSS is the client's alone, not the double's.
    const child = fork(join(__dirname, 'upload-child.js'), [double.current.apiUrl, file], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const report = await new Promise<ChildReport>((resolve, reject) => {
      let received: ChildReport | undefined;
      child.on('message', (message) => (received = message as ChildReport));
      child.on('error', reject);
      child.on('exit', (code) =>
        received ? resolve(received) : reject(new Error(`child exited with ${code}`)),
      );
    });

    if ('error' in report) assert.fail(`the child's upload failed: ${report.error}`);
    const peakMiB = report.maxRssKiB / 1024;
    console.log(`      peak RSS of the 1 GiB upload: ${peakMiB.toFixed(1)} MiB`);
    assert.ok(peakMiB < RSS_LIMIT_MiB, `peak RSS ${peakMiB.toFixed(1)} MiB`);
    const uploaded = double.current.uploads.get(report.filePath);
    assert.equal(uploaded?.bytes, GiB);
  });
});
