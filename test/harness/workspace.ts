import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturesDir } from './paths';
import { removeAtExit } from './processes';

/** The fixtures every throwaway workspace starts with. */
export const workspaceFixtures = ['sample.png', 'sample.mp4', 'notes.txt'] as const;

/** A new temp folder to delete at the end (also on SIGINT/SIGTERM). */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `magic-hour-${prefix}-`));
  removeAtExit(dir);
  return dir;
}

/** A throwaway workspace folder holding copies of the fixtures; removed at shutdown. */
export function createWorkspace(): string {
  const dir = makeTempDir('workspace');
  for (const name of workspaceFixtures) fs.copyFileSync(path.join(fixturesDir, name), path.join(dir, name));
  return dir;
}
