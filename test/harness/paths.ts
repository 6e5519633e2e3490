import * as path from 'node:path';

/** Repository root: this file runs as out/test/harness/paths.js. */
export const repoRoot = path.resolve(__dirname, '../../..');

/** Where setup installs code-server and playwright-core (ignored by git). */
export const cacheDir = path.join(repoRoot, '.cache', 'real-editor');

/** Screenshots and editor logs of the last run (ignored by git). */
export const resultsDir = path.join(repoRoot, 'test-results');
export const screenshotsDir = path.join(resultsDir, 'screenshots');
export const logsDir = path.join(resultsDir, 'logs');

/** Fixtures copied into every throwaway workspace. */
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

/** The Debian Chromium that playwright-core drives (no browser download). */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const codeServerBin = path.join(cacheDir, 'node_modules', '.bin', 'code-server');
export const playwrightCoreDir = path.join(cacheDir, 'node_modules', 'playwright-core');

/**
 * Pinned versions. code-server 4.100.3 is VS Code 1.100.3, the last release that runs on
 * Node 20; it matches `engines.vscode` and `@types/vscode`.
 */
export const versions = { codeServer: '4.100.3', playwrightCore: '1.65.1' } as const;
