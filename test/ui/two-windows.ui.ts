/**
 * Case 19 in the real editor: two windows on one workspace, each with its own extension host,
 * share the job store. Exactly one of them drives a job, both show it, and its clip is saved
 * once; when the window driving it closes, the other one finishes it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useEditor, type Editor } from './ui';

/** A token the double accepts. */
const TOKEN = 'mh-ui-two-windows-token';
/** Queued or rendering on Magic Hour. */
const RUNNING = /, (queued|rendering)\b/;
const DONE = /, done\b/;

describe('Two windows on one workspace', () => {
  const editor = useEditor();
  const others: Editor[] = [];

  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
  });
  after(() => editor.double.configure({ renderMs: 3_000 }));

  it('show the same job, and its clip is saved once', async function () {
    this.timeout(180_000);
    const name = 'Seen from two windows';
    // The render lasts until both windows have shown it running (the double reads renderMs
    // at each status check), however slowly the second window opens.
    editor.double.configure({ renderMs: 600_000 });
    await editor.submitImageToVideo(name, TOKEN);
    const second = await editor.openAnotherWindow('second window');
    others.push(second);

    await second.showViewContainer('Magic Hour');
    await second.followTreeItem(name, RUNNING, 60_000);
    await editor.showViewContainer('Magic Hour');
    await editor.followTreeItem(name, RUNNING, 30_000);
    editor.double.configure({ renderMs: 1_000 });
    await editor.followTreeItem(name, DONE, 60_000);
    await second.followTreeItem(name, DONE, 30_000);

    assert.deepEqual(clips(editor), ['sample.image-to-video.mp4'], 'one clip');
    assert.equal(creates(editor, name), 1, 'one create');
  });

  it('when the window driving a job closes, the other one finishes it', async function () {
    this.timeout(180_000);
    const name = 'Handed over';
    const before = clips(editor);
    editor.double.configure({ renderMs: 600_000 }); // until the driving window has closed
    const second = await editor.openAnotherWindow('driving window');
    others.push(second);
    await second.submitImageToVideo(name, TOKEN);
    await second.showViewContainer('Magic Hour');
    await second.followTreeItem(name, RUNNING, 60_000);
    await editor.showViewContainer('Magic Hour');
    await editor.followTreeItem(name, RUNNING, 30_000);

    const checksBefore = statusChecks(editor, name);
    const exitedBefore = extensionHostExits(editor);
    await others.pop()!.close();
    // Its extension host stops (so nothing of it can go on driving the job)…
    for (let i = 0; extensionHostExits(editor) === exitedBefore; i++) {
      if (i > 300) throw new Error("the closed window's extension host did not stop");
      await editor.page.waitForTimeout(100);
    }
    const stoppedAt = Date.now();
    editor.double.configure({ renderMs: 1_000 });
    // …and the first window finishes the job.
    await editor.followTreeItem(name, DONE, 90_000);

    const added = clips(editor).filter((file) => !before.includes(file));
    assert.deepEqual(added, ['sample.image-to-video (2).mp4'], 'one more clip');
    assert.equal(creates(editor, name), 1, 'one create');
    assert.ok(statusChecks(editor, name) > checksBefore, 'the job was checked after its window closed');
    const lastDownload = editor.double.requests.filter((r) => r.route === 'download').at(-1);
    assert.ok(lastDownload && lastDownload.at > stoppedAt, 'the clip was downloaded after its window closed');
  });
});

/** How many extension hosts have stopped so far, from the server's log. */
function extensionHostExits(editor: Editor): number {
  const logs = path.join(editor.server.userDataDir, 'logs');
  let exits = 0;
  for (const session of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
    const agentLog = path.join(logs, session, 'remoteagent.log');
    if (!fs.existsSync(agentLog)) continue;
    exits += fs.readFileSync(agentLog, 'utf8').split('Extension Host Process exited').length - 1;
  }
  return exits;
}

/** The clips from sample.png in the workspace, sorted. */
function clips(editor: Editor): string[] {
  return fs
    .readdirSync(editor.workspace)
    .filter((file) => file.startsWith('sample.image-to-video') && file.endsWith('.mp4'))
    .sort();
}

function creates(editor: Editor, name: string): number {
  return editor.double.requests.filter(
    (r) => r.route === 'image-to-video' && (r.body as { name?: unknown } | undefined)?.name === name,
  ).length;
}

function statusChecks(editor: Editor, name: string): number {
  const project = [...editor.double.projects.values()].find((p) => p.name === name);
  assert.ok(project, `the double has no project named "${name}"`);
  return editor.double.requests.filter((r) => r.route === 'get-project' && r.url.includes(project.id)).length;
}
