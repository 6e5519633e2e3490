/**
 * Installs what the offline test backend needs, once per machine:
 * Debian packages (Chromium, ripgrep, compilers for code-server's native modules), a seeded
 * ripgrep download cache, and code-server + playwright-core in .cache/real-editor. A stamp file
 * records the versions; when it matches, setup returns in well under a second.
 *
 * Run it directly with `npm run setup:editor`; the test runners call `ensureEditorSetup()`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir, chromiumPath, codeServerBin, playwrightCoreDir, versions } from './paths';

/** Debian packages: compilers and Kerberos headers for native modules, rg, the browser. */
export const debianPackages = [
  'build-essential',
  'pkg-config',
  'python3',
  'libkrb5-dev',
  'ripgrep',
  'chromium',
] as const;

const stampFile = path.join(cacheDir, 'stamp.json');

function expectedStamp(): string {
  const nodeMajor = process.versions.node.split('.')[0];
  return JSON.stringify({ ...versions, node: nodeMajor, arch: os.arch() });
}

/** True when a previous setup with the same versions left everything in place. */
export function isEditorSetUp(): boolean {
  try {
    return (
      fs.readFileSync(stampFile, 'utf8') === expectedStamp() &&
      fs.existsSync(codeServerBin) &&
      fs.existsSync(path.join(playwrightCoreDir, 'package.json')) &&
      fs.existsSync(chromiumPath)
    );
  } catch {
    return false;
  }
}

/** Installs everything unless the stamp says it is already there. */
export function ensureEditorSetup(): void {
  if (isEditorSetUp()) return;
  const started = Date.now();
  log(`installing code-server ${versions.codeServer} and playwright-core ${versions.playwrightCore}`);
  installDebianPackages();
  fs.mkdirSync(cacheDir, { recursive: true });
  seedRipgrepCache();
  installNpmPackages();
  fs.writeFileSync(stampFile, expectedStamp());
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function log(message: string): void {
  console.log(`[setup] ${message}`);
}

function missingDebianPackages(): string[] {
  return debianPackages.filter((name) => {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return !status.toString().includes('install ok installed');
    } catch {
      return true;
    }
  });
}

function installDebianPackages(): void {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const isDebian = fs.existsSync('/etc/debian_version') && fs.existsSync('/usr/bin/apt-get');
  if (!isRoot || !isDebian) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}.\n` +
        `Install them (on Debian: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}) ` +
        `and run \`npm run setup:editor\` again. Set CHROMIUM_PATH if Chromium lives elsewhere.`,
    );
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}

/** The environment for nested npm calls: none of the outer `npm run`'s variables leak in. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_')) env[key] = value;
  }
  return {
    ...env,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's install runs `npx node-gyp`; an npmrc with yes=false would cancel it.
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // Build native modules against the local Node headers instead of downloading them.
    ...(fs.existsSync('/usr/include/node') ? { npm_config_nodedir: '/usr' } : {}),
  };
}

function npmPack(spec: string, cwd: string): string {
  const out = execFileSync('npm', ['pack', spec, '--silent'], {
    cwd,
    env: npmEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return path.join(cwd, out.toString().trim().split('\n').pop() ?? '');
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache holds the archive:
 * put Debian's rg there, under the name and version that code-server's copy expects.
 */
function seedRipgrepCache(): void {
  const rg = '/usr/bin/rg';
  if (!fs.existsSync(rg)) throw new Error(`${rg} not found: install the Debian package ripgrep`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'real-editor-rg-'));
  try {
    const tar = (args: string[]) => execFileSync('tar', args, { cwd: tmp, stdio: 'inherit' });
    tar([
      'xzf',
      npmPack(`code-server@${versions.codeServer}`, tmp),
      'package/lib/vscode/npm-shrinkwrap.json',
    ]);
    const shrinkwrap = JSON.parse(
      fs.readFileSync(path.join(tmp, 'package/lib/vscode/npm-shrinkwrap.json'), 'utf8'),
    ) as { packages: Record<string, { version: string }> };
    const rgVersion = shrinkwrap.packages['node_modules/@vscode/ripgrep']?.version;
    if (!rgVersion) throw new Error('code-server does not pin @vscode/ripgrep: cannot seed its cache');
    fs.rmSync(path.join(tmp, 'package'), { recursive: true });

    tar(['xzf', npmPack(`@vscode/ripgrep@${rgVersion}`, tmp), 'package/lib/postinstall.js']);
    const postinstall = fs.readFileSync(path.join(tmp, 'package/lib/postinstall.js'), 'utf8');
    const tag = /const VERSION = '([^']+)'/.exec(postinstall)?.[1];
    const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[os.arch()];
    if (!tag || !target) throw new Error(`cannot tell which rg archive @vscode/ripgrep@${rgVersion} wants`);

    const seedDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${rgVersion}`);
    fs.mkdirSync(seedDir, { recursive: true });
    fs.mkdirSync(path.join(tmp, 'rg'));
    fs.copyFileSync(rg, path.join(tmp, 'rg', 'rg'));
    const archive = path.join(seedDir, `ripgrep-${tag}-${target}.tar.gz`);
    tar(['czf', archive, '-C', path.join(tmp, 'rg'), 'rg']);
    log(`seeded ${archive}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * npm 11.19+ runs a dependency's install scripts only when the project's `allowScripts` allows
 * them. code-server's postinstall runs `npm install` in lib/vscode and lib/vscode/extensions,
 * which build native modules; those nested projects carry no policy, and an `--allow-scripts`
 * flag or variable is refused there. So: install with code-server's own script held back, give
 * the nested projects a policy naming the packages that build, then run the script ourselves.
 */
const nestedInstallScripts: Record<string, string[]> = {
  'lib/vscode': [
    '@parcel/watcher',
    '@vscode/deviceid',
    '@vscode/ripgrep',
    '@vscode/spdlog',
    'kerberos',
    'native-watchdog',
    'node-pty',
  ],
  'lib/vscode/extensions': ['@parcel/watcher', 'esbuild'],
};

function installNpmPackages(): void {
  fs.writeFileSync(
    path.join(cacheDir, 'package.json'),
    JSON.stringify(
      { name: 'real-editor-cache', private: true, allowScripts: { argon2: true, 'code-server': false } },
      null,
      2,
    ),
  );
  log('npm install (builds native modules; a few minutes)');
  const install = ['install', '--no-save', '--no-package-lock'];
  const packages = [`code-server@${versions.codeServer}`, `playwright-core@${versions.playwrightCore}`];
  execFileSync('npm', [...install, ...packages], { cwd: cacheDir, env: npmEnv(), stdio: 'inherit' });

  const codeServerDir = path.join(cacheDir, 'node_modules', 'code-server');
  // npm before 11.19 ignores allowScripts and has run the postinstall already.
  if (fs.existsSync(path.join(codeServerDir, 'lib/vscode/node_modules/node-pty/build'))) return;
  for (const [dir, names] of Object.entries(nestedInstallScripts)) {
    const manifestPath = path.join(codeServerDir, dir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest.allowScripts = Object.fromEntries(names.map((name) => [name, true]));
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  }
  const npmVersion = execFileSync('npm', ['--version'], { env: npmEnv() }).toString().trim();
  execFileSync('sh', ['./postinstall.sh'], {
    cwd: codeServerDir,
    stdio: 'inherit',
    env: {
      ...npmEnv(),
      // The script picks npm from this, and checks the Node major in it.
      npm_config_user_agent: `npm/${npmVersion} node/${process.version} ${process.platform} ${os.arch()}`,
    },
  });
}

if (require.main === module) {
  try {
    ensureEditorSetup();
    if (isEditorSetUp()) log(`ready: ${cacheDir}`);
  } catch (error) {
    console.error(`[setup] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
