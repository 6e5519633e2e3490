/**
 * Many jobs: N image-to-video jobs started at once by one process, renders of T seconds, ours
 * then the SDK, each on a fresh double so their request counts do not mix. The double counts
 * every API request; the child reports when the last file was saved.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runClient, type ClientName } from '../lib/children';
import { apiRequests, startBenchDouble, TOKEN } from '../lib/double';
import { fixture } from '../lib/paths';
import { peakInWindow } from '../lib/stats';

export interface ManyJobsOptions {
  jobs: number;
  renderSeconds: number;
  /** Run ours and the SDK at the same time (each on its own double); default one after the other. */
  together?: boolean;
  dir: string;
  /** A small image. */
  source: string;
  log: (line: string) => void;
}

export interface ManyJobsFigures {
  /** Jobs whose output file was saved with the expected size. */
  saved: number;
  /** Every request to the API origin (storage PUTs and GETs not counted). */
  apiRequests: number;
  /** API requests per second over the whole run. */
  meanRequestsPerSecond: number;
  /** Most API requests within any one second. */
  peakRequestsPerSecond: number;
  /** From the first submit to the last file saved. */
  allSavedMs: number;
}

export interface ManyJobsResult {
  jobs: number;
  renderSeconds: number;
  ours: ManyJobsFigures;
  sdk: ManyJobsFigures;
}

export async function benchManyJobs(o: ManyJobsOptions): Promise<ManyJobsResult> {
  const expectedBytes = (await fs.stat(fixture('render.mp4'))).size;
  const runOne = async (client: ClientName): Promise<ManyJobsFigures> => {
    const bench = await startBenchDouble({ renderMs: Math.round(o.renderSeconds * 1000) });
    const outputDir = path.join(o.dir, `many-out-${client}`);
    try {
      o.log(`  ${client}: ${o.jobs} jobs at once, ${o.renderSeconds} s renders`);
      const result = await runClient(client, {
        apiUrl: bench.double.apiUrl,
        token: TOKEN,
        source: o.source,
        jobs: o.jobs,
        outputDir,
        storageDir: path.join(o.dir, `many-store-${client}`),
      });
      const api = apiRequests(bench.double.requests);
      const allSavedMs = result.finishedAt - result.startedAt;
      const saved = result.jobs.filter((j) => j.ok && j.outputBytes === expectedBytes).length;
      const failures = result.jobs.filter((j) => !j.ok).map((j) => j.error);
      if (failures.length) o.log(`  ${client}: ${failures.length} jobs failed, e.g. ${failures[0]}`);
      return {
        saved,
        apiRequests: api.length,
        meanRequestsPerSecond: api.length / (allSavedMs / 1000),
        peakRequestsPerSecond: peakInWindow(
          api.map((r) => r.at),
          1000,
        ),
        allSavedMs,
      };
    } finally {
      await bench.close();
      await fs.rm(outputDir, { recursive: true, force: true });
    }
  };
  const [ours, sdk] = o.together
    ? await Promise.all([runOne('ours'), runOne('sdk')])
    : [await runOne('ours'), await runOne('sdk')];
  return { jobs: o.jobs, renderSeconds: o.renderSeconds, ours, sdk };
}
