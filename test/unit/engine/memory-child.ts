// Runs one image-to-video job through the engine in its own process and reports its peak
// memory, so the parent test measures the engine alone (the double runs in the parent).
import { MagicHourClient } from '../../../src/api/client';
import { JobEngine } from '../../../src/engine/engine';

async function main(): Promise<void> {
  const [apiUrl, source, storageDir] = process.argv.slice(2) as [string, string, string];
  const client = new MagicHourClient({ baseUrl: apiUrl, getToken: async () => 'memory-test-token' });
  const engine = new JobEngine({
    client,
    storageDir,
    maxUploadBytes: 4 * 1024 ** 3,
    timing: { firstDelayMs: 100, focusedCapMs: 200 },
    minRequestSpacingMs: 10,
  });
  await engine.start();
  const job = await engine.submit({
    mode: 'image-to-video',
    source: { kind: 'file', path: source },
    settings: { model: 'default', endSeconds: 5, resolution: '720p' },
  });
  const finished = await new Promise<ReturnType<JobEngine['list']>[number]>((resolve) => {
    engine.onDidChange((j) => {
      if (j.id === job.id && ['done', 'failed', 'unsaved', 'lost'].includes(j.state)) resolve(j);
    });
  });
  await engine.dispose();
  const maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(
    JSON.stringify({
      state: finished.state,
      error: finished.error,
      outputPath: finished.outputPath,
      maxRssKiB,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
