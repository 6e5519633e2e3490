/**
 * Runs jobs through this project's JobEngine (the same engine the extension drives, with the
 * extension's defaults: 2 s first check, growing to 5 s; at most one API request per 550 ms),
 * from submit to a saved file, and reports when each ended and the process's peak RSS.
 */
import { promises as fs } from 'node:fs';
import { MagicHourClient } from '../../src/api/client';
import { JobEngine } from '../../src/engine/engine';
import type { JobRecord } from '../../src/engine/job';
import { childArgs, runChild, type JobChildResult, type JobOutcome } from './protocol';

const TERMINAL = new Set(['done', 'failed', 'unsaved', 'lost', 'deleted', 'stopped']);

runChild(async (): Promise<JobChildResult> => {
  const args = childArgs();
  const client = new MagicHourClient({ baseUrl: args.apiUrl, getToken: async () => args.token });
  const engine = new JobEngine({ client, storageDir: args.storageDir });
  await engine.start();

  const ended = new Map<string, JobRecord>();
  let allEnded: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allEnded = resolve));
  engine.onDidChange((job) => {
    if (!TERMINAL.has(job.state) || ended.has(job.id)) return;
    ended.set(job.id, job);
    if (ended.size === args.jobs) allEnded();
  });

  const startedAt = Date.now();
  await Promise.all(
    Array.from({ length: args.jobs }, () =>
      engine.submit({
        mode: 'image-to-video',
        source: { kind: 'file', path: args.source },
        settings: { model: 'default', endSeconds: 5, resolution: '720p' },
        outputFolder: args.outputDir,
      }),
    ),
  );
  await finished;
  const finishedAt = Date.now();
  await engine.dispose();

  const jobs: JobOutcome[] = [];
  for (const job of ended.values()) {
    const at = job.history.at(-1)?.at ?? finishedAt;
    const size = job.outputPath ? (await fs.stat(job.outputPath)).size : undefined;
    jobs.push({
      ok: job.state === 'done',
      projectId: job.projectId,
      outputPath: job.outputPath,
      outputBytes: size,
      finishedAt: at,
      error: job.state === 'done' ? undefined : `${job.state}: ${job.error?.message ?? ''}`,
    });
  }
  return { startedAt, finishedAt, maxRssKiB: process.resourceUsage().maxRSS, jobs };
});
