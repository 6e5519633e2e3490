/** Shared set-up for the API client tests: a double, a client pointed at it, temp files. */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { MagicHourClient, type ClientOptions } from '../../../src/api/client';
import { MagicHourError } from '../../../src/api/errors';
import { isTerminalStatus } from '../../../src/api/schemas';
import { startDouble } from '../../double/server';
import type { DoubleOptions, MagicHourDouble } from '../../double/types';

/** A token the double accepts, distinctive enough to grep for in headers and logs. */
export const TOKEN = 'mh-test-token-5f2c9a';

/** test/fixtures, which the build copies next to the compiled tests. */
export const fixturesDir = resolve(__dirname, '../../fixtures');
export const fixture = (name: string): string => join(fixturesDir, name);

/** A client for `double` whose sleeps are recorded and skipped, and whose log is kept. */
export interface TestClient {
  client: MagicHourClient;
  logs: string[];
  /** Every delay the client asked to sleep, in order. */
  sleeps: number[];
}

export function makeClient(double: MagicHourDouble, overrides: Partial<ClientOptions> = {}): TestClient {
  const logs: string[] = [];
  const sleeps: number[] = [];
  const client = new MagicHourClient({
    baseUrl: double.apiUrl,
    getToken: async () => TOKEN,
    sleep: async (ms: number, signal?: AbortSignal) => {
      sleeps.push(ms);
      signal?.throwIfAborted();
    },
    log: (line) => logs.push(line),
    ...overrides,
  });
  return { client, logs, sleeps };
}

/** Starts a double before each test and closes it after; read `.current` inside tests. */
export function useDouble(options: DoubleOptions = { renderMs: 200 }): { current: MagicHourDouble } {
  const holder = {} as { current: MagicHourDouble };
  beforeEach(async () => {
    holder.current = await startDouble(options);
  });
  afterEach(async () => {
    await holder.current.close();
  });
  return holder;
}

/** A scratch folder removed after each test. */
export function useTempDir(): { path: string } {
  const holder = { path: '' };
  beforeEach(() => {
    holder.path = mkdtempSync(join(tmpdir(), 'mh-api-test-'));
  });
  afterEach(() => {
    rmSync(holder.path, { recursive: true, force: true });
  });
  return holder;
}

/** Writes `bytes` random bytes to `dir/name` and returns the path. */
export function randomFile(dir: string, name: string, bytes: number): string {
  const path = join(dir, name);
  writeFileSync(path, randomBytes(bytes));
  return path;
}

export async function sha256OfFile(path: string): Promise<string> {
  return sha256OfStream(createReadStream(path));
}

export async function sha256OfStream(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Runs `action`, which must reject with a MagicHourError, and returns that error. */
export async function rejectsWithMagicHourError(action: () => Promise<unknown>): Promise<MagicHourError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof MagicHourError) return error;
    throw new Error(`Expected a MagicHourError, got ${String(error)}`, { cause: error });
  }
  throw new Error('Expected a MagicHourError, but the call succeeded');
}

/** Polls until the project is terminal (the double renders in `renderMs`). */
export async function waitForTerminal(client: MagicHourClient, id: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const project = await client.getProject(id);
    if (isTerminalStatus(project.status)) return project;
    if (Date.now() > deadline) throw new Error(`Project ${id} still ${project.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A valid image-to-video body for an uploaded image. */
export function imageToVideoBody(imageFilePath: string) {
  return { assets: { image_file_path: imageFilePath }, end_seconds: 5, resolution: '720p', model: 'default' };
}
