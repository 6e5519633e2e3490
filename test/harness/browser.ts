/**
 * Debian's Chromium, headless, started by the harness in its own process group and driven by
 * playwright-core over CDP. It may only reach 127.0.0.1: every host name fails to resolve.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromiumPath } from './paths';
import { loadPlaywright, type Browser, type Page } from './playwright';
import { onShutdown, spawnInOwnGroup, stopGroup } from './processes';
import { makeTempDir } from './workspace';

/** A page and what its workbench printed. */
export interface BrowserTab {
  readonly page: Page;
  /** Console messages and page errors of the page so far, one per line. */
  readonly consoleLines: string[];
  /** Writes `consoleLines` and Chromium's own output into `dest`. */
  saveLogs(dest: string): void;
  close(): Promise<void>;
}

/** Chromium with its first page; `newTab()` opens another in a context of its own. */
export interface BrowserSession extends BrowserTab {
  /** A page in a new browser context: storage (such as a web editor's secrets) starts empty. */
  newTab(): Promise<BrowserTab>;
}

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--password-store=basic',
  '--window-size=1400,900',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--remote-debugging-address=127.0.0.1',
  '--remote-debugging-port=0',
];

const viewport = { width: 1400, height: 900 };

export async function launchBrowser(): Promise<BrowserSession> {
  const profile = makeTempDir('chromium');
  const logFile = path.join(profile, 'chromium.log');
  const chromium = spawnInOwnGroup(
    chromiumPath,
    [...chromiumFlags, `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Chromium's crash handler leaves the process group (it exits with the browser) and
      // keeps its database under XDG_CONFIG_HOME: put that in the throwaway profile too.
      env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    },
  );
  const removeShutdownStep = onShutdown(() => stopGroup(chromium));
  const endpoint = await devToolsEndpoint(chromium, logFile);
  const browser: Browser = await loadPlaywright().chromium.connectOverCDP(endpoint, { timeout: 30_000 });
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default browser context');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize(viewport);

  const first = tab(page, logFile, async () => undefined);
  return {
    ...first,
    async newTab() {
      const own = await browser.newContext({ viewport });
      return tab(await own.newPage(), logFile, () => own.close());
    },
    async close() {
      removeShutdownStep();
      await browser.close().catch(() => undefined);
      await stopGroup(chromium);
    },
  };
}

function tab(page: Page, logFile: string, close: () => Promise<void>): BrowserTab {
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  return {
    page,
    consoleLines,
    saveLogs(dest) {
      fs.mkdirSync(dest, { recursive: true });
      fs.writeFileSync(path.join(dest, 'browser-console.log'), consoleLines.join('\n') + '\n');
      if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(dest, 'chromium.log'));
    },
    close: () => close().catch(() => undefined),
  };
}

/** Chromium prints `DevTools listening on ws://…` on stderr once it accepts CDP connections. */
function devToolsEndpoint(chromium: ChildProcess, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${seen}`)), 30_000);
    chromium.stderr?.on('data', (chunk: Buffer) => {
      fs.appendFileSync(logFile, chunk);
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    chromium.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited with ${code}:\n${seen}`));
    });
  });
}
