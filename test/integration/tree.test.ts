import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { Commands, ContextKeys, Settings } from '../../src/constants';
import { isActive, type JobRecord } from '../../src/engine/job';
import type { MagicHourTestApi } from '../../src/extension';
import type { JobNode } from '../../src/ui/job-node';
import type { MagicHourDouble } from '../double/server';
import {
  endWorkflow,
  getApi,
  imageSettings,
  setSetting,
  startWorkflow,
  submitImage,
  waitFor,
  waitForState,
  webviewTabs,
} from './helpers';

function node(api: MagicHourTestApi, job: JobRecord): JobNode {
  const found = api.tree.node(job.id);
  assert.ok(found, `job ${job.id} is not in the tree`);
  return found;
}

function iconOf(item: vscode.TreeItem): string {
  return (item.iconPath as vscode.ThemeIcon).id;
}

function tokensOf(item: vscode.TreeItem): string[] {
  return (item.contextValue ?? '').split(' ');
}

/** The tooltip's text without Markdown escapes (`appendText` escapes punctuation and spaces). */
function tooltipOf(api: MagicHourTestApi, item: JobNode): string {
  const resolved = api.tree.resolveTreeItem(item, item); // VS Code asks for it on hover
  return (resolved.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

/** What `viewItem =~ /\btoken\b/` sees: the same regular expressions package.json uses. */
function matches(item: vscode.TreeItem, token: string): boolean {
  return new RegExp(`\\b${token}\\b`).test(item.contextValue ?? '');
}

describe('Jobs tree', function () {
  this.timeout(60_000);
  let api: MagicHourTestApi;
  let double: MagicHourDouble;
  let done: JobRecord;

  before(async () => {
    api = await getApi();
    double = await startWorkflow(api);
    await api.engine.clearFinished();
  });

  after(() => endWorkflow(api, double));

  it('shows the "no jobs" welcome when a token is set and the history is empty', () => {
    assert.equal(api.tree.getChildren().length, 0);
    assert.equal(api.contextKeys.get(ContextKeys.hasToken), true);
    assert.equal(api.contextKeys.get(ContextKeys.hasJobs), false);
    assert.equal(api.statusBar.text, undefined, 'the status bar item is hidden while nothing runs');
  });

  it('shows a running job with a spinning icon, its progress, and "1 running" in the status bar', async () => {
    double.configure({ renderMs: 4_000 });
    const job = await submitImage(api);
    const item = node(api, job);
    assert.equal(api.tree.getChildren()[0], item, 'the new job is first');
    assert.equal(api.contextKeys.get(ContextKeys.hasJobs), true);
    assert.equal(api.statusBar.text, '$(sync~spin) Magic Hour: 1 running');
    assert.deepEqual(api.tree.view.badge, { value: 1, tooltip: '1 Magic Hour job running' });
    await waitForState(api, job.id, ['queued', 'rendering']);
    assert.equal(iconOf(item), 'loading~spin');
    assert.match(String(item.description), /^(queued|rendering) · \d+s · ~?\d+ credits$/);
    assert.ok(matches(item, 'canStop') && !matches(item, 'canPreview'));
    assert.equal(api.statusBar.text, '$(sync~spin) Magic Hour: 1 running');

    done = await waitForState(api, job.id, ['done']);
    double.configure({ renderMs: 300 });
    assert.equal(api.statusBar.text, undefined);
    assert.equal(api.tree.view.badge, undefined, 'no badge once nothing runs');
  });

  it('shows a finished job: pass icon, description, tooltip and its actions', () => {
    const item = node(api, done);
    assert.equal(item.label, 'sample.png');
    assert.equal(iconOf(item), 'pass');
    assert.match(String(item.description), /^done · in \d+s · \d+ credits$/);
    assert.deepEqual(tokensOf(item).slice(0, 2), ['job', 'state:done']);
    for (const token of ['canPreview', 'canOpen', 'canReveal', 'canRerun', 'hasProject', 'canDelete']) {
      assert.ok(matches(item, token), `${token} missing from ${item.contextValue}`);
    }
    assert.ok(!matches(item, 'canStop') && !matches(item, 'canRetryDownload'));
    const tooltip = tooltipOf(api, item);
    for (const text of ['Default (Kling 2.5 Audio)', '720p, 5 s', done.projectId!, 'Submitted', 'Finished']) {
      assert.ok(tooltip.includes(text), `the tooltip lacks "${text}": ${tooltip}`);
    }
    assert.ok(done.outputPath && fs.existsSync(done.outputPath), 'the output was saved');
  });

  it('redraws only the changed node while a job runs, and the whole list only when one is added', async () => {
    const events: (JobNode | JobNode[] | undefined)[] = [];
    const listening = api.tree.onDidChangeTreeData((event) => events.push(event ?? undefined));
    try {
      const job = await submitImage(api);
      await waitForState(api, job.id, ['done']);
      assert.equal(events[0], undefined, 'adding a job redraws the list');
      const later = events.slice(1);
      assert.ok(later.length > 2, 'the job changed several times');
      for (const event of later) {
        const nodes = Array.isArray(event) ? event : [event];
        const others = nodes
          .filter((n) => n?.job.id !== job.id)
          .map((n) => (n ? `${n.job.name} ${n.job.state}` : 'all'));
        assert.deepEqual(others, [], 'a change of one job redrew something else');
      }
    } finally {
      listening.dispose();
    }
  });

  it('keeps the nodes of finished jobs that did not change when it redraws the whole list', () => {
    const before = [...api.tree.getChildren()];
    assert.ok(
      before.some((n) => n.job.state === 'done'),
      'a finished job to keep',
    );
    // The extension's own JobNode class (this test file has a copy of its own).
    const proto = Object.getPrototypeOf(node(api, done)) as JobNode;
    const update = proto.update;
    const updated: string[] = [];
    proto.update = function (this: JobNode, ...args: Parameters<JobNode['update']>) {
      updated.push(this.job.name);
      return update.apply(this, args);
    };
    try {
      api.tree.reload();
    } finally {
      proto.update = update;
    }
    const running = before.filter((n) => isActive(n.job.state)).map((n) => n.job.name);
    assert.deepEqual(updated, running, 'only running jobs (their time moves) were rebuilt');
    assert.deepEqual(api.tree.getChildren(), before, 'the same nodes, in the same order');
  });

  it('Preview, Open Output and Reveal in Explorer open the saved clip', async () => {
    await vscode.commands.executeCommand(Commands.preview, node(api, done));
    await waitFor('the preview tab', () => webviewTabs('magicHour.preview').length === 1);

    await vscode.commands.executeCommand(Commands.openOutput, node(api, done));
    await waitFor('the output in an editor tab', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .some((tab) => (tab.input as { uri?: vscode.Uri }).uri?.fsPath === done.outputPath),
    );

    await vscode.commands.executeCommand(Commands.revealOutput, node(api, done));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Copy Project ID puts the project id on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand(Commands.copyProjectId, node(api, done));
    assert.equal(await vscode.env.clipboard.readText(), done.projectId);
  });

  it('Show Details opens a read-only document about the job', async () => {
    await vscode.commands.executeCommand(Commands.showDetails, done.id);
    const editor = await waitFor('the details editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'magic-hour-job'),
    );
    const text = editor.document.getText();
    assert.ok(text.includes(done.projectId!) && text.includes('## History'), text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Re-run with Same Settings submits a new job with the same source and settings', async () => {
    const [id] = await vscode.commands.executeCommand<string[]>(Commands.rerun, node(api, done));
    assert.ok(id && id !== done.id);
    const rerun = api.engine.get(id)!;
    assert.deepEqual(rerun.settings, done.settings);
    assert.deepEqual(rerun.source, done.source);
    assert.equal(api.tree.getChildren()[0]?.job.id, id, 'the new job is first');
    await waitForState(api, id, ['done']);
  });

  it('shows a failed job with the API message, an error icon and a notification', async () => {
    double.configure({ renderMs: 60_000 });
    const job = await submitImage(api);
    const { projectId } = await waitForState(api, job.id, ['queued', 'rendering']);
    double.setProjectStatus(projectId!, 'error', {
      code: 'render_failed',
      message: 'The GPU ran out of memory',
    });
    const failed = await waitForState(api, job.id, ['failed']);
    double.configure({ renderMs: 300 });
    const item = node(api, failed);
    assert.equal(iconOf(item), 'error');
    assert.equal(item.description, 'failed');
    assert.ok(tooltipOf(api, item).includes('The GPU ran out of memory'));
    assert.ok(matches(item, 'canRerun') && matches(item, 'hasProject') && !matches(item, 'canPreview'));
    assert.equal(item.command?.command, Commands.showDetails);
    assert.ok(api.notifications.recent.some((line) => line.includes('The GPU ran out of memory')));
  });

  it('shows a job whose create answer was lost as "check the Magic Hour dashboard"', async () => {
    double.fault({ route: 'image-to-video', reset: 'after-request-body' });
    const job = await submitImage(api);
    const lost = await waitForState(api, job.id, ['lost']);
    const item = node(api, lost);
    assert.equal(iconOf(item), 'warning');
    assert.equal(item.description, 'submitted, answer lost — check the Magic Hour dashboard');
    assert.ok(tooltipOf(api, item).includes('check the Magic Hour dashboard'));
    assert.ok(matches(item, 'canRerun') && !matches(item, 'hasProject'));
  });

  it('Retry Download saves a clip whose download failed', async () => {
    double.fault({ route: 'download', status: 404, times: 5 });
    const job = await submitImage(api);
    const unsaved = await waitForState(api, job.id, ['unsaved']);
    const item = node(api, unsaved);
    assert.equal(iconOf(item), 'warning');
    assert.match(String(item.description), /^rendered, not saved · \d+ credits$/);
    assert.ok(matches(item, 'canRetryDownload'));
    double.clearFaults();
    await vscode.commands.executeCommand(Commands.retryDownload, item);
    const saved = await waitForState(api, job.id, ['done']);
    assert.ok(saved.outputPath && fs.existsSync(saved.outputPath));
  });

  it('Stop Tracking stops a running job here without touching Magic Hour', async () => {
    double.configure({ renderMs: 60_000 });
    const job = await submitImage(api);
    await waitForState(api, job.id, ['queued', 'rendering']);
    double.clearRequests();
    await vscode.commands.executeCommand(Commands.stopTracking, node(api, job));
    const stopped = api.engine.get(job.id)!;
    double.configure({ renderMs: 300 });
    assert.equal(stopped.state, 'stopped');
    assert.equal(iconOf(node(api, stopped)), 'circle-slash');
    assert.ok(!double.requests.some((r) => r.route === 'delete-project'), 'stopping deleted the project');
    assert.equal(double.projects.get(stopped.projectId!)?.enabled, true);
  });

  it('Delete on Magic Hour deletes the project after confirmation', async () => {
    const deleted = await vscode.commands.executeCommand<boolean>(Commands.deleteRemote, {
      jobId: done.id,
      confirm: true,
    });
    assert.equal(deleted, true);
    const item = node(api, api.engine.get(done.id)!);
    assert.equal(item.job.state, 'deleted');
    assert.equal(iconOf(item), 'trash');
    assert.ok(!matches(item, 'canDelete'));
    assert.equal(double.projects.get(done.projectId!)?.enabled, false);
  });

  it('opens the preview by itself when a job finishes, unless the setting is off', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting(Settings.openPreviewOnCompletion, true);
    const job = await submitImage(api, imageSettings({ name: 'auto preview' }));
    await waitForState(api, job.id, ['done']);
    await waitFor('the preview to open', () => webviewTabs('magicHour.preview').length === 1);
    assert.ok(api.notifications.recent.includes('done: auto preview'));
    await setSetting(Settings.openPreviewOnCompletion, false);
  });

  it('Refresh checks running jobs now, and Clear Finished empties the history', async () => {
    await vscode.commands.executeCommand(Commands.refreshJobs);
    const removed = await vscode.commands.executeCommand<number>(Commands.clearFinished);
    assert.ok(removed >= 5, `removed ${removed}`);
    assert.equal(api.tree.getChildren().length, 0);
    assert.equal(api.contextKeys.get(ContextKeys.hasJobs), false);
  });
});
