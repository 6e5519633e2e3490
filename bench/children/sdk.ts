/**
 * Runs jobs through the official SDK's `imageToVideo.generate()` (upload, create, poll every
 * 0.5 s, download), as its README shows, and reports when each ended and the process's peak RSS.
 *
 * Each job gets its own download folder: generate() names a file after the download URL's last
 * path segment and overwrites, and on the double every URL ends in `/0`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import Client from 'magic-hour';
import { childArgs, runChild, type JobChildResult, type JobOutcome } from './protocol';

runChild(async (): Promise<JobChildResult> => {
  const args = childArgs();
  const client = new Client({ token: args.token, baseUrl: args.apiUrl });

  const runOne = async (i: number): Promise<JobOutcome> => {
    const downloadDirectory = args.jobs === 1 ? args.outputDir : path.join(args.outputDir, `job-${i}`);
    try {
      const project = await client.v1.imageToVideo.generate(
        { assets: { imageFilePath: args.source }, endSeconds: 5, resolution: '720p' },
        { downloadDirectory },
      );
      const finishedAt = Date.now();
      const outputPath = project.downloadedPaths?.[0];
      const size = outputPath ? (await fs.stat(outputPath)).size : undefined;
      // generate() logs a failed download and returns without a path: that job saved nothing.
      return {
        ok: project.status === 'complete' && outputPath !== undefined,
        projectId: project.id,
        outputPath,
        outputBytes: size,
        finishedAt,
        error: outputPath ? undefined : `status ${project.status}, nothing downloaded`,
      };
    } catch (error) {
      return {
        ok: false,
        finishedAt: Date.now(),
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };

  const startedAt = Date.now();
  const jobs = await Promise.all(Array.from({ length: args.jobs }, (_, i) => runOne(i)));
  return { startedAt, finishedAt: Date.now(), maxRssKiB: process.resourceUsage().maxRSS, jobs };
});
