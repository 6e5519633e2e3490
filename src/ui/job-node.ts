import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isActive, type JobRecord, type JobState } from '../engine/job';
import { descriptionText, jobFacts } from './job-format';

/** Codicon and colour per state; running states spin. */
const ICONS: Record<JobState, { id: string; color?: string }> = {
  uploading: { id: 'sync~spin' },
  creating: { id: 'loading~spin' },
  queued: { id: 'loading~spin' },
  rendering: { id: 'loading~spin' },
  downloading: { id: 'sync~spin' },
  done: { id: 'pass', color: 'testing.iconPassed' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  lost: { id: 'warning', color: 'list.warningForeground' },
  unsaved: { id: 'warning', color: 'list.warningForeground' },
  deleted: { id: 'trash' },
  stopped: { id: 'circle-slash' },
};

/**
 * One job in the Jobs view. `contextValue` is a list of tokens that `package.json` matches with
 * `viewItem =~ /token/` to choose the job's actions:
 * `job state:<state> [canPreview canOpen canReveal] [canRerun] [hasProject] [canRetryDownload]
 * [canStop] [canDelete]`.
 */
export class JobNode extends vscode.TreeItem {
  constructor(
    public job: JobRecord,
    now = Date.now(),
  ) {
    super(job.name, vscode.TreeItemCollapsibleState.None);
    this.id = job.id;
    this.update(job, now);
  }

  /** Takes the job's latest record (or just the time, for the elapsed time of a running job). */
  update(job: JobRecord, now = Date.now()): void {
    this.job = job;
    this.label = job.name;
    this.description = descriptionText(job, now);
    const icon = ICONS[job.state];
    this.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    this.contextValue = contextValueOf(job);
    // Built on hover by JobsTree.resolveTreeItem: Markdown for 1,000 jobs would slow every refresh.
    this.tooltip = undefined;
    this.accessibilityInformation = { label: `${job.name}, ${this.description}` };
    this.command = clickCommand(job);
  }
}

/** The tokens `package.json` menus match on. */
export function contextValueOf(job: JobRecord): string {
  const tokens = ['job', `state:${job.state}`];
  if (job.state === 'done' && job.outputPath) tokens.push('canPreview', 'canOpen', 'canReveal');
  if (!isActive(job.state)) tokens.push('canRerun');
  if (job.projectId) tokens.push('hasProject');
  if (job.projectId && canRetryDownload(job)) tokens.push('canRetryDownload');
  if (isActive(job.state)) tokens.push('canStop');
  if (job.projectId && job.state !== 'deleted') tokens.push('canDelete');
  return tokens.join(' ');
}

/** A rendered job whose file is not on disk: saving failed, or tracking stopped mid-download. */
export function canRetryDownload(job: JobRecord): boolean {
  return job.state === 'unsaved' || (job.state === 'stopped' && job.remoteStatus === 'complete');
}

/** The hover text: the job's settings, ids, times and error. */
export function tooltipOf(job: JobRecord): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown('**');
  md.appendText(job.name);
  md.appendMarkdown('**\n\n');
  if (job.state === 'lost') {
    md.appendMarkdown('$(warning) ');
    md.appendText(
      vscode.l10n.t(
        'Submitted, answer lost — check the Magic Hour dashboard before submitting it again, to avoid paying twice.',
      ),
    );
    md.appendMarkdown('\n\n');
  }
  for (const fact of jobFacts(job)) {
    md.appendMarkdown(`${fact.label}: `);
    if (fact.code) md.appendMarkdown(`\`${fact.value.replace(/`/g, '')}\``);
    else md.appendText(fact.value);
    md.appendMarkdown('  \n');
  }
  return md;
}

function clickCommand(job: JobRecord): vscode.Command | undefined {
  if (job.state === 'done' && job.outputPath) {
    return { title: vscode.l10n.t('Preview'), command: Commands.preview, arguments: [job.id] };
  }
  if (job.state === 'failed' || job.state === 'lost' || job.state === 'unsaved') {
    return { title: vscode.l10n.t('Show Details'), command: Commands.showDetails, arguments: [job.id] };
  }
  return undefined;
}
