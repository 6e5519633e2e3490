/**
 * `npm run test:integration`: runs test/integration in a real VS Code extension host.
 *
 * Backend, from VSCODE_TEST_BACKEND:
 * - `code-server` (default unless VSCODE_EXECUTABLE_PATH is set): offline, code-server from
 *   .cache/real-editor in headless Chromium; setup runs first when needed.
 * - `electron`: a desktop VS Code via @vscode/test-electron, VSCODE_EXECUTABLE_PATH when
 *   given, otherwise downloaded (VSCODE_TEST_VERSION, default 1.100.3) into .cache/vscode-desktop.
 */
import * as path from 'node:path';
import { runIntegrationInCodeServer } from './run-integration';
import { cacheDir, repoRoot } from './paths';
import { shutdown, spawnInOwnGroup, stopGroup, waitForExit } from './processes';
import { ensureEditorSetup } from './setup';
import { createWorkspace, makeTempDir } from './workspace';

const extensionDevelopmentPath = repoRoot;
const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

type Backend = 'code-server' | 'electron';

function chooseBackend(): Backend {
  const requested = process.env.VSCODE_TEST_BACKEND;
  if (requested === 'code-server' || requested === 'electron') return requested;
  if (requested) throw new Error(`VSCODE_TEST_BACKEND must be code-server or electron, not "${requested}"`);
  return process.env.VSCODE_EXECUTABLE_PATH ? 'electron' : 'code-server';
}

/** Runs the suite in a desktop VS Code started in its own process group. */
async function runInDesktopVSCode(): Promise<number> {
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  const executable =
    process.env.VSCODE_EXECUTABLE_PATH ||
    (await downloadAndUnzipVSCode({
      version: process.env.VSCODE_TEST_VERSION || '1.100.3',
      cachePath: path.join(path.dirname(cacheDir), 'vscode-desktop'),
    }));
  const profile = makeTempDir('vscode-desktop');
  const args = [
    createWorkspace(),
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
    '--disable-extensions',
    `--user-data-dir=${path.join(profile, 'user-data')}`,
    `--extensions-dir=${path.join(profile, 'extensions')}`,
    `--extensionDevelopmentPath=${extensionDevelopmentPath}`,
    `--extensionTestsPath=${extensionTestsPath}`,
  ];
  const vscode = spawnInOwnGroup(executable, args, { stdio: 'inherit' });
  await waitForExit(vscode, 300_000);
  await stopGroup(vscode, 0);
  return vscode.exitCode ?? 1;
}

async function main(): Promise<number> {
  const started = Date.now();
  const backend = chooseBackend();
  console.log(`[integration] backend: ${backend}`);
  const code =
    backend === 'electron'
      ? await runInDesktopVSCode()
      : (ensureEditorSetup(),
        await runIntegrationInCodeServer({ extensionDevelopmentPath, extensionTestsPath }));
  console.log(
    `[integration] ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${secondsSince(started)} s`,
  );
  return code;
}

function secondsSince(start: number): number {
  return Math.round((Date.now() - start) / 1000);
}

main()
  .catch((error: unknown) => {
    console.error('[integration]', error);
    return 1;
  })
  .then(async (code) => {
    await shutdown();
    process.exit(code);
  });
