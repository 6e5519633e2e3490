// Builds the extension host bundle (node, CommonJS, `vscode` external) and the webview bundles
// (browser). `--watch` rebuilds on change, `--production` minifies without source maps,
// `--tests` transpiles src/ and test/ file by file into out/ for mocha.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync, copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Prints start and end lines that VS Code's `$esbuild-watch` problem matcher understands. */
const problemMatcherLog = {
  name: 'problem-matcher-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcherLog],
};

/**
 * undici is most of the host's code but only needed once a request is made: it gets its own
 * file, `require`d on first use (src/api/http.ts), so activation does not pay for it.
 */
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [...common.plugins, undiciApart],
  },
  {
    ...common,
    entryPoints: [createRequire(import.meta.url).resolve('undici')],
    outfile: 'dist/undici.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  ...listFiles('src/webview', (f) => f.endsWith('/main.ts')).map((entry) => ({
    ...common,
    entryPoints: [entry],
    // src/webview/form/main.ts -> dist/webview/form.js
    outfile: `dist/webview/${dirname(entry).split('/').pop()}.js`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  })),
];

function listFiles(dir, keep) {
  let found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(listFiles(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

/**
 * Removes compiled files whose source is gone, so a renamed test never runs twice. out/ is not
 * wiped: another test run in the same checkout may be reading it right now.
 */
function pruneStaleOutput() {
  if (!existsSync('out')) return;
  for (const file of listFiles('out', (f) => f.endsWith('.js'))) {
    const source = file.slice('out/'.length).replace(/\.js$/, '.ts');
    if (!existsSync(source)) rmSync(file, { force: true });
  }
}

async function buildTests() {
  pruneStaleOutput();
  const entryPoints = [
    ...listFiles('src', (f) => f.endsWith('.ts')),
    ...listFiles('test', (f) => f.endsWith('.ts')),
  ];
  await esbuild.build({
    entryPoints,
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // Fixtures travel with the compiled tests so tests can find them next to themselves.
  for (const file of listFiles('test', (f) => !f.endsWith('.ts'))) {
    mkdirSync(dirname(join('out', file)), { recursive: true });
    copyFileSync(file, join('out', file));
  }
}

/** Webviews load the codicon font from dist/, which is what the .vsix ships. */
function copyCodicons() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(join('node_modules/@vscode/codicons/dist', file), join('dist/codicons', file));
  }
}

if (args.has('--tests')) {
  await buildTests();
} else if (watch) {
  copyCodicons();
  for (const options of bundles) await (await esbuild.context(options)).watch();
} else {
  copyCodicons();
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}
