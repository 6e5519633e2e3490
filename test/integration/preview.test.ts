import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JobRecord } from '../../src/engine/job';
import { hostToPreviewSchema, type HostToPreviewMessage } from '../../src/protocol/preview';
import { PreviewPanel, showPreview } from '../../src/ui/preview-panel';
import { Emitter } from '../../src/util/emitter';
import { waitFor, webviewTabs, workspaceFile } from './helpers';
import { doneJob, extensionUri, waitForPage } from './webview-fakes';

/** A rendered clip in its own folder, away from the source. */
function outputFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-preview-'));
  const file = path.join(folder, 'sample.image-to-video.mp4');
  fs.copyFileSync(workspaceFile('sample.mp4').fsPath, file);
  return file;
}

/**
 * Shows the preview of `job` and records what its panel posts; with `waitForPage`, also waits
 * until the real page has loaded and said `ready` (the host answers with `init`).
 */
async function preview(job: JobRecord, changes?: Emitter<JobRecord>, { waitForPage: wait = false } = {}) {
  const logLines: string[] = [];
  showPreview({ extensionUri: extensionUri() }, job, changes?.event, (line) => logLines.push(line));
  const panel = PreviewPanel.forJob(job.id);
  assert.ok(panel, 'no preview panel for the job');
  const posted: HostToPreviewMessage[] = [];
  panel.onDidPostMessage((message) => posted.push(message));
  if (wait) await waitForPage('the preview page to say ready', () => posted.some((m) => m.type === 'init'));
  return { panel, posted, logLines };
}

const extensionFolders = () =>
  ['dist', 'media'].map((name) => vscode.Uri.joinPath(extensionUri(), name).fsPath);

const sortedPaths = (uris: readonly vscode.Uri[]) => uris.map((uri) => uri.fsPath).sort();

describe('Preview webview', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // First in the suite, on a page that loads no media until the end: see waitForPage.
  it('loads its page, which asks for the job, and reloads it when the output is saved', async () => {
    const changes = new Emitter<JobRecord>();
    const rendering = doneJob(workspaceFile('sample.png').fsPath, undefined, {
      mode: 'video-to-video',
      state: 'rendering',
      source: { kind: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ' },
    });
    const { panel, posted, logLines } = await preview(rendering, changes, { waitForPage: true });
    const init = posted.find((m) => m.type === 'init');
    assert.deepEqual(init?.job.source, { kind: 'youtube', url: 'https://youtu.be/dQw4w9WgXcQ' });
    assert.deepEqual(sortedPaths(panel.localResourceRoots), extensionFolders().sort());

    // Not a video: the page reports that it cannot play it, which shows it tried to.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-preview-'));
    const output = path.join(folder, 'broken.mp4');
    fs.writeFileSync(output, 'not a video');
    changes.fire({ ...rendering, state: 'done', outputPath: output });
    await waitForPage(
      'the reloaded page to say ready',
      () => posted.filter((m) => m.type === 'init').length === 2,
    );
    assert.equal(posted.filter((m) => m.type === 'init')[1]?.job.output?.label, 'broken.mp4');
    await waitFor('the page to report the unplayable output', () =>
      logLines.some((line) => line.includes('the output did not load')),
    );
  });

  it('serves a page whose CSP loads media and images from the webview only, with a nonce’d script', async () => {
    const { panel } = await preview(doneJob(workspaceFile('sample.png').fsPath, outputFile()));
    const webview = panel.panel.webview;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(webview.html)?.[1];
    assert.ok(csp, 'no CSP meta tag');
    const directives = csp.replace(/&#39;/g, "'").split('; ');
    const nonce = /^script-src 'nonce-([^']+)'$/.exec(directives.at(-1) ?? '')?.[1];
    assert.ok(nonce, `no nonce in ${csp}`);
    assert.deepEqual(directives, [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `media-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ]);
    assert.ok(webview.html.includes(`<script nonce="${nonce}"`));
  });

  it('limits localResourceRoots to exactly the source and output folders, plus dist/ and media/', async () => {
    const source = workspaceFile('sample.png').fsPath;
    const output = outputFile();
    const { panel } = await preview(doneJob(source, output));
    const expected = [
      path.dirname(source),
      path.dirname(output),
      vscode.Uri.joinPath(extensionUri(), 'dist').fsPath,
      vscode.Uri.joinPath(extensionUri(), 'media').fsPath,
    ].sort();
    assert.deepEqual(sortedPaths(panel.panel.webview.options.localResourceRoots ?? []), expected);
    assert.deepEqual(sortedPaths(panel.localResourceRoots), expected);
  });

  it('answers the webview’s ready with the job: output and source as webview URIs, settings and credits', async () => {
    const source = workspaceFile('sample.png').fsPath;
    const output = outputFile();
    const job = doneJob(source, output);
    const { panel, posted } = await preview(job);
    assert.equal(panel.handleMessage({ type: 'ready' }), true);
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init);
    const webview = panel.panel.webview;
    assert.deepEqual(init.job.source, {
      kind: 'image',
      src: webview.asWebviewUri(vscode.Uri.file(source)).toString(),
      label: 'sample.png',
    });
    assert.deepEqual(init.job.output, {
      src: webview.asWebviewUri(vscode.Uri.file(output)).toString(),
      label: 'sample.image-to-video.mp4',
    });
    assert.equal(init.job.creditsCharged, 300);
    assert.deepEqual(init.job.settings, job.settings);
  });

  it("tells the page VS Code's language and its translations, which the page accepts", async () => {
    const { panel, posted } = await preview(doneJob(workspaceFile('sample.png').fsPath, outputFile()));
    assert.ok(panel.panel.webview.html.includes(`<html lang="${vscode.env.language}">`));
    assert.equal(panel.handleMessage({ type: 'ready' }), true);
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init');
    assert.equal(init.l10n?.locale, vscode.env.language);
    // undefined in English: the page then keeps its English texts.
    assert.deepEqual(init.l10n?.bundle, vscode.l10n.bundle);
    assert.ok(hostToPreviewSchema.safeParse(init).success, 'the page would reject this init');
  });

  it('reuses the panel of a job that is already previewed', async () => {
    const job = doneJob(workspaceFile('sample.png').fsPath, outputFile());
    const { panel } = await preview(job);
    await waitFor('the preview tab', () => webviewTabs(PreviewPanel.viewType).length === 1);
    showPreview({ extensionUri: extensionUri() }, { ...job, name: 'renamed' });
    assert.equal(PreviewPanel.forJob(job.id), panel);
    assert.equal(panel.panel.title, 'Preview: renamed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(webviewTabs(PreviewPanel.viewType).length, 1);

    const other = await preview(doneJob(workspaceFile('sample.png').fsPath, outputFile()));
    assert.notEqual(other.panel, panel);
    await waitFor('a second job’s own tab', () => webviewTabs(PreviewPanel.viewType).length === 2);
  });

  it('updates when the job changes, and widens its roots when the output is saved', async () => {
    const changes = new Emitter<JobRecord>();
    const source = workspaceFile('sample.mp4').fsPath;
    const rendering = doneJob(source, undefined, { mode: 'video-to-video', state: 'rendering' });
    const { panel, posted } = await preview(rendering, changes);
    assert.equal(panel.handleMessage({ type: 'ready' }), true);
    assert.deepEqual(
      sortedPaths(panel.localResourceRoots),
      [path.dirname(source), ...extensionFolders()].sort(),
    );

    changes.fire({ ...rendering, creditsCharged: 120 });
    const update = posted.at(-1);
    assert.ok(update?.type === 'update');
    assert.equal(update.job.creditsCharged, 120);
    assert.equal(update.job.source.kind, 'video');

    const output = outputFile();
    changes.fire({ ...rendering, state: 'done', outputPath: output });
    assert.deepEqual(
      sortedPaths(panel.localResourceRoots),
      [path.dirname(source), path.dirname(output), ...extensionFolders()].sort(),
    );
    assert.deepEqual(
      sortedPaths(panel.panel.webview.options.localResourceRoots ?? []),
      sortedPaths(panel.localResourceRoots),
    );
    // A new page is served for the new roots; it asks again with `ready`.
    assert.equal(panel.handleMessage({ type: 'ready' }), true);
    const reinit = posted.filter((m) => m.type === 'init').at(-1);
    assert.equal(reinit?.job.state, 'done');
    assert.equal(reinit?.job.output?.label, path.basename(output));

    const before = posted.length;
    changes.fire(doneJob(source, output, { id: 'another-job', name: 'other' }));
    assert.equal(panel.panel.title, `Preview: ${rendering.name}`);
    assert.equal(posted.length, before, 'another job changed this preview');
  });

  it('rejects malformed messages with a log line and no answer', async () => {
    const { panel, posted, logLines } = await preview(
      doneJob(workspaceFile('sample.png').fsPath, outputFile()),
    );
    assert.equal(panel.handleMessage({ type: 'ready' }), true);
    const before = posted.length;
    for (const raw of [
      { type: 'openFile', path: '../../etc/passwd' },
      { type: 'ready', path: '../../etc/passwd' },
      { type: 'mediaError', which: 'output', message: 'x'.repeat(1_000_000) },
      { type: 'mediaError', which: 'source' },
      'ready',
      undefined,
    ]) {
      assert.equal(panel.handleMessage(raw), false, JSON.stringify(raw)?.slice(0, 60));
    }
    assert.equal(posted.length, before);
    const rejections = logLines.filter((line) => line.startsWith('preview: rejected'));
    assert.equal(rejections.length, 6);
    assert.ok(rejections.every((line) => line.length <= 300));
    assert.equal(panel.handleMessage({ type: 'mediaError', which: 'output', message: 'code 4' }), true);
    assert.match(logLines.at(-1)!, /the output did not load: code 4/);
  });

  it('forgets a closed panel, so the next preview of the job opens a new one', async () => {
    const job = doneJob(workspaceFile('sample.png').fsPath, outputFile());
    const { panel } = await preview(job);
    panel.panel.dispose();
    assert.equal(PreviewPanel.forJob(job.id), undefined);
    const again = await preview(job);
    assert.notEqual(again.panel, panel);
  });
});
