import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './paths';

/**
 * Builds the production bundle and packs it as a .vsix in `dir`, as a user would install it
 * (.vscodeignore decides what ships). Returns the file's path.
 */
export function packageVsix(dir: string): string {
  const vsix = path.join(dir, 'magic-hour.vsix');
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  run(process.execPath, ['esbuild.mjs', '--production']);
  run(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), [
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--out',
    vsix,
  ]);
  return vsix;
}
