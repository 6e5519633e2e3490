import * as path from 'node:path';

/** The repository root: this file runs as out/bench/lib/paths.js. */
export const repoRoot = path.resolve(__dirname, '../../..');

/** Where `npm run bench` writes every figure (ignored by git). */
export const resultsFile = path.join(repoRoot, 'bench', 'results.json');

export const fixture = (name: string): string => path.join(repoRoot, 'test', 'fixtures', name);
