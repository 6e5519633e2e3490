import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateImageToVideo, validateVideoToVideo } from '../../src/catalog/validate';
import { hostToFormSchema, type HostToFormMessage } from '../../src/protocol/form';
import { FormPanel, openForm, type FormTarget } from '../../src/ui/form-panel';
import { IMAGE_TO_VIDEO_DEFAULTS, lastValuesKey } from '../../src/ui/form-defaults';
import { imageSettings, videoSettings, waitFor, webviewTabs, workspaceFile } from './helpers';
import { doneJob, fakeContext, recordingDeps, waitForPage } from './webview-fakes';

const image = () => workspaceFile('sample.png');
const video = () => workspaceFile('sample.mp4');

/**
 * Opens a form and records what it posts to its webview; with `waitForPage`, also waits until
 * the real page has loaded and said `ready` (the host answers with `init`).
 */
async function open(
  target: FormTarget,
  answer?: Parameters<typeof recordingDeps>[0],
  { waitForPage: wait = false } = {},
) {
  const context = fakeContext();
  const recorded = recordingDeps(answer);
  const form = openForm(context, target, recorded.deps);
  assert.ok(form instanceof FormPanel, 'openForm did not open a form');
  const posted: HostToFormMessage[] = [];
  form.onDidPostMessage((message) => posted.push(message));
  if (wait) await waitForPage('the form page to say ready', () => posted.some((m) => m.type === 'init'));
  return { form, context, posted, ...recorded };
}

/** What the host posted besides `init` (which the real page may ask for at any moment). */
const answers = (posted: HostToFormMessage[]) => posted.filter((m) => m.type !== 'init');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const submit = (mode: string, settings: object) => ({ type: 'submit', submission: { mode, settings } });

describe('Form webview', function () {
  this.timeout(60_000);

  const closeAll = async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  };
  after(closeAll);

  // First in the suite, on a page that loads no media: see waitForPage.
  it('loads its page under that CSP, which asks for its setup (ready → init)', async () => {
    const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
    const { posted } = await open({ mode: 'video-to-video', youtubeUrl: url }, undefined, {
      waitForPage: true,
    });
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init');
    assert.equal(init.form.mode, 'video-to-video');
    await closeAll();
  });

  describe('opening', () => {
    afterEach(closeAll);
    it('opens a panel titled after the image, with the source folder as a resource root', async () => {
      const { form } = await open({ mode: 'image-to-video', files: [image()] });
      assert.equal(form.panel.viewType, FormPanel.viewType);
      assert.equal(form.panel.title, 'Image to Video: sample.png');
      await waitFor('the form tab', () => webviewTabs(FormPanel.viewType).length === 1);
      const roots = (form.panel.webview.options.localResourceRoots ?? []).map((uri) => uri.fsPath);
      assert.ok(roots.includes(path.dirname(image().fsPath)), `roots: ${roots.join(', ')}`);
    });

    it('titles a video form, a multi-file form and a YouTube form', async () => {
      const one = await open({ mode: 'video-to-video', files: [video()] });
      assert.equal(one.form.panel.title, 'Video to Video: sample.mp4');
      const two = await open({ mode: 'image-to-video', files: [image(), image()] });
      assert.equal(two.form.panel.title, 'Image to Video: 2 images');
      const youtube = await open({
        mode: 'video-to-video',
        youtubeUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      });
      assert.equal(youtube.form.panel.title, 'Video to Video: YouTube');
    });

    it('serves a page with the strict CSP and a nonce on its only script', async () => {
      const { form } = await open({ mode: 'image-to-video', files: [image()] });
      const html = form.panel.webview.html;
      const csp = form.panel.webview.cspSource;
      const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/
        .exec(html)?.[1]
        ?.replace(/&#39;/g, "'");
      assert.match(
        policy ?? '',
        new RegExp(
          `^default-src 'none'; style-src ${escapeRegExp(csp)}; font-src ${escapeRegExp(csp)}; ` +
            `img-src ${escapeRegExp(csp)}; media-src ${escapeRegExp(csp)}; script-src 'nonce-[A-Za-z0-9+/=]+'$`,
        ),
      );
      const nonces = [...html.matchAll(/<script nonce="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(nonces.length, 1);
      assert.equal([...html.matchAll(/<script/g)].length, 1);
      const imageUri = form.panel.webview.asWebviewUri(image()).toString();
      assert.ok(!html.includes(imageUri), 'the page carries no sources: init does');
    });

    it('escapes the file name in the page title', async () => {
      const hostile = vscode.Uri.file(
        path.join(path.dirname(image().fsPath), `"><img src=x onerror=alert(1)>.png`),
      );
      const { form } = await open({ mode: 'image-to-video', files: [hostile] });
      assert.ok(!form.panel.webview.html.includes('<img'), 'the file name became markup');
      assert.ok(form.panel.webview.html.includes('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;.png'));
    });

    it('answers ready with the image as a webview URI and the catalog defaults', async () => {
      const { form, posted } = await open({ mode: 'image-to-video', files: [image()] });
      assert.equal(await form.handleMessage({ type: 'ready' }), true);
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.equal(init.form.mode, 'image-to-video');
      assert.deepEqual(init.form.sources, [
        { kind: 'image', label: 'sample.png', src: form.panel.webview.asWebviewUri(image()).toString() },
      ]);
      assert.deepEqual(init.form.defaults, IMAGE_TO_VIDEO_DEFAULTS);
    });

    it('gives a YouTube form its link as the source, and no file', async () => {
      const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
      const { form, posted } = await open({ mode: 'video-to-video', youtubeUrl: url });
      assert.equal(await form.handleMessage({ type: 'ready' }), true);
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.deepEqual(init.form.sources, [{ kind: 'youtube', label: 'YouTube video', url }]);
    });

    it("tells the page VS Code's language and its translations, which the page accepts", async () => {
      const { form, posted } = await open({ mode: 'image-to-video', files: [image()] });
      assert.match(form.panel.webview.html, new RegExp(`<html lang="${escapeRegExp(vscode.env.language)}">`));
      assert.ok(form.panel.webview.html.includes(`>${vscode.l10n.t('Loading…')}</p>`));
      assert.equal(await form.handleMessage({ type: 'ready' }), true);
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.equal(init.l10n?.locale, vscode.env.language);
      // undefined in English: the page then keeps its English texts.
      assert.deepEqual(init.l10n?.bundle, vscode.l10n.bundle);
      assert.ok(hostToFormSchema.safeParse(init).success, 'the page would reject this init');
    });
  });

  describe('untrusted messages', () => {
    const malformed: [string, unknown][] = [
      ['an unknown type', { type: 'runCommand', command: 'workbench.action.files.delete' }],
      ['no type', { submission: {} }],
      ['not an object', 'submit'],
      ['null', null],
      ['a string for the duration', submit('image-to-video', { ...imageSettings(), endSeconds: '5' })],
      ['a string for audio', submit('image-to-video', { ...imageSettings(), audio: 'yes' })],
      ['a huge prompt', submit('image-to-video', { ...imageSettings(), prompt: 'x'.repeat(5_000_000) })],
      ['a huge name', submit('image-to-video', { ...imageSettings(), name: 'n'.repeat(100_000) })],
      ['a path as the model', submit('image-to-video', { ...imageSettings(), model: '../../etc/passwd' })],
      [
        'a path as the resolution',
        submit('image-to-video', { ...imageSettings(), resolution: '../../etc/passwd' }),
      ],
      ['an extra path field', submit('image-to-video', { ...imageSettings(), file: '../../etc/passwd' })],
      [
        'a source beside the submission',
        { ...submit('image-to-video', imageSettings()), files: ['/etc/passwd'] },
      ],
      ['settings of the other mode', submit('image-to-video', videoSettings())],
      ['an unknown mode', submit('text-to-video', imageSettings())],
      ['an infinite duration', submit('image-to-video', { ...imageSettings(), endSeconds: Infinity })],
    ];

    // One form for every case: each must leave it exactly as it was.
    let shared: Awaited<ReturnType<typeof open>>;
    after(closeAll);
    before(async () => {
      shared = await open({ mode: 'image-to-video', files: [image()] });
    });

    for (const [what, raw] of malformed) {
      it(`rejects ${what} without side effects`, async () => {
        const { form, context, posted, submits, logLines } = shared;
        const [postedBefore, linesBefore] = [answers(posted).length, logLines.length];
        assert.equal(await form.handleMessage(raw), false);
        assert.deepEqual(submits, [], 'the submit handler was called');
        assert.equal(answers(posted).length, postedBefore, 'the host answered a rejected message');
        assert.deepEqual(context.globalState.keys(), [], 'values were remembered');
        assert.equal(logLines.length, linesBefore + 1, 'a rejected message should log exactly one line');
        assert.ok(logLines.at(-1)!.length <= 300, 'the log line quotes the payload');
      });
    }

    it('rejects a path-like art style in a video form', async () => {
      const { form, submits } = await open({ mode: 'video-to-video', files: [video()] });
      const raw = submit('video-to-video', { ...videoSettings(), artStyle: '../../etc/passwd' });
      assert.equal(await form.handleMessage(raw), false);
      assert.deepEqual(submits, []);
    });

    it('rejects a submit for the other mode than the form was opened for', async () => {
      const { form, submits, logLines } = await open({ mode: 'video-to-video', files: [video()] });
      assert.equal(await form.handleMessage(submit('image-to-video', imageSettings())), false);
      assert.deepEqual(submits, []);
      assert.equal(logLines.length, 1);
    });
  });

  describe('submitting', () => {
    afterEach(closeAll);
    it('calls the submit handler once with the parsed settings and reports the job', async () => {
      const { form, context, posted, submits } = await open({ mode: 'image-to-video', files: [image()] });
      const settings = imageSettings({
        model: 'kling-2.5',
        endSeconds: 10,
        resolution: '1080p',
        prompt: 'waves',
        name: 'Beach',
      });
      assert.equal(await form.handleMessage(submit('image-to-video', settings)), true);
      assert.deepEqual(submits, [settings]);
      assert.deepEqual(answers(posted).at(-1), {
        type: 'submitted',
        jobs: [{ jobId: 'job-1', source: 'sample.png' }],
        errors: [],
      });
      assert.deepEqual(context.globalState.get(lastValuesKey('image-to-video')), {
        model: 'kling-2.5',
        resolution: '1080p',
        endSeconds: 10,
        prompt: 'waves',
      });
    });

    it('refuses a second submit from the same form (a create is never sent twice by accident)', async () => {
      const { form, submits } = await open({ mode: 'image-to-video', files: [image()] });
      assert.equal(await form.handleMessage(submit('image-to-video', imageSettings())), true);
      assert.equal(await form.handleMessage(submit('image-to-video', imageSettings())), false);
      assert.equal(submits.length, 1);
    });

    it('refuses kling-2.5 for 7 s with the catalog message, and sends nothing', async () => {
      const { form, posted, submits, context } = await open({ mode: 'image-to-video', files: [image()] });
      const settings = imageSettings({ model: 'kling-2.5', endSeconds: 7 });
      assert.equal(await form.handleMessage(submit('image-to-video', settings)), false);
      assert.deepEqual(submits, []);
      assert.deepEqual(context.globalState.keys(), []);
      const expected = validateImageToVideo(settings);
      assert.equal(expected[0]?.message, 'Kling 2.5 makes 5 or 10 second videos.');
      assert.deepEqual(answers(posted).at(-1), { type: 'refused', problems: expected });
    });

    it('refuses a custom prompt type without a prompt, and a trim window past the clip', async () => {
      const { form, posted, submits } = await open({ mode: 'video-to-video', files: [video()] });
      const noPrompt = videoSettings({ promptType: 'custom' });
      assert.equal(await form.handleMessage(submit('video-to-video', noPrompt)), false);
      assert.deepEqual(answers(posted).at(-1), { type: 'refused', problems: validateVideoToVideo(noPrompt) });
      const pastEnd = videoSettings({ endSeconds: 9, sourceDurationSeconds: 3 });
      assert.equal(await form.handleMessage(submit('video-to-video', pastEnd)), false);
      assert.match(JSON.stringify(answers(posted).at(-1)), /The clip is 3 s long/);
      assert.deepEqual(submits, []);
    });

    it('ignores a length the webview claims for a YouTube video', async () => {
      const url = 'https://youtu.be/dQw4w9WgXcQ';
      const { form, submits } = await open({ mode: 'video-to-video', youtubeUrl: url }, async () => ({
        submitted: [{ jobId: 'yt', source: url }],
        errors: [],
      }));
      const settings = videoSettings({ endSeconds: 30, sourceDurationSeconds: 3 });
      assert.equal(await form.handleMessage(submit('video-to-video', settings)), true);
      const { sourceDurationSeconds: _ignored, ...expected } = settings;
      assert.deepEqual(submits, [expected]);
    });

    it('reports per-file errors by file name, and lets the user retry when nothing was submitted', async () => {
      const file = image();
      const { form, posted, submits } = await open({ mode: 'image-to-video', files: [file] }, async () => ({
        submitted: [],
        errors: [{ source: file.fsPath, message: 'No API token.' }],
      }));
      assert.equal(await form.handleMessage(submit('image-to-video', imageSettings())), true);
      assert.deepEqual(answers(posted).at(-1), {
        type: 'submitted',
        jobs: [],
        errors: [{ source: 'sample.png', message: 'No API token.' }],
      });
      assert.equal(await form.handleMessage(submit('image-to-video', imageSettings())), true);
      assert.equal(submits.length, 2);
    });

    it('forwards the submitted job’s progress and charged credits, and no other job’s', async () => {
      const { form, posted, jobs } = await open({ mode: 'image-to-video', files: [image()] });
      assert.equal(await form.handleMessage(submit('image-to-video', imageSettings())), true);
      const before = posted.length;
      jobs.fire(doneJob(image().fsPath, undefined, { id: 'someone-else', state: 'queued' }));
      jobs.fire(
        doneJob(image().fsPath, undefined, {
          id: 'job-1',
          state: 'uploading',
          upload: { bytes: 50, totalBytes: 200 },
        }),
      );
      jobs.fire(doneJob(image().fsPath, undefined, { id: 'job-1', state: 'queued', creditsCharged: 450 }));
      assert.deepEqual(answers(posted.slice(before)), [
        {
          type: 'job',
          jobId: 'job-1',
          state: 'uploading',
          uploadedPercent: 25,
          creditsEstimated: 300,
          creditsCharged: undefined,
          error: undefined,
        },
        {
          type: 'job',
          jobId: 'job-1',
          state: 'queued',
          uploadedPercent: undefined,
          creditsEstimated: 300,
          creditsCharged: 450,
          error: undefined,
        },
      ]);
    });

    it('starts the next form of that mode from the last submitted values', async () => {
      const first = await open({ mode: 'image-to-video', files: [image()] });
      const settings = imageSettings({ model: 'veo3.1', endSeconds: 8, audio: true, name: 'not remembered' });
      assert.equal(await first.form.handleMessage(submit('image-to-video', settings)), true);
      const second = openForm(
        first.context,
        { mode: 'image-to-video', files: [image()] },
        recordingDeps().deps,
      );
      assert.ok(second);
      const posted: HostToFormMessage[] = [];
      second.onDidPostMessage((m) => posted.push(m));
      assert.equal(await second.handleMessage({ type: 'ready' }), true);
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.deepEqual(init.form.defaults, {
        model: 'veo3.1',
        resolution: '720p',
        endSeconds: 8,
        audio: true,
        prompt: '',
      });
    });
  });

  it('closes on the close message (Escape)', async () => {
    const { form } = await open({ mode: 'video-to-video', youtubeUrl: 'https://youtu.be/dQw4w9WgXcQ' });
    await waitFor('the form tab', () => webviewTabs(FormPanel.viewType).length === 1);
    assert.equal(await form.handleMessage({ type: 'close' }), true);
    await waitFor('the form tab to close', () => webviewTabs(FormPanel.viewType).length === 0);
    assert.equal(await form.handleMessage({ type: 'ready' }), false, 'a closed form acts on nothing');
  });
});
