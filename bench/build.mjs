// Compiles bench/**/*.ts file by file into out/bench/, next to the out/src and out/test that
// `node esbuild.mjs --tests` writes, so the benchmark's relative imports of src/ and test/
// resolve to those compiled files. Run after `node esbuild.mjs --tests` (`npm run bench` does).
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

await esbuild.build({
  absWorkingDir: repoRoot,
  entryPoints: tsFiles(benchDir),
  outdir: join(repoRoot, 'out'),
  outbase: repoRoot,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
