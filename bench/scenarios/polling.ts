/**
 * Polling: one job whose render takes T seconds on the double, ours and the SDK side by side
 * (each in its own process, each with its own project). From the double's request log:
 * how many status checks each made, and how long after the render finished the first check
 * that saw `complete` arrived.
 */
import * as path from 'node:path';
import { runClient, type ClientName } from '../lib/children';
import { apiRequests, clientOf, startBenchDouble, statusChecks, TOKEN } from '../lib/double';

export interface PollingOptions {
  renderSeconds: number;
  dir: string;
  /** A small image. */
  source: string;
  log: (line: string) => void;
}

export interface PollFigures {
  /** GET /v1/video-projects/:id for this job, up to the one that saw `complete`. */
  statusRequests: number;
  /** From the render finishing to the first status check that saw it. */
  noticeDelayMs: number;
  /** Every API request of this client (upload URL, create, checks). */
  apiRequests: number;
  /** From the first request to the saved file. */
  totalMs: number;
}

export interface PollingResult {
  renderSeconds: number;
  ours: PollFigures;
  sdk: PollFigures;
}

export async function benchPolling(o: PollingOptions): Promise<PollingResult> {
  const renderMs = Math.round(o.renderSeconds * 1000);
  const bench = await startBenchDouble({ renderMs });
  try {
    const run = (client: ClientName) =>
      runClient(client, {
        apiUrl: bench.double.apiUrl,
        token: TOKEN,
        source: o.source,
        jobs: 1,
        outputDir: path.join(o.dir, `poll-out-${client}`),
        storageDir: path.join(o.dir, `poll-store-${client}`),
      });
    o.log(`  ours and the SDK, one ${o.renderSeconds} s render each, at the same time`);
    const [ours, sdk] = await Promise.all([run('ours'), run('sdk')]);
    const figures = (client: ClientName, result: typeof ours): PollFigures => {
      const job = result.jobs[0];
      if (!job?.ok || !job.projectId) throw new Error(`${client}: the job failed: ${job?.error ?? 'no job'}`);
      const project = bench.double.projects.get(job.projectId)!;
      const renderedAt = project.createdAt + renderMs;
      const checks = statusChecks(bench.double.requests, job.projectId);
      const noticeIndex = checks.findIndex((r) => r.at >= renderedAt);
      if (noticeIndex < 0) throw new Error(`${client}: no status check after the render finished`);
      const own = apiRequests(bench.double.requests).filter((r) => clientOf(r) === client);
      return {
        statusRequests: noticeIndex + 1,
        noticeDelayMs: checks[noticeIndex]!.at - renderedAt,
        apiRequests: own.length,
        totalMs: result.finishedAt - result.startedAt,
      };
    };
    return { renderSeconds: o.renderSeconds, ours: figures('ours', ours), sdk: figures('sdk', sdk) };
  } finally {
    await bench.close();
  }
}
