/**
 * The preview of a job: its output playing beside its source, with its settings and credits.
 * One panel per job; showing a job again reveals its panel. The webview may load files from
 * exactly the source's folder and the output's folder (plus the extension's own dist/ and media/).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROMPT_MAX_LENGTH } from '../catalog/settings';
import type { JobRecord } from '../engine/job';
import { parseMessage } from '../protocol/parse';
import {
  MAX_SETTINGS,
  TEXT_MAX_LENGTH,
  previewToHostSchema,
  type HostToPreviewMessage,
  type PreviewJob,
  type PreviewSource,
} from '../protocol/preview';
import { Emitter } from '../util/emitter';
import { Disposable } from './disposable';
import type { FormDeps } from './form-panel';
import { currentWebviewL10n, extensionRoots, webviewHtml } from './webview-html';

/** What the preview needs of the extension context. */
export type PreviewContext = Pick<vscode.ExtensionContext, 'extensionUri'>;

/** Shows the preview of `job`, revealing its panel if one is open; it follows the job's changes. */
export function showPreview(
  context: PreviewContext,
  job: JobRecord,
  onJobChange?: FormDeps['onJobChange'],
  log: (line: string) => void = (line) => console.warn(line),
): void {
  const open = PreviewPanel.forJob(job.id);
  if (open) {
    open.update(job);
    open.panel.reveal();
    return;
  }
  new PreviewPanel(context, job, onJobChange, log);
}

export class PreviewPanel extends Disposable {
  static readonly viewType = 'magicHour.preview';
  private static readonly open = new Map<string, PreviewPanel>();

  /** The open preview of a job, if any. */
  static forJob(jobId: string): PreviewPanel | undefined {
    return PreviewPanel.open.get(jobId);
  }

  readonly panel: vscode.WebviewPanel;
  private readonly posted = this.register(new Emitter<HostToPreviewMessage>());
  /** Every message this panel posts to its webview (for tests and diagnostics). */
  readonly onDidPostMessage = this.posted.event;
  private job: JobRecord;
  private roots: vscode.Uri[];
  private ready = false;

  constructor(
    private readonly context: PreviewContext,
    job: JobRecord,
    onJobChange: FormDeps['onJobChange'] | undefined,
    private readonly log: (line: string) => void,
  ) {
    super();
    this.job = job;
    this.roots = resourceRoots(context.extensionUri, job);
    this.panel = this.register(
      vscode.window.createWebviewPanel(PreviewPanel.viewType, previewTitle(job), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: this.roots,
      }),
    );
    PreviewPanel.open.set(job.id, this);
    this.register({ dispose: () => PreviewPanel.open.delete(job.id) });
    this.register(this.panel.onDidDispose(() => this.dispose()));
    this.register(this.panel.webview.onDidReceiveMessage((raw: unknown) => this.handleMessage(raw)));
    if (onJobChange) {
      this.register(onJobChange((changed) => changed.id === this.job.id && this.update(changed)));
    }
    this.render();
  }

  /** The folders the webview may load from now. */
  get localResourceRoots(): readonly vscode.Uri[] {
    return this.roots;
  }

  /**
   * Handles one message from the webview. Returns true when it was valid and acted upon, false
   * when it was rejected (logged, nothing else changed).
   */
  handleMessage(raw: unknown): boolean {
    const message = parseMessage(previewToHostSchema, raw, this.log, 'preview');
    if (!message || this.isDisposed) return false;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({
          type: 'init',
          job: this.view(),
          l10n: currentWebviewL10n(),
        } satisfies HostToPreviewMessage);
        return true;
      case 'mediaError':
        this.log(`preview of job ${this.job.id}: the ${message.which} did not load: ${message.message}`);
        return true;
      default: {
        const unexpected: never = message;
        this.log(`preview: unhandled message ${String(unexpected)}`);
        return false;
      }
    }
  }

  /** Shows the job as it is now; a newly saved output widens the folders the page may load. */
  update(job: JobRecord): void {
    if (this.isDisposed || job.id !== this.job.id) return;
    this.job = job;
    this.panel.title = previewTitle(job);
    const roots = resourceRoots(this.context.extensionUri, job);
    if (!sameUris(roots, this.roots)) {
      this.roots = roots;
      this.panel.webview.options = { enableScripts: true, localResourceRoots: roots };
      this.render(); // a fresh page says `ready` again and gets the new job in `init`
      return;
    }
    if (this.ready) this.post({ type: 'update', job: this.view() } satisfies HostToPreviewMessage);
  }

  private render(): void {
    this.ready = false;
    this.panel.webview.html = webviewHtml({
      webview: this.panel.webview,
      extensionUri: this.context.extensionUri,
      title: previewTitle(this.job),
      script: 'preview',
      stylesheet: 'preview.css',
    });
  }

  /** The job as the webview shows it: webview URIs for local files, plain values for settings. */
  private view(): PreviewJob {
    const job = this.job;
    const webview = this.panel.webview;
    return {
      id: job.id,
      name: clip(job.name),
      mode: job.mode,
      state: job.state,
      createdAt: job.createdAt,
      projectId: job.projectId,
      creditsEstimated: job.creditsEstimated,
      creditsCharged: job.creditsCharged,
      error: job.error ? clip(job.error.message) : undefined,
      settings: plainSettings(job.settings),
      source: previewSource(job, webview),
      output: job.outputPath
        ? {
            src: webview.asWebviewUri(vscode.Uri.file(job.outputPath)).toString(),
            label: clip(path.basename(job.outputPath)),
          }
        : undefined,
    };
  }

  private post(message: HostToPreviewMessage): void {
    if (this.isDisposed) return;
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }
}

/** The folders a job's preview may load from: its source's, its output's, and the extension's own. */
export function resourceRoots(extensionUri: vscode.Uri, job: JobRecord): vscode.Uri[] {
  const folders = new Map<string, vscode.Uri>();
  const add = (uri: vscode.Uri) => folders.set(uri.toString(), uri);
  if (job.source.kind === 'file') add(vscode.Uri.file(path.dirname(job.source.path)));
  if (job.outputPath) add(vscode.Uri.file(path.dirname(job.outputPath)));
  for (const root of extensionRoots(extensionUri)) add(root);
  return [...folders.values()];
}

function previewSource(job: JobRecord, webview: vscode.Webview): PreviewSource {
  const source = job.source;
  switch (source.kind) {
    case 'file':
      return {
        kind: job.mode === 'image-to-video' ? 'image' : 'video',
        src: webview.asWebviewUri(vscode.Uri.file(source.path)).toString(),
        label: clip(path.basename(source.path)),
      };
    case 'youtube':
      return { kind: 'youtube', url: source.url };
    case 'url':
      return { kind: 'url', url: source.url };
    default: {
      const unexpected: never = source;
      throw new Error(`unknown source ${String(unexpected)}`);
    }
  }
}

/** The settings' plain values (strings, finite numbers, booleans), bounded as the protocol wants. */
function plainSettings(settings: Record<string, unknown>): PreviewJob['settings'] {
  const plain: PreviewJob['settings'] = {};
  for (const [key, value] of Object.entries(settings).slice(0, MAX_SETTINGS)) {
    if (key.length > 50) continue;
    if (typeof value === 'string') plain[key] = value.slice(0, PROMPT_MAX_LENGTH);
    else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      plain[key] = value;
    }
  }
  return plain;
}

function previewTitle(job: JobRecord): string {
  return vscode.l10n.t('Preview: {0}', job.name);
}

function sameUris(a: readonly vscode.Uri[], b: readonly vscode.Uri[]): boolean {
  return a.length === b.length && a.every((uri, i) => uri.toString() === b[i]?.toString());
}

function clip(text: string): string {
  return text.length > TEXT_MAX_LENGTH ? `${text.slice(0, TEXT_MAX_LENGTH - 1)}…` : text;
}
