import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Every folder at or above `start` that holds a package.json, nearest first. */
export function packageRootsAbove(start: string): string[] {
  const roots: string[] = [];
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) roots.push(dir);
    const parent = dirname(dir);
    if (parent === dir) return roots;
    dir = parent;
  }
}

/**
 * Resolves a repo-relative path such as `test/fixtures/render.mp4`. The double runs from
 * `test/double/` (ts), `out/test/double/` (compiled) or inside a bundle that may sit in another
 * package, so it walks up from its own folder and then from the working directory and takes the
 * first package root where the file exists. Absolute paths are returned as they are.
 */
export function resolveRepoPath(path: string): string {
  if (isAbsolute(path)) return path;
  const starts = [typeof __dirname === 'string' ? __dirname : undefined, process.cwd()];
  const roots = starts.flatMap((start) => (start === undefined ? [] : packageRootsAbove(start)));
  const found = roots.find((root) => existsSync(join(root, path)));
  // Nothing found: return the best guess so the error message names a sensible path.
  return join(found ?? roots[0] ?? process.cwd(), path);
}
