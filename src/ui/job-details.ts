import * as vscode from 'vscode';
import type { JobRecord } from '../engine/job';
import { Disposable } from './disposable';
import { jobFacts } from './job-format';
import type { Services } from './services';

/** URI scheme of the read-only job details documents. */
export const JOB_DETAILS_SCHEME = 'magic-hour-job';

/**
 * "Show Details": a read-only Markdown document per job (everything the tooltip says, the full
 * error and the state history), kept current while it is open.
 */
export class JobDetails extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: Services) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(JOB_DETAILS_SCHEME, this));
    this.register(
      services.onDidChangeJob((job) => {
        const uri = detailsUri(job);
        if (vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString())) {
          this.changed.fire(uri);
        }
      }),
    );
  }

  /** Opens the details of a job beside the current editor. */
  async open(job: JobRecord): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(detailsUri(job));
    return vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Active });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.split('/')[1] ?? '';
    const job = this.services.engine.get(id);
    if (job) return renderDetails(job);
    return `# ${vscode.l10n.t('Magic Hour job')}\n\n${vscode.l10n.t('This job is no longer in the history.')}\n`;
  }
}

/** `magic-hour-job:/<id>/<name>.md`: the id finds the job, the name titles the tab. */
export function detailsUri(job: JobRecord): vscode.Uri {
  const title =
    job.name
      .replace(/[\\/:*?"<>|#%]+/g, ' ')
      .trim()
      .slice(0, 80) || 'job';
  return vscode.Uri.from({ scheme: JOB_DETAILS_SCHEME, path: `/${job.id}/${title}.md` });
}

/** The details document's Markdown. */
export function renderDetails(job: JobRecord): string {
  const lines = [`# ${oneLine(job.name)}`, ''];
  for (const fact of jobFacts(job)) {
    const value = fact.code ? `\`${fact.value.replace(/`/g, '')}\`` : oneLine(fact.value);
    lines.push(`- **${fact.label}:** ${value}`);
  }
  lines.push('', `## ${vscode.l10n.t('History')}`, '');
  for (const step of job.history) {
    const note = step.note ? ` — ${oneLine(step.note)}` : '';
    lines.push(`- ${new Date(step.at).toLocaleString()}: ${step.state}${note}`);
  }
  if (job.request) {
    lines.push(
      '',
      `## ${vscode.l10n.t('Request sent to Magic Hour')}`,
      '',
      '````json',
      JSON.stringify(job.request, null, 2),
      '````',
    );
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * The document is read as source, not rendered, so values are kept as they are (one line each)
 * rather than backslash-escaped.
 */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** Registers the details document provider. */
export function registerJobDetails(context: vscode.ExtensionContext, services: Services): JobDetails {
  const details = new JobDetails(services);
  context.subscriptions.push(details);
  return details;
}
