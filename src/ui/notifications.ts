import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isActive, type JobRecord, type JobState } from '../engine/job';
import { Disposable } from './disposable';
import type { Log } from './log';
import type { Services } from './services';
import { readOpenPreviewOnCompletion } from './config';

/** What the notifications need from the rest of the extension. */
export interface NotificationActions {
  preview(job: JobRecord): void;
  showDetails(job: JobRecord): void;
}

/** How many recent notifications are remembered for tests and tooling. */
const RECENT_LIMIT = 20;

/**
 * Tells the user when a job this window ran finishes: done (Preview, Reveal, and the preview
 * opens by itself unless `magicHour.openPreviewOnCompletion` is off), failed (the API's message,
 * Show Details), lost or rendered-but-not-saved. Jobs finished by another window are left to it.
 */
export class JobNotifications extends Disposable {
  private readonly lastState = new Map<string, JobState>();
  /** The latest notifications, newest last (for tests and tooling). */
  readonly recent: string[] = [];

  constructor(
    private readonly services: Services,
    private readonly actions: NotificationActions,
    private readonly log: Log,
  ) {
    super();
    this.register(services.onDidChangeJob((job) => this.jobChanged(job)));
    this.register(services.onDidRemoveJob((id) => this.lastState.delete(id)));
    this.register(
      services.onStoreProblems((problems) => {
        for (const problem of problems) {
          this.log.warn(
            `unreadable job file ${problem.file} (${problem.reason}) moved to ${problem.movedTo}`,
          );
        }
        const message =
          problems.length === 1
            ? vscode.l10n.t('Magic Hour: 1 saved job record was unreadable and set aside.')
            : vscode.l10n.t(
                'Magic Hour: {0} saved job records were unreadable and set aside.',
                problems.length,
              );
        this.record(`store: ${problems.length} unreadable job record(s) set aside`);
        this.warn(message, [vscode.l10n.t('Show Log')]).then((choice) => choice && this.log.show());
      }),
    );
  }

  private jobChanged(job: JobRecord): void {
    const before = this.lastState.get(job.id);
    this.lastState.set(job.id, job.state);
    // Only a change seen here, from a running state, in a job this window drives.
    if (before === undefined || before === job.state || !isActive(before) || isActive(job.state)) return;
    if (!this.services.engine.drives(job.id)) return;
    switch (job.state) {
      case 'done':
        return this.done(job);
      case 'failed':
        return this.failed(job);
      case 'lost':
        return this.lost(job);
      case 'unsaved':
        return this.unsaved(job);
      case 'deleted':
        if (job.error) this.warn(vscode.l10n.t('Magic Hour: “{0}”: {1}', job.name, job.error.message), []);
        return;
      default:
        return;
    }
  }

  private done(job: JobRecord): void {
    this.log.info(`job ${job.id} done: ${job.outputPath ?? ''}`);
    if (readOpenPreviewOnCompletion()) this.actions.preview(job);
    this.record(`done: ${job.name}`);
    const preview = vscode.l10n.t('Preview');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Magic Hour: “{0}” is ready.', job.name),
        preview,
        vscode.l10n.t('Reveal in Explorer'),
      )
      .then((choice) => {
        if (choice === preview) this.actions.preview(this.latest(job));
        else if (choice) void vscode.commands.executeCommand(Commands.revealOutput, job.id);
      });
  }

  private failed(job: JobRecord): void {
    const message = job.error?.message ?? vscode.l10n.t('Magic Hour could not render it.');
    this.log.warn(`job ${job.id} failed: ${message}`);
    this.record(`failed: ${job.name}: ${message}`);
    void vscode.window
      .showErrorMessage(
        vscode.l10n.t('Magic Hour: “{0}” failed. {1}', job.name, message),
        vscode.l10n.t('Show Details'),
      )
      .then((choice) => choice && this.actions.showDetails(this.latest(job)));
  }

  private lost(job: JobRecord): void {
    this.record(`lost: ${job.name}`);
    this.warn(
      vscode.l10n.t(
        'Magic Hour: “{0}” was submitted, answer lost — check the Magic Hour dashboard before submitting it again, to avoid paying twice.',
        job.name,
      ),
      [vscode.l10n.t('Show Details')],
    ).then((choice) => choice && this.actions.showDetails(this.latest(job)));
  }

  private unsaved(job: JobRecord): void {
    const message = job.error?.message ?? vscode.l10n.t('Rendered, not saved.');
    this.record(`unsaved: ${job.name}: ${message}`);
    const retryDownload = vscode.l10n.t('Retry Download');
    const items = [retryDownload, vscode.l10n.t('Show Details')];
    this.warn(vscode.l10n.t('Magic Hour: “{0}”: {1}', job.name, message), items).then((choice) => {
      if (choice === retryDownload) void vscode.commands.executeCommand(Commands.retryDownload, job.id);
      else if (choice) this.actions.showDetails(this.latest(job));
    });
  }

  private warn(message: string, items: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(message, ...items);
  }

  private latest(job: JobRecord): JobRecord {
    return this.services.engine.get(job.id) ?? job;
  }

  private record(line: string): void {
    this.recent.push(line);
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
  }
}

/** Starts the notifications. */
export function registerNotifications(
  context: vscode.ExtensionContext,
  services: Services,
  actions: NotificationActions,
  log: Log,
): JobNotifications {
  const notifications = new JobNotifications(services, actions, log);
  context.subscriptions.push(notifications);
  return notifications;
}
