/** Shared steps of the fault tests: submit a job, watch what it went through, inspect the folder. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { JobEngine } from '../../../src/engine/engine';
import type { JobRecord } from '../../../src/engine/job';
import { generatedOutputSha256 } from '../../double/server';
import type { RecordedRequest } from '../../double/types';
import { fixturesDir, type Rig } from '../engine/setup';

export { FAST, I2V, inState, makeClient, Rig, TOKEN, V2V, waitForJob } from '../engine/setup';

/** States after which a job needs nothing more from the engine. */
export const SETTLED = ['done', 'failed', 'unsaved', 'lost', 'deleted', 'stopped'] as const;

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');
}

/**
 * Size of the generated output the tests that cut or stall a download at a byte offset use, so
 * they hold whatever size the fixture clip has; and its sha256.
 */
export const OUTPUT_BYTES = 200_000;
export const OUTPUT_SHA = generatedOutputSha256(OUTPUT_BYTES);

/** The sha256 of the fixture clip the double serves as every output by default. */
export async function renderSha(): Promise<string> {
  return sha256(path.join(await fixturesDir(), 'render.mp4'));
}

/** Submits image to video for the workspace's sample.png (or `file`). */
export function submitImage(engine: JobEngine, rig: Rig, file?: string): Promise<JobRecord> {
  return rig.submitImage(engine, file);
}

/** Every record the engine reports from now on, oldest first (to see warnings that came and went). */
export function recordAll(engine: JobEngine): JobRecord[] {
  const seen: JobRecord[] = [];
  engine.onDidChange((job) => seen.push(job));
  return seen;
}

/** Names in `folder` that start with `prefix`, sorted. */
export async function filesIn(folder: string, prefix = ''): Promise<string[]> {
  return (await fs.readdir(folder)).filter((name) => name.startsWith(prefix)).sort();
}

/** Requests of one route, in order. */
export function requestsTo(requests: readonly RecordedRequest[], route: RecordedRequest['route']) {
  return requests.filter((r) => r.route === route);
}

/** Most requests within any `windowMs` (a sliding window starting at each request). */
export function busiestWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j++;
    busiest = Math.max(busiest, j - i);
  }
  return busiest;
}

/** How many of each kind of resource keeps the event loop alive (timers, sockets, servers…). */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Kinds that have more live resources now than in `baseline`, with how many more. */
export function leakedSince(baseline: Map<string, number>): Record<string, number> {
  const leaked: Record<string, number> = {};
  for (const [kind, count] of activeResources()) {
    const extra = count - (baseline.get(kind) ?? 0);
    if (extra > 0) leaked[kind] = extra;
  }
  return leaked;
}

/**
 * Resolves once nothing is leaked compared with `baseline` (closed sockets and cleared timers
 * leave the list a moment later), or with what is still there after `timeoutMs`.
 */
export async function settleLeaks(
  baseline: Map<string, number>,
  timeoutMs = 2_000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const leaked = leakedSince(baseline);
    if (Object.keys(leaked).length === 0 || Date.now() > deadline) return leaked;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Samples `folder` every few milliseconds until stopped, recording the size of every file whose
 * name starts with `stem` and ends in `.mp4`: a final name must never show a partial clip.
 */
export function watchFinalNames(folder: string, stem: string): { stop(): Promise<Map<string, number[]>> } {
  const sizes = new Map<string, number[]>();
  const sample = async (): Promise<void> => {
    for (const name of await fs.readdir(folder).catch(() => [] as string[])) {
      if (!name.startsWith(stem) || !name.endsWith('.mp4')) continue;
      const stat = await fs.stat(path.join(folder, name)).catch(() => undefined);
      if (stat) sizes.set(name, [...(sizes.get(name) ?? []), stat.size]);
    }
  };
  let running = true;
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample();
      return sizes;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
