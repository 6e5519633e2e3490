/**
 * The submission form: one webview panel per submission. The host owns the sources (the webview
 * never names a file) and checks every submit again with the catalog before anything is sent.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImageToVideoSettings, VideoToVideoSettings } from '../catalog/settings';
import { validateImageToVideo, validateVideoToVideo, type Problem } from '../catalog/validate';
import { Settings } from '../constants';
import type { JobRecord } from '../engine/job';
import {
  MAX_SOURCES,
  TEXT_MAX_LENGTH,
  formToHostSchema,
  type FormSetup,
  type FormSource,
  type HostToFormMessage,
  type Submission,
} from '../protocol/form';
import { parseMessage } from '../protocol/parse';
import { Emitter } from '../util/emitter';
import { Disposable } from './disposable';
import { imageToVideoDefaults, lastValuesKey, valuesToRemember, videoToVideoDefaults } from './form-defaults';
import { currentWebviewL10n, extensionRoots, webviewHtml } from './webview-html';

export type FormTarget =
  | { mode: 'image-to-video' | 'video-to-video'; files: vscode.Uri[] }
  | { mode: 'video-to-video'; youtubeUrl: string };

/** Called once per submit with host-validated settings; submits one job per source and reports each. */
export type SubmitHandler = (settings: ImageToVideoSettings | VideoToVideoSettings) => Promise<{
  submitted: { jobId: string; source: string }[];
  errors: { source: string; message: string }[];
}>;

export interface FormDeps {
  submit: SubmitHandler;
  /** Job updates, to show upload progress and the charged credits after submit. */
  onJobChange: (listener: (job: JobRecord) => void) => { dispose(): void };
  log: (line: string) => void;
}

/** What the form needs of the extension context (a real `ExtensionContext` has both). */
export type FormContext = Pick<vscode.ExtensionContext, 'extensionUri' | 'globalState'>;

/** Opens a new form for `target`; returns its panel (callers may ignore it; tests drive it). */
export function openForm(context: FormContext, target: FormTarget, deps: FormDeps): FormPanel | undefined {
  const count = 'files' in target ? target.files.length : 1;
  if (count === 0 || count > MAX_SOURCES) {
    void vscode.window.showErrorMessage(
      count === 0
        ? vscode.l10n.t('Magic Hour: choose a file first.')
        : vscode.l10n.t('Magic Hour: choose at most {0} files at once.', MAX_SOURCES),
    );
    return undefined;
  }
  return new FormPanel(context, target, deps);
}

export class FormPanel extends Disposable {
  static readonly viewType = 'magicHour.form';

  readonly panel: vscode.WebviewPanel;
  private readonly posted = this.register(new Emitter<HostToFormMessage>());
  /** Every message this panel posts to its webview (for tests and diagnostics). */
  readonly onDidPostMessage = this.posted.event;
  private phase: 'editing' | 'submitting' | 'submitted' = 'editing';
  private readonly jobIds = new Set<string>();
  /** Job changes seen while the submit is running, sent once the job ids are known. */
  private readonly early = new Map<string, JobRecord>();

  constructor(
    private readonly context: FormContext,
    private readonly target: FormTarget,
    private readonly deps: FormDeps,
  ) {
    super();
    this.panel = this.register(
      vscode.window.createWebviewPanel(FormPanel.viewType, formTitle(target), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [...extensionRoots(context.extensionUri), ...sourceFolders(target)],
        // The form holds what the user typed; a hidden tab must not lose it.
        retainContextWhenHidden: true,
      }),
    );
    this.panel.webview.html = webviewHtml({
      webview: this.panel.webview,
      extensionUri: context.extensionUri,
      title: formTitle(target),
      script: 'form',
      stylesheet: 'form.css',
    });
    this.register(this.panel.onDidDispose(() => this.dispose()));
    this.register(this.panel.webview.onDidReceiveMessage((raw: unknown) => void this.handleMessage(raw)));
    this.register(deps.onJobChange((job) => this.jobChanged(job)));
  }

  /**
   * Handles one message from the webview. Resolves true when it was valid and acted upon; false
   * when it was rejected (malformed, or a submit the host refused), with nothing else changed.
   */
  async handleMessage(raw: unknown): Promise<boolean> {
    const message = parseMessage(formToHostSchema, raw, this.deps.log, 'form');
    if (!message || this.isDisposed) return false;
    switch (message.type) {
      case 'ready':
        this.post({
          type: 'init',
          form: this.setup(),
          l10n: currentWebviewL10n(),
        } satisfies HostToFormMessage);
        return true;
      case 'submit':
        return this.submit(message.submission);
      case 'close':
        this.panel.dispose();
        return true;
      default: {
        const unexpected: never = message;
        this.deps.log(`form: unhandled message ${String(unexpected)}`);
        return false;
      }
    }
  }

  private async submit(submission: Submission): Promise<boolean> {
    if (submission.mode !== this.target.mode) {
      this.deps.log(`form: rejected a ${submission.mode} submit in a ${this.target.mode} form`);
      return false;
    }
    if (this.phase !== 'editing') {
      this.deps.log(`form: ignored a submit while ${this.phase}`);
      return false;
    }
    const { settings, problems } = this.check(submission);
    if (problems.length) {
      this.deps.log(`form: refused a submit: ${problems.map((p) => p.message).join(' ')}`);
      this.post({ type: 'refused', problems } satisfies HostToFormMessage);
      return false;
    }

    this.phase = 'submitting';
    let result: Awaited<ReturnType<SubmitHandler>>;
    try {
      result = await this.deps.submit(settings);
    } catch (error) {
      this.phase = 'editing';
      const message = clip(error instanceof Error ? error.message : String(error));
      this.deps.log(`form: submit failed: ${message}`);
      this.post({ type: 'refused', problems: [], message } satisfies HostToFormMessage);
      return false;
    }
    this.phase = result.submitted.length ? 'submitted' : 'editing';
    if (result.submitted.length) {
      // Remembering is a convenience: failing to must not hide what was submitted.
      await Promise.resolve(
        this.context.globalState.update(lastValuesKey(this.target.mode), valuesToRemember(settings)),
      ).catch((error: unknown) => this.deps.log(`form: could not remember the values: ${String(error)}`));
    }
    for (const { jobId } of result.submitted) this.jobIds.add(jobId);
    this.post({
      type: 'submitted',
      jobs: result.submitted.map(({ jobId, source }) => ({ jobId, source: this.sourceLabel(source) })),
      errors: result.errors.map(({ source, message }) => ({
        source: this.sourceLabel(source),
        message: clip(message),
      })),
    } satisfies HostToFormMessage);
    for (const job of this.early.values()) this.jobChanged(job);
    this.early.clear();
    return true;
  }

  /** The settings to submit and what the catalog says about them (the host's own check). */
  private check(submission: Submission): {
    settings: ImageToVideoSettings | VideoToVideoSettings;
    problems: Problem[];
  } {
    if (submission.mode === 'image-to-video') {
      return { settings: submission.settings, problems: validateImageToVideo(submission.settings) };
    }
    // No length is known for a link: whatever the webview claims about it is dropped.
    const { sourceDurationSeconds: _claimed, ...withoutLength } = submission.settings;
    const settings = 'youtubeUrl' in this.target ? withoutLength : submission.settings;
    return { settings, problems: validateVideoToVideo(settings) };
  }

  private jobChanged(job: JobRecord): void {
    if (this.phase === 'submitting') {
      if (this.early.size < MAX_SOURCES * 2) this.early.set(job.id, job);
      return;
    }
    if (!this.jobIds.has(job.id)) return;
    const upload = job.upload;
    this.post({
      type: 'job',
      jobId: job.id,
      state: job.state,
      uploadedPercent:
        upload?.totalBytes && upload.totalBytes > 0
          ? Math.min(100, (upload.bytes / upload.totalBytes) * 100)
          : undefined,
      creditsEstimated: job.creditsEstimated,
      creditsCharged: job.creditsCharged,
      error: job.error ? clip(job.error.message) : undefined,
    } satisfies HostToFormMessage);
  }

  /** What to build: the sources as the webview may load them, and the starting values. */
  private setup(): FormSetup {
    const sources: FormSource[] =
      'youtubeUrl' in this.target
        ? [{ kind: 'youtube', label: vscode.l10n.t('YouTube video'), url: this.target.youtubeUrl }]
        : this.target.files.map((file) => ({
            kind: this.target.mode === 'image-to-video' ? 'image' : 'video',
            label: clip(path.basename(file.fsPath)),
            src: this.panel.webview.asWebviewUri(file).toString(),
          }));
    const remembered = this.context.globalState.get<unknown>(lastValuesKey(this.target.mode));
    const config = vscode.workspace.getConfiguration(Settings.section);
    const setting = (key: string) => config.get<unknown>(key);
    return this.target.mode === 'image-to-video'
      ? { mode: 'image-to-video', sources, defaults: imageToVideoDefaults(remembered, setting) }
      : { mode: 'video-to-video', sources, defaults: videoToVideoDefaults(remembered, setting) };
  }

  /** The file name for a source the submit handler names by path or URI. */
  private sourceLabel(source: string): string {
    if ('youtubeUrl' in this.target) return vscode.l10n.t('YouTube video');
    const file = this.target.files.find((f) => f.fsPath === source || f.toString() === source);
    return clip(file ? path.basename(file.fsPath) : path.basename(source));
  }

  private post(message: HostToFormMessage): void {
    if (this.isDisposed) return;
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }
}

/** "Image to Video: cat.png", "Video to Video: 3 videos", "Video to Video: YouTube". */
function formTitle(target: FormTarget): string {
  const images = target.mode === 'image-to-video';
  if ('youtubeUrl' in target) {
    return images ? vscode.l10n.t('Image to Video: YouTube') : vscode.l10n.t('Video to Video: YouTube');
  }
  const [first] = target.files;
  if (target.files.length === 1 && first) {
    const name = path.basename(first.fsPath);
    return images ? vscode.l10n.t('Image to Video: {0}', name) : vscode.l10n.t('Video to Video: {0}', name);
  }
  const count = target.files.length;
  return images
    ? vscode.l10n.t('Image to Video: {0} images', count)
    : vscode.l10n.t('Video to Video: {0} videos', count);
}

/** The folders of the source files, each once: the webview may load thumbnails from these only. */
function sourceFolders(target: FormTarget): vscode.Uri[] {
  if (!('files' in target)) return [];
  const folders = new Map<string, vscode.Uri>();
  for (const file of target.files) {
    const folder = vscode.Uri.joinPath(file, '..');
    folders.set(folder.toString(), folder);
  }
  return [...folders.values()];
}

function clip(text: string): string {
  return text.length > TEXT_MAX_LENGTH ? `${text.slice(0, TEXT_MAX_LENGTH - 1)}…` : text;
}
