import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MagicHourClient } from '../../../src/api/client';
import { JobEngine, type EngineOptions } from '../../../src/engine/engine';
import type { JobRecord, JobState } from '../../../src/engine/job';
import { startDouble } from '../../double/server';
import type { DoubleOptions, MagicHourDouble } from '../../double/types';

/** The repo's test/fixtures folder, whether this runs from out/ or from source. */
export async function fixturesDir(): Promise<string> {
  let dir = __dirname;
  while (!(await fs.stat(path.join(dir, 'package.json')).catch(() => undefined))) dir = path.dirname(dir);
  return path.join(dir, 'test', 'fixtures');
}

/** A fresh folder with copies of the fixtures, as a user's workspace. */
export async function makeWorkspace(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mh-engine-'));
  const fixtures = await fixturesDir();
  for (const name of ['sample.png', 'sample.mp4'])
    await fs.copyFile(path.join(fixtures, name), path.join(dir, name));
  return dir;
}

/** Timing fast enough for tests; the real defaults are tested separately. */
export const FAST: Partial<EngineOptions> = {
  timing: { firstDelayMs: 50, growth: 1.5, focusedCapMs: 150, unfocusedCapMs: 1_000 },
  minRequestSpacingMs: 10,
  rescanMs: 100,
  downloadRetryDelayMs: 20,
  locks: { staleMs: 2_000, heartbeatMs: 200 },
};

export const TOKEN = 'test-token-4f1b8c';

export function makeClient(double: MagicHourDouble, bodyMs = 5_000): MagicHourClient {
  return new MagicHourClient({
    baseUrl: double.apiUrl,
    getToken: async () => TOKEN,
    retry: { baseDelayMs: 10, maxDelayMs: 200 },
    timeouts: { headersMs: 5_000, bodyMs },
  });
}

/** A double, a workspace, a storage folder and engines that are all cleaned up by `close()`. */
export class Rig {
  readonly engines: JobEngine[] = [];
  private constructor(
    readonly double: MagicHourDouble,
    readonly workspace: string,
    readonly storage: string,
  ) {}

  static async create(options: DoubleOptions = {}): Promise<Rig> {
    const double = await startDouble({ renderMs: 300, ...options });
    const storage = await fs.mkdtemp(path.join(os.tmpdir(), 'mh-store-'));
    return new Rig(double, await makeWorkspace(), storage);
  }

  async engine(options: Partial<EngineOptions> = {}): Promise<JobEngine> {
    const engine = new JobEngine({
      client: makeClient(this.double),
      storageDir: this.storage,
      ...FAST,
      ...options,
    });
    this.engines.push(engine);
    await engine.start();
    return engine;
  }

  /** Submits image to video of the workspace's sample.png (or `file`): the job most tests need. */
  submitImage(engine: JobEngine, file = this.file('sample.png')): Promise<JobRecord> {
    return engine.submit({ mode: 'image-to-video', source: { kind: 'file', path: file }, settings: I2V });
  }

  file(name: string): string {
    return path.join(this.workspace, name);
  }

  async close(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.dispose()));
    await this.double.close();
    await fs.rm(this.workspace, { recursive: true, force: true });
    await fs.rm(this.storage, { recursive: true, force: true });
  }
}

/** Resolves with the job once `test` holds for it; rejects after `timeoutMs`. */
export function waitForJob(
  engine: JobEngine,
  id: string,
  test: (job: JobRecord) => boolean,
  timeoutMs = 10_000,
): Promise<JobRecord> {
  return new Promise((resolve, reject) => {
    const current = engine.get(id);
    if (current && test(current)) return resolve(current);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(
        new Error(
          `Timed out; job is ${JSON.stringify(engine.get(id)?.state)}: ${engine.get(id)?.error?.message}`,
        ),
      );
    }, timeoutMs);
    const subscription = engine.onDidChange((job) => {
      if (job.id !== id || !test(job)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(job);
    });
  });
}

export const inState =
  (...states: JobState[]) =>
  (job: JobRecord): boolean =>
    states.includes(job.state);

export const I2V = { model: 'default', endSeconds: 5, resolution: '720p', prompt: 'waves at sunset' };
export const V2V = {
  startSeconds: 0,
  endSeconds: 1.5,
  artStyle: '3D Render',
  model: 'default',
  promptType: 'default',
  version: 'default',
  fpsResolution: 'FULL',
};
