/**
 * The in-editor workflow, as a person does it against the local Magic Hour double: right-click a
 * file, fill the form, submit (typing a token the first time), follow the job in the Jobs view,
 * find the clip beside the source and watch it in the preview. The video test runs after the
 * image test and relies on the token it stored.
 *
 * No token exists before the first submit: `useEditor()` loads a fresh workbench page, and
 * code-server keeps secrets in the page's memory only.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RecordedRequest } from '../double/types';
import { fixturesDir } from '../harness/paths';
import { useEditor, type Editor } from './ui';

/** A token the double accepts (any that does not start with "bad"). */
const TOKEN = 'mh-ui-workflow-token';

/** Tree states of a job between submit and done (the tree's words, see src/ui/job-format.ts). */
const RUNNING = /, (uploading|starting|queued|rendering|downloading)\b/;
const DONE = /, done\b/;

describe('In-editor workflow', () => {
  const editor = useEditor();

  it('turns an image into a clip: form, token, Jobs view, file, preview', async function () {
    this.timeout(120_000);
    const name = `Workflow image ${Date.now() % 100_000}`;
    const expectedOutput = freeOutputName(editor.workspace, 'sample.image-to-video');

    await editor.rightClickInExplorer('sample.png');
    await editor.keyScreenshot('explorer-menu');
    await editor.menuItem('Magic Hour: Image to Video…');
    await editor.waitForWebview('#model');

    // The duration follows the model: a range for the default model, two choices for Kling 2.5.
    await editor.selectInWebview('#model', 'default');
    await editor.selectInWebview('#resolution', '720p');
    assert.deepEqual(await editor.webviewChoices('#endSeconds'), {
      kind: 'range',
      min: '5',
      max: '60',
      step: '1',
    });
    await editor.selectInWebview('#model', 'kling-2.5');
    assert.deepEqual(await editor.webviewChoices('#endSeconds'), { kind: 'list', values: ['5', '10'] });
    await editor.selectInWebview('#endSeconds', '10');
    await editor.fillWebviewField('#name', name);
    await editor.keyScreenshot('form-image');

    // First submit: no token yet, so the editor asks for one.
    await editor.click('Generate video');
    const prompt = await editor.waitForInputBox();
    assert.match(prompt, /Set API Token/);
    assert.match(prompt, /needs an API token/);
    await editor.keyScreenshot('token-prompt');
    await editor.answerInputBox(TOKEN);
    await editor.waitForWebviewText('.results', 'Submitted one job');

    const create = await createRequest(editor, 'image-to-video', name);
    assert.equal(create.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(pick(create.body, ['model', 'end_seconds']), { model: 'kling-2.5', end_seconds: 10 });

    await followJobToDone(editor, name, 'tree');

    expectClipBeside(editor, 'sample.png', expectedOutput);

    await expectPreviewToPlay(editor, name, expectedOutput);
    await editor.clearNotifications();
    await editor.keyScreenshot('preview');
  });

  it('turns a trimmed video into a clip without asking for the token again', async function () {
    this.timeout(120_000);
    const name = `Workflow video ${Date.now() % 100_000}`;
    const expectedOutput = freeOutputName(editor.workspace, 'sample.video-to-video');
    assert.equal(expectedOutput, 'sample.video-to-video.mp4', 'an earlier test left a clip here');

    await editor.showViewContainer('Explorer');
    await editor.rightClickInExplorer('sample.mp4');
    await editor.menuItem('Magic Hour: Video to Video…');
    await editor.waitForWebview('#startSeconds');
    // The form reads the clip's length from the video itself before it offers the trim.
    await editor.waitForWebviewText('#endSeconds-hint', 'The clip is 2 s long.');
    assert.equal(await editor.webviewValue('#endSeconds'), '2');

    await editor.fillWebviewField('#startSeconds', '0.5');
    await editor.fillWebviewField('#endSeconds', '1.5');
    await editor.fillWebviewField('#name', name);
    await editor.keyScreenshot('form-video');

    // The token stored by the first submit is used: the results show without any prompt.
    await editor.click('Generate video');
    await editor.waitForWebviewText('.results', 'Submitted one job');
    assert.equal(await editor.isInputBoxOpen(), false, 'an input box opened on the second submit');

    const create = await createRequest(editor, 'video-to-video', name);
    assert.equal(create.headers.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(pick(create.body, ['start_seconds', 'end_seconds']), {
      start_seconds: 0.5,
      end_seconds: 1.5,
    });

    await followJobToDone(editor, name);
    expectClipBeside(editor, 'sample.mp4', expectedOutput);

    await expectPreviewToPlay(editor, name, expectedOutput);
  });
});

/**
 * Opens the Jobs view and watches the job from a running state to done; `keyScreenshot` names
 * the README screenshot, taken while the job renders (or once done, if rendering was missed).
 */
async function followJobToDone(editor: Editor, name: string, keyScreenshot?: string): Promise<void> {
  await editor.showViewContainer('Magic Hour');
  let pending = keyScreenshot;
  const states = await editor.followTreeItem(name, DONE, 60_000, async (label) => {
    if (pending && (/, rendering\b/.test(label) || DONE.test(label))) {
      await editor.keyScreenshot(pending);
      pending = undefined;
    }
  });
  assert.ok(
    states.some((label) => RUNNING.test(label)),
    `the tree never showed the job running: ${states.join(' | ')}`,
  );
  assert.match(states.at(-1) ?? '', DONE);
}

/** The preview opens on its own when the clip is saved; its result video plays. */
async function expectPreviewToPlay(editor: Editor, name: string, output: string): Promise<void> {
  await editor.waitForEditorTab(`Preview: ${name}`);
  await editor.waitForWebviewText('figcaption', output);
  const video = 'video[aria-label^="Result video"]';
  const { first, later } = await editor.waitForVideoToPlay(video);
  // Debian's Chromium decodes H.264: the output fixture is H.264 Constrained Baseline.
  assert.equal(later.canPlayH264, 'probably');
  assert.equal(later.paused, false);
  assert.ok(later.currentTime !== first.currentTime, `currentTime stayed at ${first.currentTime}`);
  assert.ok(later.duration > 0, `duration ${later.duration}`);
}

/** The clip is saved in the source's folder, and it is the whole render the double served. */
function expectClipBeside(editor: Editor, source: string, clip: string): void {
  const file = path.join(editor.workspace, clip);
  assert.ok(
    fs.existsSync(file),
    `${clip} is not beside ${source}: ${fs.readdirSync(editor.workspace).join(', ')}`,
  );
  const render = fs.readFileSync(path.join(fixturesDir, 'render.mp4'));
  assert.ok(fs.readFileSync(file).equals(render), `${clip} is not the render the double served`);
}

/** The name the extension gives the next clip from `stem`: `stem.mp4`, else `stem (2).mp4`, … */
function freeOutputName(folder: string, stem: string): string {
  for (let n = 1; ; n++) {
    const file = n === 1 ? `${stem}.mp4` : `${stem} (${n}).mp4`;
    if (!fs.existsSync(path.join(folder, file))) return file;
  }
}

/** The create request the double received for the job named `name` (it follows the upload). */
async function createRequest(
  editor: Editor,
  route: 'image-to-video' | 'video-to-video',
  name: string,
): Promise<RecordedRequest> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = editor.double.requests.find(
      (r) => r.route === route && (r.body as { name?: unknown } | undefined)?.name === name,
    );
    if (found) return found;
    if (Date.now() > deadline) assert.fail(`the double received no ${route} create for "${name}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Only `keys` of a request body, to compare with `deepEqual`. */
function pick(body: unknown, keys: string[]): Record<string, unknown> {
  const record = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}
