/**
 * `npm run test:ui`: end-to-end tests in a real workbench. Packs the extension as a .vsix,
 * starts the local Magic Hour double and headless Chromium, then runs test/ui/**\/*.ui.ts with
 * mocha in this process (each spec starts its own code-server with the .vsix installed and the
 * API base URL pointed at the double, see ui.ts) and stops everything, pass or fail.
 * UI_GREP=<text> runs the matching tests only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { startDouble } from '../double/server';
import { launchBrowser } from '../harness/browser';
import { logsDir, screenshotsDir } from '../harness/paths';
import { shutdown } from '../harness/processes';
import { ensureEditorSetup } from '../harness/setup';
import { packageVsix } from '../harness/vsix';
import { makeTempDir } from '../harness/workspace';
import { setSession } from './ui';

async function main(): Promise<number> {
  const started = Date.now();
  ensureEditorSetup();
  fs.rmSync(screenshotsDir, { recursive: true, force: true });
  fs.rmSync(path.join(logsDir, 'ui'), { recursive: true, force: true });

  const vsix = packageVsix(makeTempDir('vsix'));
  const double = await startDouble();
  try {
    const browser = await launchBrowser();
    setSession({ browser, double, vsix });
    console.log(`[ui] extension packed, double and browser up after ${secondsSince(started)} s`);

    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, slow: 10_000 });
    if (process.env.UI_GREP) mocha.grep(process.env.UI_GREP);
    for (const file of specFiles(__dirname)) mocha.addFile(file);
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    console.log(`[ui] ${failures === 0 ? 'passed' : `${failures} failed`} in ${secondsSince(started)} s`);
    console.log(`[ui] screenshots: ${path.relative(process.cwd(), screenshotsDir)}/`);
    return failures === 0 ? 0 : 1;
  } finally {
    setSession(undefined);
    await double.close();
  }
}

/** Every compiled `*.ui.js` below `dir`, in a stable order. */
function specFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ui.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

function secondsSince(start: number): number {
  return Math.round((Date.now() - start) / 1000);
}

main()
  .catch((error: unknown) => {
    console.error('[ui]', error);
    return 1;
  })
  .then(async (code) => {
    await shutdown();
    process.exit(code);
  });
