/**
 * Faults where the editor is involved: the token's whereabouts, what the user is told about
 * failures, settings that limit or redirect the work, SecretStorage failing, an untrusted
 * workspace, and the webviews' resource roots. Issue cases 9, 10, 11, 14, 17, 18, 20, 21, 22.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings, TOKEN_SECRET_KEY } from '../../src/constants';
import type { JobRecord } from '../../src/engine/job';
import type { MagicHourTestApi } from '../../src/extension';
import type { HostToFormMessage } from '../../src/protocol/form';
import type { HostToPreviewMessage } from '../../src/protocol/preview';
import type { ContextKeyState } from '../../src/ui/context-keys';
import { FormPanel, openForm, type FormTarget } from '../../src/ui/form-panel';
import { detailsUri } from '../../src/ui/job-details';
import type { Log } from '../../src/ui/log';
import { PreviewPanel, showPreview } from '../../src/ui/preview-panel';
import { Services } from '../../src/ui/services';
import { TokenService } from '../../src/ui/token';
import type { MagicHourDouble } from '../double/server';
import {
  endWorkflow,
  getApi,
  imageSettings,
  setSetting,
  startWorkflow,
  submitImage,
  TOKEN,
  videoSettings,
  waitFor,
  waitForState,
  workspaceFile,
  workspacePath,
} from './helpers';
import { extensionUri, fakeContext } from './webview-fakes';

/** Every file below `dir` (missing folders count as empty). */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile());
}

/** Replaces `object[name]` with a wrapper that records each call, until `restore()`. */
function spyOn<T extends object, K extends keyof T>(object: T, name: K) {
  const original = object[name] as unknown as (...args: unknown[]) => unknown;
  const calls: { args: unknown[]; result: unknown }[] = [];
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const result = original.apply(this, args);
    calls.push({ args, result });
    return result;
  };
  object[name] = wrapper as T[K];
  assert.equal(object[name], wrapper, `vscode.${String(name)} cannot be watched`);
  return { calls, restore: () => void (object[name] = original as T[K]) };
}

/** A log that keeps its lines (a second real "Magic Hour" channel would share the real one's file). */
function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const add = (line: string) => void lines.push(line);
  return {
    lines,
    addSecret: () => undefined,
    info: add,
    warn: add,
    error: add,
    show: () => undefined,
  } as unknown as Log & {
    lines: string[];
  };
}

const noContextKeys = { set: () => undefined, get: () => undefined } as unknown as ContextKeyState;

describe('Faults in the editor', function () {
  this.timeout(90_000);
  let api: MagicHourTestApi;
  let double: MagicHourDouble;
  const cleanup: string[] = [];

  before(async () => {
    api = await getApi();
    double = await startWorkflow(api);
  });

  after(async () => {
    double.configure({ acceptToken: (token) => !token.startsWith('bad'), renderMs: 300 });
    double.clearFaults();
    await endWorkflow(api, double);
    for (const file of cleanup) fs.rmSync(file, { recursive: true, force: true });
  });

  afterEach(() => {
    double.configure({ acceptToken: (token) => !token.startsWith('bad'), renderMs: 300 });
    double.clearFaults();
  });

  it('case 9: a 401 asks once to replace the token, and the token is nowhere: log, settings, job store, state, webviews', async () => {
    const posted: (HostToFormMessage | HostToPreviewMessage)[] = [];
    const pages: string[] = [];
    const image = workspaceFile('sample.png');
    const target: FormTarget = { mode: 'image-to-video', files: [image] };
    const form = (): FormPanel => {
      const panel = openForm(fakeContext(), target, {
        submit: api.submitHandler(target),
        onJobChange: api.services.onJobChange,
        log: () => undefined,
      });
      assert.ok(panel);
      panel.onDidPostMessage((message) => posted.push(message));
      return panel;
    };
    const preview = (job: JobRecord): void => {
      showPreview({ extensionUri: extensionUri() }, job, api.services.onJobChange, () => undefined);
      const panel = PreviewPanel.forJob(job.id);
      assert.ok(panel);
      panel.onDidPostMessage((message) => posted.push(message));
      panel.handleMessage({ type: 'ready' });
      pages.push(panel.panel.webview.html);
    };
    const submit = { type: 'submit', submission: { mode: 'image-to-video', settings: imageSettings() } };

    // A job that works, through the form, and its preview.
    const first = form();
    await first.handleMessage({ type: 'ready' });
    assert.equal(await first.handleMessage(submit), true);
    const submitted = posted.find((m) => m.type === 'submitted');
    const doneId = submitted?.type === 'submitted' ? submitted.jobs[0]?.jobId : undefined;
    assert.ok(doneId, JSON.stringify(posted));
    const done = await waitForState(api, doneId, ['done']);
    preview(done);

    // A job that is polling when the token is revoked, and one submitted after.
    double.configure({ renderMs: 60_000 });
    const polling = await submitImage(api);
    await waitForState(api, polling.id, ['queued', 'rendering']);
    const questions = api.tokens.unauthorizedQuestions;
    double.configure({ acceptToken: () => false });
    const second = form();
    await second.handleMessage({ type: 'ready' });
    assert.equal(await second.handleMessage(submit), true);
    const refused = posted.filter((m) => m.type === 'submitted').at(-1);
    const failedId = refused?.type === 'submitted' ? refused.jobs[0]?.jobId : undefined;
    assert.ok(failedId);
    const failed = await waitForState(api, failedId, ['failed']);
    assert.equal(failed.error?.status, 401);
    await waitFor('two polls answered 401', () =>
      double.requests.filter((r) => r.route === 'get-project' && r.status === 401).length >= 2
        ? true
        : undefined,
    );
    assert.equal(api.tokens.unauthorizedQuestions, questions + 1, 'asked once, not once per 401');
    await waitFor('the form to show the failure', () =>
      posted.some((m) => m.type === 'job' && m.jobId === failedId && m.state === 'failed'),
    );
    preview(failed);
    await api.engine.stop(polling.id);
    for (const panel of [first, second]) pages.push(panel.panel.webview.html);

    // Everything the user or a file could see.
    api.log.info('faults audit: log flushed');
    const exthostLogs = path.resolve(api.context.logUri.fsPath, '..');
    await waitFor('the log file to hold the audit line', () =>
      filesBelow(exthostLogs).find((file) => fs.readFileSync(file, 'utf8').includes('faults audit')),
    );
    const userDir = path.resolve(api.context.globalStorageUri.fsPath, '..', '..');
    const files = [
      ...filesBelow(exthostLogs),
      path.join(userDir, 'settings.json'),
      path.join(workspacePath(), '.vscode', 'settings.json'),
      ...filesBelow(api.context.globalStorageUri.fsPath),
    ].filter((file) => fs.existsSync(file));
    assert.ok(
      files.some((file) => file.endsWith(`${failed.id}.json`)),
      'the job store was searched',
    );
    const details = await Promise.all(
      [done, failed].map(async (job) => (await vscode.workspace.openTextDocument(detailsUri(job))).getText()),
    );
    const texts: [string, string][] = [
      ...files.map((file): [string, string] => [file, fs.readFileSync(file, 'utf8')]),
      ['messages posted to the webviews', JSON.stringify(posted)],
      ...pages.map((html, n): [string, string] => [`webview page ${n}`, html]),
      ...details.map((text, n): [string, string] => [`details document ${n}`, text]),
      [
        'globalState',
        JSON.stringify(api.context.globalState.keys().map((k) => [k, api.context.globalState.get(k)])),
      ],
      [
        'workspaceState',
        JSON.stringify(api.context.workspaceState.keys().map((k) => [k, api.context.workspaceState.get(k)])),
      ],
      ['magicHour settings', JSON.stringify(vscode.workspace.getConfiguration(Settings.section))],
    ];
    assert.ok(posted.some((m) => m.type === 'init') && posted.some((m) => m.type === 'job'));
    for (const [where, text] of texts) assert.ok(!text.includes(TOKEN), `the token is in ${where}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('cases 10 and 11: a failure notification carries the API’s message, what to do, and the refund', async () => {
    const message = 'Not enough credits: this video needs 300 credits and the account has 12.';
    double.fault({ route: 'image-to-video', status: 402, body: JSON.stringify({ message }) });
    const poor = await submitImage(api, imageSettings({ name: 'poor' }));
    await waitForState(api, poor.id, ['failed']);
    const told = api.notifications.recent.find((line) => line.startsWith('failed: poor: '));
    assert.ok(told, api.notifications.recent.join('\n'));
    assert.ok(told.includes(message), told);
    assert.match(told, /buy credits or upgrade your Magic Hour plan/i);

    double.configure({ renderMs: 60_000 });
    const canceled = await submitImage(api, imageSettings({ name: 'canceled in the dashboard' }));
    const { projectId } = await waitForState(api, canceled.id, ['queued', 'rendering']);
    double.setProjectStatus(projectId!, 'canceled');
    await waitForState(api, canceled.id, ['failed']);
    assert.ok(
      api.notifications.recent.includes(
        'failed: canceled in the dashboard: The job was canceled on Magic Hour. The credits are refunded.',
      ),
      api.notifications.recent.join('\n'),
    );
  });

  it('case 14: a file over magicHour.maxUploadSizeMB is refused before anything is sent', async () => {
    const big = path.join(workspacePath(), 'big.mp4');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 1_500_000);
    cleanup.push(big);
    const unlimited = api.engine;
    await setSetting(Settings.maxUploadSizeMB, 1);
    let limited = unlimited;
    try {
      await waitFor('the engine to be rebuilt with the new limit', () => api.services.engine !== unlimited);
      await api.services.settled();
      limited = api.engine;
      double.clearRequests();
      const result = await api.submitHandler({ mode: 'video-to-video', files: [vscode.Uri.file(big)] })(
        videoSettings(),
      );
      assert.deepEqual(result.submitted, []);
      assert.equal(
        result.errors[0]?.message,
        'big.mp4 is 1.5 MB, more than your upload limit of 1.0 MB (setting magicHour.maxUploadSizeMB).',
      );
      assert.deepEqual(double.requests, [], 'nothing was sent');
    } finally {
      await setSetting(Settings.maxUploadSizeMB, undefined);
      await waitFor('the engine to drop the limit', () => api.services.engine !== limited);
      await api.services.settled();
    }
  });

  it('case 17: an output folder that cannot be written: "rendered, not saved", then Retry Download saves it', async () => {
    const blocker = path.join(workspacePath(), 'blocked');
    fs.writeFileSync(blocker, 'a file where the output folder should be');
    cleanup.push(blocker);
    await setSetting(Settings.outputFolder, 'blocked/clips');
    try {
      const job = await submitImage(api, imageSettings({ name: 'blocked' }));
      const unsaved = await waitForState(api, job.id, ['unsaved']);
      assert.match(unsaved.error!.message, /^Rendered, not saved: ENOTDIR: not a directory/);
      const told = api.notifications.recent.find((line) => line.startsWith('unsaved: blocked: '));
      assert.ok(told?.includes('Free some space or pick another output folder, then retry.'), told);
      const node = api.tree.node(job.id);
      assert.ok(node && /\bcanRetryDownload\b/.test(node.contextValue ?? ''), node?.contextValue);
      assert.deepEqual(
        fs.readdirSync(workspacePath()).filter((name) => name.startsWith('.sample')),
        [],
      );

      fs.rmSync(blocker);
      await vscode.commands.executeCommand(Commands.retryDownload, node);
      const saved = await waitForState(api, job.id, ['done']);
      assert.equal(saved.outputPath, path.join(blocker, 'clips', 'sample.image-to-video.mp4'));
      assert.ok(fs.existsSync(saved.outputPath!));
    } finally {
      await setSetting(Settings.outputFolder, undefined);
    }
  });

  it('case 18: an unreadable job file is set aside, and the user is told', async () => {
    const jobs = path.join(api.context.globalStorageUri.fsPath, 'jobs');
    const garbled = path.join(jobs, 'garbled0123.json');
    fs.writeFileSync(garbled, '{"version": 1, "id": "garbled0123", "sta');
    await waitFor('the next rescan to report it', () =>
      api.notifications.recent.includes('store: 1 unreadable job record(s) set aside') ? true : undefined,
    );
    const moved = fs.readdirSync(jobs).filter((name) => name.startsWith('garbled0123.json.corrupt-'));
    assert.equal(moved.length, 1, 'kept for inspection');
    assert.ok(!fs.existsSync(garbled));
    for (const name of moved) cleanup.push(path.join(jobs, name));
  });

  describe('case 20: SecretStorage fails', () => {
    const SESSION_TOKEN = 'mh-session-only-token-7e6d5c';
    const stores: [string, () => vscode.SecretStorage][] = [
      [
        'throws',
        () => ({
          get: () => Promise.reject(new Error('keyring locked')),
          store: () => Promise.reject(new Error('keyring locked')),
          delete: () => Promise.reject(new Error('keyring locked')),
          onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
        }),
      ],
      [
        'returns nothing',
        () => ({
          get: () => Promise.resolve(undefined),
          store: () => Promise.resolve(),
          delete: () => Promise.resolve(),
          onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
        }),
      ],
    ];
    for (const [what, secrets] of stores) {
      it(`when it ${what}, the user is asked for the token, and it goes to no setting or state`, async () => {
        const boxes = spyOn(vscode.window, 'createInputBox');
        const warnings = spyOn(vscode.window, 'showWarningMessage');
        const log = recordingLog();
        const tokens = new TokenService(secrets(), log, noContextKeys, () => double.apiUrl);
        try {
          const asking = tokens.ensure();
          const box = await waitFor(
            'the token prompt',
            () => boxes.calls[0]?.result as vscode.InputBox | undefined,
          );
          assert.match(box.prompt ?? '', /^Magic Hour needs an API token before it can start the job\./);
          assert.equal(box.password, true);
          box.value = SESSION_TOKEN;
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          assert.equal(await asking, true, 'the token typed into the prompt was taken');
          assert.equal(await tokens.require(), SESSION_TOKEN);
          const shown = warnings.calls.map((call) => String(call.args[0]));
          if (what === 'throws') {
            assert.ok(
              shown.some((m) => m.includes('secret storage could not be read')),
              shown.join('\n'),
            );
            assert.ok(
              shown.some((m) => m.includes('it is kept for this session only')),
              shown.join('\n'),
            );
          }
        } finally {
          boxes.restore();
          warnings.restore();
          tokens.dispose();
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        }
        const userDir = path.resolve(api.context.globalStorageUri.fsPath, '..', '..');
        for (const file of [
          path.join(userDir, 'settings.json'),
          path.join(workspacePath(), '.vscode', 'settings.json'),
        ]) {
          if (fs.existsSync(file)) assert.ok(!fs.readFileSync(file, 'utf8').includes(SESSION_TOKEN), file);
        }
        for (const memento of [api.context.globalState, api.context.workspaceState]) {
          assert.ok(!JSON.stringify(memento.keys().map((k) => memento.get(k))).includes(SESSION_TOKEN));
        }
        assert.ok(
          !JSON.stringify(vscode.workspace.getConfiguration(Settings.section)).includes(SESSION_TOKEN),
        );
        assert.notEqual(await api.context.secrets.get(TOKEN_SECRET_KEY), SESSION_TOKEN);
        assert.ok(log.lines.every((line) => !line.includes(SESSION_TOKEN)));
      });
    }
  });

  it('case 21: an untrusted workspace’s API URL is ignored, and the user is told', async () => {
    const elsewhere = 'http://127.0.0.1:9';
    const config = () => vscode.workspace.getConfiguration(Settings.section);
    const warnings = spyOn(vscode.window, 'showWarningMessage');
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-untrusted-'));
    cleanup.push(storage);
    let untrusted: Services | undefined;
    await config().update(Settings.apiBaseUrl, elsewhere, vscode.ConfigurationTarget.Workspace);
    try {
      const log = recordingLog();
      untrusted = new Services(storage, api.tokens, log, () => false);
      assert.equal(untrusted.apiBaseUrl, double.apiUrl, 'the user’s own setting is used');
      const told = warnings.calls.map((call) => String(call.args[0]));
      assert.ok(
        told.includes(
          `Magic Hour: this workspace is not trusted, so its API URL setting (${elsewhere}) is ignored and ${double.apiUrl} is used.`,
        ),
        told.join('\n'),
      );
      assert.ok(log.lines.some((line) => line.includes(`ignoring its magicHour.apiBaseUrl (${elsewhere})`)));
      // And the work really goes to the user's URL.
      await untrusted.start();
      double.clearRequests();
      const job = await untrusted.engine.submit({
        mode: 'image-to-video',
        source: { kind: 'file', path: workspaceFile('sample.png').fsPath },
        settings: imageSettings(),
      });
      await waitFor('the job to reach the double', () =>
        double.requests.some((r) => r.route === 'upload-urls') ? true : undefined,
      );
      await untrusted.engine.stop(job.id);
    } finally {
      warnings.restore();
      untrusted?.dispose();
      await untrusted?.shutDown();
      await config().update(Settings.apiBaseUrl, undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor('the engine to use the double again', () => api.services.apiBaseUrl === double.apiUrl);
      await api.services.settled();
    }
  });

  it('case 22: each webview may load from exactly its own folders', async () => {
    const dist = vscode.Uri.joinPath(extensionUri(), 'dist').fsPath;
    const media = vscode.Uri.joinPath(extensionUri(), 'media').fsPath;
    const roots = (panel: FormPanel) =>
      (panel.panel.webview.options.localResourceRoots ?? []).map((uri) => uri.fsPath).sort();
    const deps = {
      submit: async () => ({ submitted: [], errors: [] }),
      onJobChange: () => ({ dispose() {} }),
      log() {},
    };
    const image = openForm(
      fakeContext(),
      { mode: 'image-to-video', files: [workspaceFile('sample.png')] },
      deps,
    )!;
    assert.deepEqual(roots(image), [dist, media, workspacePath()].sort());
    const youtube = openForm(
      fakeContext(),
      { mode: 'video-to-video', youtubeUrl: 'https://youtu.be/dQw4w9WgXcQ' },
      deps,
    )!;
    assert.deepEqual(roots(youtube), [dist, media].sort(), 'a YouTube form loads nothing of the disk');
    for (const panel of [image, youtube]) {
      assert.match(panel.panel.webview.html, /content="default-src &#39;none&#39;; /);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
