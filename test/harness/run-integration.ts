/**
 * The offline backend for integration tests: the mocha suite runs inside code-server's Node
 * extension host, with the workbench in headless Chromium.
 *
 * code-server takes no `--extensionDevelopmentPath`/`--extensionTestsPath` flags; the web
 * workbench reads them from the `payload` query parameter as `vscode-remote://` URIs, runs the
 * suite's `run()`, then calls `window.codeAutomationExit(code, logs)`, which we expose.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './code-server';
import { logsDir, repoRoot } from './paths';
import type { ConsoleMessage } from './playwright';
import { createWorkspace } from './workspace';
import { suiteStartLine } from '../integration/start-line';

export interface IntegrationRun {
  /** Folder holding the extension's package.json. */
  extensionDevelopmentPath: string;
  /** Compiled module exporting mocha's `run()`. */
  extensionTestsPath: string;
  /** The whole run, workbench start included. Default 5 minutes. */
  timeoutMs?: number;
}

interface LogFile {
  relativePath: string;
  contents: string;
}

/** Runs the suite; resolves with its exit code (0 when every test passed). */
export async function runIntegrationInCodeServer(run: IntegrationRun): Promise<number> {
  const timeoutMs = run.timeoutMs ?? 300_000;
  const logsDest = path.join(logsDir, 'integration');
  fs.rmSync(logsDest, { recursive: true, force: true });
  const workspace = createWorkspace();
  const server = await startCodeServer();
  const browser = await launchBrowser();
  const remote = (file: string) => `vscode-remote://${server.authority}${file}`;
  const url = server.workbenchUrl(workspace, [
    ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(run.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ]);

  let code = 1;
  try {
    let onExit: (result: { code: number; logs: LogFile[] }) => void = () => undefined;
    const exited = new Promise<{ code: number; logs: LogFile[] }>((resolve) => (onExit = resolve));
    await browser.page.exposeFunction('codeAutomationExit', (exitCode: number, logs: LogFile[]) =>
      onExit({ code: exitCode, logs: Array.isArray(logs) ? logs : [] }),
    );
    const print = extensionHostPrinter();
    browser.page.on('console', (message) => void print(message));
    await browser.page.goto(url);
    const result = await Promise.race([exited, timeout(timeoutMs)]);
    if (result === 'timeout') console.error(`[integration] no result after ${timeoutMs / 1000} s`);
    else code = result.code;

    if (code !== 0) {
      const dest = logsDest;
      server.saveLogs(dest);
      browser.saveLogs(dest);
      for (const log of result === 'timeout' ? [] : result.logs) {
        const file = path.join(dest, 'workbench', log.relativePath);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, log.contents);
      }
      console.error(`[integration] editor logs: ${path.relative(repoRoot, dest)}/`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return code;
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

/** Known noise of an offline workbench, not worth a line in the test output. */
const noise = /vsda|Failed to load resource|open-vsx|sandbox attribute|service worker|127\.0\.0\.1:9\b/;

/**
 * In test mode the workbench forwards the extension host's console (mocha's reporter) to the
 * page console as `console.log('%c INFO', 'color: #33f', …args)`. From the suite's first line
 * on, print the arguments only.
 */
function extensionHostPrinter(): (message: ConsoleMessage) => Promise<void> {
  let started = false;
  return async (message) => {
    const text = message.text();
    started ||= text.includes(suiteStartLine);
    if (!started || noise.test(text)) return;
    let values = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '?')));
    if (typeof values[0] === 'string' && values[0].startsWith('%c')) values = values.slice(2);
    console.log(format(...values));
  };
}
