/**
 * The README against package.json and the UI tests: its command and setting tables are the ones
 * package.json generates (UPDATE_README=1 rewrites them), it names no command or setting that
 * does not exist, and its screenshots are the ones the UI tests take.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';
import { localizedManifest, type Manifest } from './manifest';
import { commandName, generateTable, readBlock, writeBlock, type TableName } from './readme-tables';

const readmePath = path.join(repoRoot, 'README.md');

function readme(): string {
  return fs.readFileSync(readmePath, 'utf8');
}

/** The README's text between `## heading` and the next `## `. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has no "## ${heading}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  let manifest: Manifest;

  before(() => {
    manifest = localizedManifest();
    if (process.env.UPDATE_README === '1') {
      let text = readme();
      for (const name of ['commands', 'settings'] as TableName[]) {
        text = writeBlock(text, name, generateTable(name, manifest));
      }
      fs.writeFileSync(readmePath, text);
    }
  });

  for (const name of ['commands', 'settings'] as TableName[]) {
    it(`has the ${name} table package.json generates (UPDATE_README=1 rewrites it)`, () => {
      const block = readBlock(readme(), name);
      assert.ok(block !== undefined, `README.md has no generated ${name} block`);
      assert.equal(
        block,
        generateTable(name, manifest),
        `README.md's ${name} table differs from package.json`,
      );
    });
  }

  it('names every command, by its title and id, in the Commands section', () => {
    const commands = section(readme(), 'Commands');
    for (const command of manifest.contributes.commands) {
      assert.ok(commands.includes(`\`${command.command}\``), `${command.command} is not in the README`);
      assert.ok(
        commands.includes(commandName(manifest, command.command)),
        `"${commandName(manifest, command.command)}" is not in the README`,
      );
    }
  });

  it('names every setting in the Settings section', () => {
    const settings = section(readme(), 'Settings');
    for (const key of Object.keys(manifest.contributes.configuration.properties)) {
      assert.ok(settings.includes(`\`${key}\``), `${key} is not in the README`);
    }
  });

  it('mentions no command, setting, view or context key that package.json does not have', () => {
    const known = new Set<string>([
      ...manifest.contributes.commands.map((c) => c.command),
      ...Object.keys(manifest.contributes.configuration.properties),
      ...Object.values(manifest.contributes.views)
        .flat()
        .map((v) => v.id),
      // The secret's key and the context keys are no contributions, but the README may name them.
      'magicHour.apiToken',
      'magicHour.hasToken',
      'magicHour.hasJobs',
    ]);
    const mentioned = readme().match(/\bmagicHour\.[\w.]*\w/g) ?? [];
    for (const name of new Set(mentioned)) assert.ok(known.has(name), `README.md mentions unknown ${name}`);
  });

  it('names only existing commands in bold "Magic Hour: …" phrases', () => {
    const names = new Set(manifest.contributes.commands.map((c) => commandName(manifest, c.command)));
    for (const [, phrase] of readme().matchAll(/\*\*(Magic Hour: [^*]+)\*\*/g)) {
      assert.ok(names.has(phrase!), `README.md names "${phrase}", which is no command`);
    }
  });

  it('shows exactly the screenshots the UI tests save as key screenshots, and they exist', () => {
    const taken = new Set<string>();
    const uiDir = path.join(repoRoot, 'test', 'ui');
    for (const file of fs.readdirSync(uiDir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(uiDir, file), 'utf8');
      for (const [, name] of source.matchAll(/keyScreenshot\(\s*'([\w-]+)'/g)) taken.add(name!);
      // followJobToDone(editor, name, 'tree') passes a key screenshot's name on.
      for (const [, name] of source.matchAll(/followJobToDone\([^)]*,\s*'([\w-]+)'\)/g)) taken.add(name!);
    }
    assert.ok(taken.size > 0, 'found no keyScreenshot(...) in test/ui/');
    const shown = new Set(
      [...readme().matchAll(/!\[[^\]]*\]\(media\/screenshots\/([\w-]+)\.png\)/g)].map(([, name]) => name!),
    );
    assert.deepEqual(
      [...shown].sort(),
      [...taken].sort(),
      'README screenshots ≠ the UI tests key screenshots',
    );
    for (const name of shown) {
      const file = path.join(repoRoot, 'media', 'screenshots', `${name}.png`);
      assert.ok(
        fs.existsSync(file),
        `media/screenshots/${name}.png is missing: run UPDATE_SCREENSHOTS=1 npm run test:ui`,
      );
    }
  });

  it('shows no picture from outside the repository, and links only files that exist', () => {
    for (const [, target] of readme().matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https:|#|mailto:)/.test(target!)) continue;
      assert.doesNotMatch(target!, /^http:/, `${target} is not https`);
      // BENCHMARKS.md is written by `npm run bench`'s author; the link may come first.
      if (target === 'BENCHMARKS.md') continue;
      assert.ok(
        fs.existsSync(path.join(repoRoot, target!)),
        `README.md links ${target}, which does not exist`,
      );
    }
  });

  it('has the Marketplace sections: install, token, commands, settings, reliability, benchmarks, troubleshooting, development', () => {
    const text = readme();
    for (const heading of [
      'Features',
      'How it works',
      'Install',
      'The API token',
      'Commands',
      'Settings',
      'Reliability',
      'Benchmarks',
      'Troubleshooting',
      'Development',
    ]) {
      section(text, heading);
    }
    const troubleshooting = section(text, 'Troubleshooting');
    for (const topic of ['401', '402', '403', 'keyring', 'password-store']) {
      assert.ok(troubleshooting.includes(topic), `Troubleshooting does not cover ${topic}`);
    }
    const development = section(text, 'Development');
    for (const command of ['npm run demo', 'npm test']) {
      assert.ok(development.includes(command), `Development does not show ${command}`);
    }
  });
});
