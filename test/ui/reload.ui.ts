/**
 * Case 18 in the real editor: "Developer: Reload Window" while a job renders, and while its
 * clip downloads. The job picks up again after the reload and its clip is saved exactly once.
 *
 * Should the reloaded page have lost the token (an editor whose secret storage lives in the
 * page), the jobs wait for it and the editor asks once: the steps answer that too. And a token
 * cleared stays cleared across a reload.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from '../harness/paths';
import { useEditor, type Editor } from './ui';

/** A token the double accepts. */
const TOKEN = 'mh-ui-reload-token';
const STEM = 'sample.image-to-video';
const DONE = /, done\b/;

describe('Reload in the middle of a job', () => {
  const editor = useEditor();

  after(() => {
    editor.double.configure({ renderMs: 3_000 });
    editor.double.clearFaults();
  });

  it('while the job renders: it resumes after the reload and its clip is saved once', async function () {
    this.timeout(180_000);
    const name = `Reload while rendering ${Date.now() % 100_000}`;
    const before = clips(editor);
    editor.double.configure({ renderMs: 25_000 });

    await editor.submitImageToVideo(name, TOKEN);
    await editor.showViewContainer('Magic Hour');
    await editor.followTreeItem(name, /, rendering\b/, 30_000);
    const polls = statusChecks(editor, name);

    await reloadWindow(editor);
    await followToDoneGivingToken(editor, name, 90_000);

    assert.ok(statusChecks(editor, name) > polls, 'the job was checked again after the reload');
    expectOneNewClip(editor, before);
    assert.equal(creates(editor, name), 1, 'the create was sent once');
  });

  it('while the clip downloads: it resumes with a Range request and the clip is saved once', async function () {
    this.timeout(180_000);
    const name = `Reload while downloading ${Date.now() % 100_000}`;
    const before = clips(editor);
    editor.double.configure({ renderMs: 2_000 });
    // The download sends 4,000 bytes, then stalls until the reload cuts it.
    editor.double.fault({ route: 'download', stallAfterBytes: 4_000 });

    await editor.submitImageToVideo(name, TOKEN);
    await editor.showViewContainer('Magic Hour');
    await editor.followTreeItem(name, /, downloading\b/, 60_000);
    const stalled = await waitForDownload(editor, name);
    assert.equal(stalled.headers.range, undefined);

    await reloadWindow(editor);
    await followToDoneGivingToken(editor, name, 90_000);

    const downloads = downloadsOf(editor, name);
    assert.equal(downloads.at(-1)?.headers.range, 'bytes=4000-', 'resumed from the partial file');
    expectOneNewClip(editor, before);
    assert.equal(creates(editor, name), 1);
  });

  it('Clear API Token: the token stays gone after a reload', async function () {
    this.timeout(120_000);
    const title = 'Magic Hour: Clear API Token';
    assert.equal(await paletteOffers(editor, title), true, 'the earlier tests gave the editor a token');
    await editor.runCommand(title);
    // Once the extension has cleared it, the command leaves the palette.
    for (let i = 0; await paletteOffers(editor, title); i++) {
      if (i > 20) throw new Error('the token was not cleared');
      await editor.page.waitForTimeout(250);
    }
    await reloadWindow(editor);
    await editor.showViewContainer('Magic Hour');
    await editor.waitForTreeItem(/^Reload while downloading/); // the extension is up
    assert.equal(await paletteOffers(editor, title), false, 'the token came back after a reload');
  });
});

/** Runs "Developer: Reload Window" and waits until the new page's workbench is up. */
async function reloadWindow(editor: Editor): Promise<void> {
  const body = editor.page.locator('body');
  await body.evaluate((element: { setAttribute(name: string, value: string): void }) =>
    element.setAttribute('data-before-reload', ''),
  );
  await editor.runCommand('Developer: Reload Window');
  await editor.page.locator('body[data-before-reload]').waitFor({ state: 'detached', timeout: 30_000 });
  await editor.waitForActivityBarItem('Magic Hour');
  await editor.page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  await editor.screenshot('reloaded');
}

/**
 * Watches the job in the Jobs view until it is done; if the editor says the jobs wait for the
 * token, answers with Set API Token and the token.
 */
async function followToDoneGivingToken(editor: Editor, name: string, timeoutMs: number): Promise<void> {
  await editor.showViewContainer('Magic Hour');
  const item = editor.page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)},`) }).first();
  await item.waitFor({ timeout: 30_000 });
  const ask = editor.page
    .locator('.notification-toast', { hasText: 'Magic Hour needs the API token to continue your jobs.' })
    .first();
  const deadline = Date.now() + timeoutMs;
  let answered = false;
  for (;;) {
    const label = (await item.getAttribute('aria-label').catch(() => null)) ?? '';
    if (DONE.test(label)) break;
    if (!answered && (await ask.isVisible().catch(() => false))) {
      await editor.screenshot('asked for the token');
      await ask.getByRole('button', { name: 'Set API Token', exact: true }).click();
      await editor.waitForInputBox();
      await editor.answerInputBox(TOKEN);
      answered = true;
    }
    if (Date.now() > deadline) throw new Error(`"${name}" was not done after the reload: ${label}`);
    await editor.page.waitForTimeout(250);
  }
  await editor.screenshot('done after the reload');
}

/** Whether the Command Palette lists the command `title` now. */
async function paletteOffers(editor: Editor, title: string): Promise<boolean> {
  await (await editor.openCommandPalette()).fill(`>${title}`);
  const widget = editor.page.locator('.quick-input-widget');
  await editor.page.waitForTimeout(500);
  const count = await widget.getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}\\b`) }).count();
  await editor.page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden', timeout: 5_000 });
  return count > 0;
}

/** The clips from sample.png in the workspace. */
function clips(editor: Editor): string[] {
  return fs.readdirSync(editor.workspace).filter((file) => file.startsWith(STEM) && file.endsWith('.mp4'));
}

/** Exactly one clip more than `before`, and it is the whole render the double served. */
function expectOneNewClip(editor: Editor, before: string[]): void {
  const added = clips(editor).filter((file) => !before.includes(file));
  assert.equal(added.length, 1, `new clips: ${added.join(', ')}`);
  const render = fs.readFileSync(path.join(fixturesDir, 'render.mp4'));
  assert.ok(fs.readFileSync(path.join(editor.workspace, added[0]!)).equals(render), 'the clip is whole');
  const partial = fs.readdirSync(editor.workspace).filter((file) => file.startsWith(`.${STEM}`));
  assert.deepEqual(partial, [], 'no partial file is left');
}

/** The id the double gave the project named `name`. */
function projectIdOf(editor: Editor, name: string): string {
  const project = [...editor.double.projects.values()].find((p) => p.name === name);
  assert.ok(project, `the double has no project named "${name}"`);
  return project.id;
}

function creates(editor: Editor, name: string): number {
  return editor.double.requests.filter(
    (r) => r.route === 'image-to-video' && (r.body as { name?: unknown } | undefined)?.name === name,
  ).length;
}

function statusChecks(editor: Editor, name: string): number {
  const id = projectIdOf(editor, name);
  return editor.double.requests.filter((r) => r.route === 'get-project' && r.url.includes(id)).length;
}

function downloadsOf(editor: Editor, name: string) {
  const id = projectIdOf(editor, name);
  return editor.double.requests.filter((r) => r.route === 'download' && r.url.includes(`/download/${id}/`));
}

/** The first download of the job's clip, once the double has started answering it. */
async function waitForDownload(editor: Editor, name: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [first] = downloadsOf(editor, name);
    if (first?.status === 200) return first;
    if (Date.now() > deadline) throw new Error(`no download of "${name}" started`);
    await editor.page.waitForTimeout(100);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
