/**
 * Production bundles, built the way `npm run package` builds them (esbuild.mjs --production:
 * bundled, minified, no source maps), but into a folder of our own so the shared dist/ is left
 * alone. That folder is also a complete extension (package.json, dist/, media/), which the
 * editor measurements load: they time the code that ships.
 */
import * as esbuild from 'esbuild';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../lib/paths';

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The inputs that take the most room in this bundle, largest first. */
  largestInputs: { input: string; bytes: number }[];
}

/** As in esbuild.mjs: the host bundle `require`s undici from dist/undici.js on the first request. */
const undiciApart: esbuild.Plugin = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * Builds the production bundles into `extensionDir/dist` and returns their sizes. `readable`
 * leaves them unminified, so that a CPU profile names our functions.
 */
export async function buildProductionExtension(
  extensionDir: string,
  readable = false,
): Promise<BundleSize[]> {
  const dist = path.join(extensionDir, 'dist');
  await fs.mkdir(path.join(dist, 'codicons'), { recursive: true });
  const webviews = (await fs.readdir(path.join(repoRoot, 'src/webview'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
    .map((entry) => entry.name);
  // The same options as esbuild.mjs --production, undici in its own file included.
  const builds: esbuild.BuildOptions[] = [
    {
      entryPoints: [path.join(repoRoot, 'src/extension.ts')],
      outfile: path.join(dist, 'extension.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [undiciApart],
    },
    {
      entryPoints: [require.resolve('undici', { paths: [repoRoot] })],
      outfile: path.join(dist, 'undici.js'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    },
    ...webviews.map((name): esbuild.BuildOptions => ({
      entryPoints: [path.join(repoRoot, 'src/webview', name, 'main.ts')],
      outfile: path.join(dist, 'webview', `${name}.js`),
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    })),
  ];
  const sizes: BundleSize[] = [];
  for (const options of builds) {
    const result = await esbuild.build({
      ...options,
      absWorkingDir: repoRoot,
      bundle: true,
      minify: !readable,
      sourcemap: false,
      metafile: true,
      logLevel: 'warning',
    });
    const outfile = options.outfile!;
    const contents = await fs.readFile(outfile);
    const output = Object.values(result.metafile.outputs)[0]!;
    sizes.push({
      file: path.relative(extensionDir, outfile),
      bytes: contents.length,
      gzipBytes: gzipSync(contents).length,
      largestInputs: Object.entries(output.inputs)
        .map(([input, { bytesInOutput }]) => ({ input: packageOf(input), bytes: bytesInOutput }))
        .reduce(mergeByName, [])
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 5),
    });
  }
  for (const file of ['codicon.css', 'codicon.ttf']) {
    await fs.copyFile(
      path.join(repoRoot, 'node_modules/@vscode/codicons/dist', file),
      path.join(dist, 'codicons', file),
    );
  }
  await fs.copyFile(path.join(repoRoot, 'package.json'), path.join(extensionDir, 'package.json'));
  await fs.cp(path.join(repoRoot, 'media'), path.join(extensionDir, 'media'), { recursive: true });
  return sizes;
}

/** `node_modules/zod/v4/core/schemas.js` → `zod`; our own files → `src/…` folders. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1]!;
  return input.split('/').slice(0, 2).join('/');
}

function mergeByName(
  all: { input: string; bytes: number }[],
  next: { input: string; bytes: number },
): { input: string; bytes: number }[] {
  const found = all.find((entry) => entry.input === next.input);
  if (found) found.bytes += next.bytes;
  else all.push({ ...next });
  return all;
}
