/**
 * The integration suite's entry point (`extensionTestsPath`): VS Code loads it in the extension
 * host and awaits `run()`. Both backends use it: @vscode/test-electron with a desktop VS Code,
 * and code-server in a browser (test/harness/run-integration.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { suiteStartLine } from './start-line';

export function run(): Promise<void> {
  console.log(suiteStartLine);
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000 });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve(),
    );
  });
}

/** Every compiled `*.test.js` below `dir`, in a stable order. */
function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(dir, file));
}
