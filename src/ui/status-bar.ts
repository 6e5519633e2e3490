import * as vscode from 'vscode';
import { Views } from '../constants';
import { isActive } from '../engine/job';
import { Disposable } from './disposable';
import { statusText } from './job-format';
import type { Services } from './services';

/** "$(sync~spin) Magic Hour: 2 running" while jobs run, hidden otherwise; a click shows the Jobs view. */
export class JobsStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private visible = false;

  constructor(private readonly services: Services) {
    super();
    this.item = this.register(
      vscode.window.createStatusBarItem('magicHour.running', vscode.StatusBarAlignment.Left, 0),
    );
    this.item.name = vscode.l10n.t('Magic Hour Jobs');
    this.item.command = { title: vscode.l10n.t('Show Magic Hour Jobs'), command: `${Views.jobs}.focus` };
    this.register(services.onDidChangeJob(() => this.update()));
    this.register(services.onDidRemoveJob(() => this.update()));
    this.register(services.onDidResetJobs(() => this.update()));
    this.update();
  }

  /** The item's text while it is shown, undefined while it is hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private update(): void {
    const running = this.services.engine.list().filter((job) => isActive(job.state));
    if (running.length === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = `$(sync~spin) ${vscode.l10n.t('Magic Hour: {0} running', running.length)}`;
    const tooltip = new vscode.MarkdownString('', true);
    tooltip.appendMarkdown('**');
    tooltip.appendText(vscode.l10n.t('Magic Hour jobs running'));
    tooltip.appendMarkdown('**\n\n');
    for (const job of running.slice(0, 10)) {
      tooltip.appendMarkdown('- ');
      tooltip.appendText(`${job.name}: ${statusText(job)}`);
      tooltip.appendMarkdown('\n');
    }
    if (running.length > 10) {
      tooltip.appendMarkdown('- ');
      tooltip.appendText(vscode.l10n.t('and {0} more', running.length - 10));
      tooltip.appendMarkdown('\n');
    }
    tooltip.appendMarkdown('\n');
    tooltip.appendText(vscode.l10n.t('Click to show the Jobs view.'));
    this.item.tooltip = tooltip;
    this.item.show();
    this.visible = true;
  }
}

/** Adds the status bar item. */
export function registerStatusBar(context: vscode.ExtensionContext, services: Services): JobsStatusBar {
  const statusBar = new JobsStatusBar(services);
  context.subscriptions.push(statusBar);
  return statusBar;
}
