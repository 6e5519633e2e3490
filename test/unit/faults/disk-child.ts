// Runs one image-to-video job through the engine in its own process, so that the parent can
// start it under a file size limit (`ulimit -f`): the kernel then refuses the download's writes
// part way with EFBIG, as a full disk refuses them with ENOSPC. Prints the finished job as JSON.
import { MagicHourClient } from '../../../src/api/client';
import { JobEngine } from '../../../src/engine/engine';
import { I2V, TOKEN } from '../engine/setup';

async function main(): Promise<void> {
  const [apiUrl, storageDir, source] = process.argv.slice(2) as [string, string, string];
  const client = new MagicHourClient({ baseUrl: apiUrl, getToken: async () => TOKEN });
  const engine = new JobEngine({
    client,
    storageDir,
    timing: { firstDelayMs: 50, focusedCapMs: 150 },
    minRequestSpacingMs: 10,
  });
  await engine.start();
  const job = await engine.submit({
    mode: 'image-to-video',
    source: { kind: 'file', path: source },
    settings: I2V,
  });
  const finished = await new Promise<ReturnType<JobEngine['list']>[number]>((resolve) => {
    engine.onDidChange((j) => {
      if (j.id === job.id && ['done', 'failed', 'unsaved', 'lost'].includes(j.state)) resolve(j);
    });
  });
  await engine.dispose();
  process.stdout.write(JSON.stringify(finished));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
