/**
 * `npm run demo`, driven by a person: the spec starts the demo with `startDemo()` itself (the
 * same .vsix, sandbox and code-server settings the demo command uses; only the workspace is a
 * throwaway folder), opens the URL the demo prints, and goes right-click → form → token → job
 * → clip → preview.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoFixtures, startDemo, type Demo } from '../demo/demo';
import { fixturesDir } from '../harness/paths';
import { makeTempDir } from '../harness/workspace';
import { useStartedEditor } from './ui';

describe('Demo (npm run demo)', () => {
  let demo: Demo | undefined;
  const editor = useStartedEditor(
    async () => {
      demo = await startDemo({ workspace: makeTempDir('demo-workspace') });
      return demo;
    },
    async () => demo?.stop(),
  );

  it('starts with the sample image and video in the workspace', () => {
    assert.ok(demo);
    assert.deepEqual(fs.readdirSync(demo.workspace).sort(), [...demoFixtures].sort());
    assert.match(demo.url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
  });

  it('makes a clip from the image with the token the demo names', async function () {
    this.timeout(90_000);
    assert.ok(demo);
    await editor.rightClickInExplorer('sample.png');
    await editor.menuItem('Magic Hour: Image to Video…');
    await editor.waitForWebview('#model');
    await editor.fillWebviewField('#name', 'Demo clip');
    await editor.click('Generate video');

    assert.match(await editor.waitForInputBox(), /needs an API token/);
    await editor.answerInputBox(demo.token);
    await editor.waitForWebviewText('.results', 'Submitted one job');

    await editor.showViewContainer('Magic Hour');
    const states = await editor.followTreeItem('Demo clip', /, done\b/, 60_000);
    assert.ok(
      states.some((label) => /, rendering\b/.test(label)),
      `the tree never showed the job rendering: ${states.join(' | ')}`,
    );
    const clip = path.join(demo.workspace, 'sample.image-to-video.mp4');
    assert.ok(fs.existsSync(clip), `no clip beside the image: ${fs.readdirSync(demo.workspace).join(', ')}`);
    const render = fs.readFileSync(path.join(fixturesDir, 'render.mp4'));
    assert.ok(fs.readFileSync(clip).equals(render), "the clip is not the sandbox's render");

    await editor.waitForEditorTab('Preview: Demo clip');
    const { later } = await editor.waitForVideoToPlay('video[aria-label^="Result video"]');
    assert.equal(later.paused, false);
  });
});
