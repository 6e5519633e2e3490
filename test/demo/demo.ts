/**
 * The setup behind `npm run demo`: the extension packed as a .vsix and installed in a real VS
 * Code, talking to the local Magic Hour double as a sandbox, on a sample workspace that keeps
 * the clips it makes. test/ui/demo.ui.ts drives exactly this setup.
 *
 * - `startDemo()`: code-server (VS Code in the browser) on 127.0.0.1; open the returned URL.
 * - `startDesktopDemo()`: a desktop VS Code found on the PATH as `code`, in its own profile.
 *
 * Both reuse the test harness: its one-time setup, .vsix packing, code-server start and process
 * hygiene (everything started runs in its own process group and stops on Ctrl+C).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { startDouble } from '../double/server';
import type { DoubleOptions, MagicHourDouble } from '../double/types';
import { startCodeServer, type CodeServer } from '../harness/code-server';
import { fixturesDir, repoRoot } from '../harness/paths';
import { onShutdown, spawnInOwnGroup, stopGroup, waitForExit } from '../harness/processes';
import { ensureEditorSetup } from '../harness/setup';
import { packageVsix } from '../harness/vsix';
import { makeTempDir } from '../harness/workspace';

/** What to type when the extension asks for an API token: the sandbox accepts any token. */
export const DEMO_TOKEN = 'demo';

/** The demo workspace: kept between runs (ignored by git), so the clips made in it stay. */
export const demoWorkspaceDir = path.join(repoRoot, '.cache', 'demo-workspace');

/** The desktop demo's own VS Code profile (settings, extensions), apart from the user's. */
export const desktopProfileDir = path.join(repoRoot, '.cache', 'demo-desktop');

/** The committed fixtures the demo workspace starts with: an image and a two-second video. */
export const demoFixtures = ['sample.png', 'sample.mp4'] as const;

/**
 * The sandbox: renders in a few seconds, returns a real clip (test/fixtures/render.mp4, the
 * double's default output), and accepts any token so nobody needs a Magic Hour account.
 */
export const sandboxOptions: DoubleOptions = {
  renderMs: 4_000,
  acceptToken: (token) => token.length > 0,
};

export interface DemoOptions {
  /** code-server's port on 127.0.0.1. Default: a free port. */
  port?: number;
  /** The workspace folder. Default: {@link demoWorkspaceDir}. Missing fixtures are copied in. */
  workspace?: string;
  /** Progress lines while it starts. Default: none. */
  log?: (line: string) => void;
}

export interface Demo {
  /** The workbench URL to open in a browser, with the workspace folder in it. */
  url: string;
  /** The workspace folder; clips are saved beside their source in it. */
  workspace: string;
  /** What to type when asked for a token. */
  token: string;
  /** The sandbox's API base URL (what `magicHour.apiBaseUrl` is set to). */
  sandboxUrl: string;
  server: CodeServer;
  double: MagicHourDouble;
  /** Stops code-server and the sandbox; the workspace and its clips stay. */
  stop(): Promise<void>;
}

/** Starts the sandbox and code-server with the packed extension pointed at it. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => undefined);
  if (options.port !== undefined) await assertPortFree(options.port);
  const { workspace, vsix, double, stopDouble } = await prepare(options.workspace, log, true);
  try {
    log('starting VS Code (code-server) with the extension installed');
    const server = await startCodeServer({
      vsix: [vsix],
      port: options.port,
      settings: extensionSettings(double.apiUrl),
    });
    let stopping: Promise<void> | undefined;
    return {
      url: server.workbenchUrl(workspace),
      workspace,
      token: DEMO_TOKEN,
      sandboxUrl: double.apiUrl,
      server,
      double,
      stop: () => (stopping ??= server.stop().finally(stopDouble)),
    };
  } catch (error) {
    await stopDouble();
    throw error;
  }
}

export interface DesktopDemo {
  workspace: string;
  token: string;
  sandboxUrl: string;
  double: MagicHourDouble;
  /** The `code` command that was run. */
  codeCommand: string;
  /** Resolves when the VS Code window is closed (`code --wait` returns). */
  closed: Promise<void>;
  /** Stops the sandbox and stops waiting for the window. */
  stop(): Promise<void>;
}

/**
 * Opens the workspace in a desktop VS Code (`code` on the PATH), in a profile of its own under
 * .cache/demo-desktop so the user's settings and extensions are left alone.
 */
export async function startDesktopDemo(
  options: Pick<DemoOptions, 'workspace' | 'log'> = {},
): Promise<DesktopDemo> {
  const log = options.log ?? (() => undefined);
  const code = findOnPath('code');
  if (!code) throw new Error('--desktop needs a desktop VS Code as `code` on the PATH; none was found.');
  const { workspace, vsix, double, stopDouble } = await prepare(options.workspace, log, false);
  try {
    const profile = ['--user-data-dir', path.join(desktopProfileDir, 'user-data')];
    profile.push('--extensions-dir', path.join(desktopProfileDir, 'extensions'));
    const settingsFile = path.join(desktopProfileDir, 'user-data', 'User', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify(desktopSettings(double.apiUrl), null, 2));
    log(`installing the extension into ${path.relative(repoRoot, desktopProfileDir)}/`);
    execFileSync(code, [...profile, '--install-extension', vsix, '--force'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    log('opening VS Code');
    const window = spawnInOwnGroup(code, [...profile, '--new-window', '--wait', workspace], {
      stdio: 'ignore',
    });
    const closed = waitForExit(window, 2 ** 31 - 1).then(() => undefined);
    const removeStep = onShutdown(() => stopGroup(window, 2000));
    let stopping: Promise<void> | undefined;
    return {
      workspace,
      token: DEMO_TOKEN,
      sandboxUrl: double.apiUrl,
      double,
      codeCommand: code,
      closed,
      stop: () =>
        (stopping ??= (async () => {
          removeStep();
          await stopGroup(window, 2000);
          await stopDouble();
        })()),
    };
  } catch (error) {
    await stopDouble();
    throw error;
  }
}

/** What both demos need: the workspace, the .vsix, the sandbox (and code-server, when used). */
async function prepare(
  workspaceOption: string | undefined,
  log: (line: string) => void,
  needsCodeServer: boolean,
): Promise<{ workspace: string; vsix: string; double: MagicHourDouble; stopDouble: () => Promise<void> }> {
  if (needsCodeServer) ensureEditorSetup();
  const workspace = prepareWorkspace(workspaceOption ?? demoWorkspaceDir);
  log('packing the extension as a .vsix');
  const vsix = packageVsix(makeTempDir('demo-vsix'));
  log('starting the Magic Hour sandbox');
  const double = await startDouble(sandboxOptions);
  const removeStep = onShutdown(() => double.close());
  const stopDouble = async (): Promise<void> => {
    removeStep();
    await double.close();
  };
  return { workspace, vsix, double, stopDouble };
}

/** Creates the workspace folder if needed and copies in any fixture it lacks; keeps everything else. */
export function prepareWorkspace(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  for (const name of demoFixtures) {
    const file = path.join(folder, name);
    if (!fs.existsSync(file)) fs.copyFileSync(path.join(fixturesDir, name), file);
  }
  return folder;
}

/** The extension's settings in the demo: the API is the sandbox. */
function extensionSettings(apiUrl: string): Record<string, unknown> {
  return { 'magicHour.apiBaseUrl': apiUrl };
}

/** A desktop profile's settings: the sandbox, and a quiet first start. */
function desktopSettings(apiUrl: string): Record<string, unknown> {
  return {
    ...extensionSettings(apiUrl),
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
  };
}

/** The full path of `command` in a PATH folder, or undefined. */
function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Fails with a clear message when something already listens on 127.0.0.1:`port`. */
function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${port} is in use on 127.0.0.1: pick another with --port, or leave it out for a free one.`
            : `Cannot use port ${port}: ${error.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
