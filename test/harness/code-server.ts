/**
 * Starts code-server (VS Code 1.100 in the browser, with a real Node extension host) on
 * 127.0.0.1 with throwaway user-data, extensions and XDG folders, in its own process group.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { codeServerBin } from './paths';
import { freePort, onShutdown, spawnInOwnGroup, stopGroup, waitForExit } from './processes';
import { makeTempDir } from './workspace';

export interface CodeServerOptions {
  /** `.vsix` files to install before the server starts. */
  vsix?: string[];
  /** User settings on top of the quiet defaults, e.g. `{ 'magicHour.apiBaseUrl': double.apiUrl }`. */
  settings?: Record<string, unknown>;
  /** Port on 127.0.0.1 (the demo's `--port`). Default: a free one. */
  port?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>`, the authority of `vscode-remote://` URIs. */
  readonly authority: string;
  readonly userDataDir: string;
  /** code-server's own output. */
  readonly logFile: string;
  /** The workbench URL opening `folder`, with an optional `payload` (see run-integration.ts). */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  /** Copies the editor's logs (server output, remote agent, extension host) into `dest`. */
  saveLogs(dest: string): void;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and offline: no welcome page, tips, updates, telemetry. */
const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
};

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const home = makeTempDir('code-server');
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir);
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  // The test's own settings (the double's URL) also go to the remote machine's settings, which
  // the server reads itself: once in five UI runs a page opened after several reloads started
  // its extension host without the user value and sent the token check to the real API host.
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'Machine', 'settings.json'),
    JSON.stringify(options.settings ?? {}, null, 2),
  );
  const port = options.port ?? (await freePort());
  const authority = `127.0.0.1:${port}`;
  const configFile = path.join(home, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  const logFile = path.join(home, 'code-server.log');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
    XDG_DATA_HOME: path.join(home, 'xdg-data'),
    XDG_CACHE_HOME: path.join(home, 'xdg-cache'),
    // No marketplace: extension queries go to a closed local port instead of open-vsx.org.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/', itemUrl: 'http://127.0.0.1:9/' }),
  };
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.vsix ?? []) {
    const install = spawnLogged([...common, '--install-extension', vsix], env, logFile);
    await waitForExit(install, 60_000);
    await stopGroup(install, 0);
    if (install.exitCode !== 0) {
      throw new Error(`code-server --install-extension ${vsix} failed:\n${tail(logFile)}`);
    }
  }

  const server = spawnLogged(
    [
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      authority,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    env,
    logFile,
  );
  const removeShutdownStep = onShutdown(() => stopGroup(server));
  await waitUntilHealthy(`http://${authority}/healthz`, server, logFile, 30_000);

  return {
    url: `http://${authority}`,
    authority,
    userDataDir,
    logFile,
    workbenchUrl(folder, payload) {
      let url = `http://${authority}/?folder=${encodeURIComponent(folder)}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    saveLogs(dest) {
      fs.mkdirSync(dest, { recursive: true });
      fs.copyFileSync(logFile, path.join(dest, 'code-server.log'));
      const editorLogs = path.join(userDataDir, 'logs');
      if (fs.existsSync(editorLogs)) fs.cpSync(editorLogs, path.join(dest, 'editor'), { recursive: true });
    },
    async stop() {
      removeShutdownStep();
      await stopGroup(server);
    },
  };
}

/** Runs code-server in its own process group, appending its output to `logFile`. */
function spawnLogged(args: string[], env: NodeJS.ProcessEnv, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  try {
    return spawnInOwnGroup(codeServerBin, args, { env, stdio: ['ignore', log, log] });
  } finally {
    fs.closeSync(log);
  }
}

async function waitUntilHealthy(
  url: string,
  server: ChildProcess,
  logFile: string,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited early:\n${tail(logFile)}`);
    if (await answers200(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000} s:\n${tail(logFile)}`);
}

function answers200(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get(url, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      })
      .on('error', () => resolve(false));
  });
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
