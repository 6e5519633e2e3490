/** CHANGELOG.md in Keep a Changelog form, its latest release being package.json's version. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';
import { rawManifest } from './manifest';

const KINDS_OF_CHANGE = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

describe('CHANGELOG', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8');
  const versions = [...text.matchAll(/^## \[([^\]]+)\](?: - (\S+))?$/gm)].map(([, version, date]) => ({
    version: version!,
    date,
  }));

  it('starts with Unreleased, then dated versions, newest first', () => {
    assert.equal(versions[0]?.version, 'Unreleased');
    const released = versions.slice(1);
    assert.ok(released.length > 0, 'no release');
    for (const { version, date } of released) {
      assert.match(version, /^\d+\.\d+\.\d+(-[\w.]+)?$/, `${version} is no semantic version`);
      assert.match(date ?? '', /^\d{4}-\d{2}-\d{2}$/, `${version} has no ISO date`);
    }
    const dates = released.map(({ date }) => date!);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'versions are not newest first');
  });

  it("has package.json's version as its latest release", () => {
    assert.equal(versions[1]?.version, rawManifest().version);
  });

  it('sorts changes under the kinds Keep a Changelog names', () => {
    for (const [, kind] of text.matchAll(/^### (.+)$/gm)) {
      assert.ok(KINDS_OF_CHANGE.includes(kind!), `"### ${kind}" is not a kind of change`);
    }
  });

  it('links every version heading', () => {
    for (const { version } of versions) {
      assert.match(text, new RegExp(`^\\[${version.toLowerCase().replace(/\./g, '\\.')}\\]: https://`, 'mi'));
    }
  });
});
