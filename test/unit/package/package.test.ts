/**
 * What the .vsix ships. `vsce ls` in this checkout (with its out/, .cache/ and test-results/)
 * must list no source, test or fixture file; and `npm run package`, run in a copy of the
 * checkout so that it neither rewrites dist/ under a running test nor leaves a .vsix behind,
 * must make a package under 2 MB that holds everything the extension loads and the Marketplace
 * shows, and nothing else.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { repoRoot } from '../../harness/paths';
import { rawManifest, type Manifest } from './manifest';
import { pngSize } from './png';
import { listZip, readZipEntry } from './zip';

const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** Paths that must never ship, whatever .vscodeignore says. */
const FORBIDDEN: RegExp[] = [
  /^src\//,
  /^test\//,
  /^out\//,
  /^\.cache\//,
  /^test-results\//,
  /^bench\//,
  /(^|\/)node_modules\//,
  /(^|\/)fixtures?\//,
  /^media\/screenshots\//,
  /\.ts$/,
  /\.map$/,
  /\.vsix$/,
  /\.sh$/,
  /(^|\/)\./,
];

/** Everything that may ship: bundles, media, translations, the manifest and the docs. */
const ALLOWED: RegExp[] = [
  /^dist\/[\w/-]+\.(js|css|ttf)$/,
  /^media\/[\w-]+\.(png|svg|css)$/,
  /^media\/walkthrough\/[\w-]+\.png$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^package(\.nls(\.[\w-]+)?)?\.json$/,
  // vsce renames the docs in the package.
  /^(README|readme)\.md$/,
  /^(CHANGELOG|changelog)\.md$/,
  /^LICENSE(\.txt)?$/,
];

/** Files the extension loads at run time that package.json does not name (bundles, webview assets). */
const LOADED_AT_RUN_TIME = [
  'dist/undici.js',
  'dist/webview/form.js',
  'dist/webview/preview.js',
  'dist/codicons/codicon.css',
  'dist/codicons/codicon.ttf',
  'media/form.css',
  'media/preview.css',
  'media/webview.css',
];

/** The categories VS Code 1.100 accepts in `categories`. */
const VSCODE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];

function assertShippable(files: readonly string[]): void {
  assert.ok(files.length > 0, 'nothing would ship');
  const forbidden = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  assert.deepEqual(forbidden, [], 'files that must not ship');
  const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
  assert.deepEqual(unexpected, [], 'files outside dist/, media/, l10n/, the manifest and the docs');
}

/** Every path package.json points at, relative to the extension's root. */
function referencedFiles(manifest: Manifest): string[] {
  const files = [manifest.main.replace(/^\.\//, ''), 'package.nls.json'];
  if (!files[0]!.endsWith('.js')) files[0] += '.js';
  if (manifest.icon) files.push(manifest.icon);
  if (manifest.l10n) files.push(path.posix.join(manifest.l10n, 'bundle.l10n.json'));
  const contributes = manifest.contributes;
  for (const container of Object.values(contributes.viewsContainers).flat()) files.push(container.icon);
  for (const view of Object.values(contributes.views).flat()) if (view.icon) files.push(view.icon);
  for (const walkthrough of contributes.walkthroughs ?? []) {
    for (const step of walkthrough.steps) if (step.media.image) files.push(step.media.image);
  }
  return [...new Set(files.map((file) => path.posix.normalize(file)))];
}

describe('Package', () => {
  describe('vsce ls in this checkout', () => {
    it('lists no source, test, fixture, cache or map file, only the shippable ones', async function () {
      this.timeout(60_000);
      const files = await listFiles({ cwd: repoRoot, packageManager: PackageManager.None });
      assertShippable(files);
      for (const file of ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
        assert.ok(files.includes(file), `${file} would not ship`);
      }
    });
  });

  describe('npm run package', function () {
    this.timeout(180_000);
    let copy: string;
    let vsix: string;
    /** The package's files, relative to the extension's root (`extension/` in the zip). */
    let shipped: string[];
    let manifest: Manifest;

    before(() => {
      copy = copyOfCheckout();
      vsix = path.join(copy, 'out.vsix');
      // `--` hands --out to vsce, the script's last command.
      execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
        cwd: copy,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, npm_config_update_notifier: 'false' },
      });
      const entries = listZip(vsix).map((entry) => entry.name);
      shipped = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice(10));
      manifest = JSON.parse(readZipEntry(vsix, 'extension/package.json').toString('utf8')) as Manifest;
    });

    after(() => {
      if (copy) fs.rmSync(copy, { recursive: true, force: true });
    });

    it('makes a .vsix under 2 MB', () => {
      const size = fs.statSync(vsix).size;
      assert.ok(size < MAX_VSIX_BYTES, `${(size / 1024 / 1024).toFixed(2)} MB`);
    });

    it('ships only bundles without maps, media without screenshots, translations, manifest and docs', () => {
      assertShippable(shipped);
    });

    it('ships every file package.json names and every file the extension loads', () => {
      const missing = [...referencedFiles(manifest), ...LOADED_AT_RUN_TIME].filter(
        (f) => !shipped.includes(f),
      );
      assert.deepEqual(missing, [], 'named or loaded, but not in the package');
      assert.ok(
        shipped.includes('readme.md') && shipped.includes('changelog.md'),
        'README or CHANGELOG missing',
      );
    });

    it('carries the Marketplace metadata: icon, banner, categories, keywords, repository', () => {
      assert.equal(manifest.icon, 'media/icon.png');
      assert.deepEqual(pngSize(readZipEntry(vsix, 'extension/media/icon.png')), { width: 128, height: 128 });
      assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
      assert.match(manifest.galleryBanner?.theme ?? '', /^(dark|light)$/);
      assert.ok(manifest.categories?.length, 'no categories');
      for (const category of manifest.categories ?? []) {
        assert.ok(VSCODE_CATEGORIES.includes(category), `VS Code does not know the category ${category}`);
      }
      // The Marketplace takes at most 30 keywords.
      assert.ok(manifest.keywords && manifest.keywords.length > 0 && manifest.keywords.length <= 30);
      assert.equal(manifest.repository?.type, 'git');
      assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w-]+\/[\w.-]+$/);
      assert.ok(manifest.homepage?.startsWith(manifest.repository!.url), 'homepage is not the repository');
      assert.equal(manifest.bugs?.url, `${manifest.repository!.url}/issues`);
      assert.doesNotMatch(rawManifest().scripts.package ?? '', /--allow-missing-repository/);
      const vsixManifest = readZipEntry(vsix, 'extension.vsixmanifest').toString('utf8');
      assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
      assert.match(vsixManifest, /Branding\.Color" Value="#[0-9a-fA-F]{6}"/);
    });

    it("points the README's pictures at the repository, where the Marketplace fetches them", () => {
      const readme = readZipEntry(vsix, 'extension/readme.md').toString('utf8');
      assert.doesNotMatch(readme, /\]\((?!https:|#)[^)]+\.png\)/, 'a relative picture link is left');
      assert.ok(
        readme.includes(`${manifest.repository!.url}/raw/HEAD/media/screenshots/`),
        'no picture from media/screenshots/ in the repository',
      );
    });

    it('ships package.json with its %placeholders% and their English texts beside it', () => {
      assert.equal(manifest.displayName, '%displayName%');
      const texts = JSON.parse(readZipEntry(vsix, 'extension/package.nls.json').toString('utf8')) as Record<
        string,
        string
      >;
      assert.equal(texts.displayName, 'Magic Hour');
    });
  });
});

/**
 * Copies the checkout's files (tracked, and untracked but not ignored: what `npm run package`
 * sees in a fresh clone plus work in progress) to a temporary folder, with node_modules linked.
 */
function copyOfCheckout(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'magic-hour-package-'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of listed.toString('utf8').split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, file);
    if (!fs.existsSync(from)) continue; // deleted but not yet committed
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(from, path.join(copy, file));
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}
