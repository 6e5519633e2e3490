import * as vscode from 'vscode';
import { ContextKeys as Keys, Views } from '../constants';
import { isActive, type JobRecord } from '../engine/job';
import type { ContextKeyState } from './context-keys';
import { Disposable } from './disposable';
import { JobNode, tooltipOf } from './job-node';
import type { Services } from './services';

/** How often the elapsed time of running jobs is redrawn. */
const TICK_MS = 1_000;

/**
 * The Jobs view: every job, newest first. A changed job redraws only its own node; the whole
 * list is redrawn only when jobs are added or removed.
 */
export class JobsTree extends Disposable implements vscode.TreeDataProvider<JobNode> {
  private readonly nodes = new Map<string, JobNode>();
  /** `nodes` newest first; made again when jobs are added or removed. */
  private sorted: JobNode[] | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<JobNode | JobNode[] | undefined>());
  private ticker: NodeJS.Timeout | undefined;
  /** The number of running jobs the badge shows. */
  private badgeCount = 0;
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<JobNode>;

  constructor(
    private readonly services: Services,
    private readonly contextKeys: ContextKeyState,
  ) {
    super();
    this.view = this.register(
      vscode.window.createTreeView(Views.jobs, { treeDataProvider: this, canSelectMany: true }),
    );
    this.register(services.onDidChangeJob((job) => this.jobChanged(job)));
    this.register(services.onDidRemoveJob((id) => this.jobRemoved(id)));
    this.register(services.onDidResetJobs(() => this.reload()));
    this.register({ dispose: () => this.stopTicking() });
    this.reload();
  }

  getTreeItem(node: JobNode): JobNode {
    return node;
  }

  /** Fills in the tooltip when the user hovers a job, so refreshes skip building Markdown. */
  resolveTreeItem(_item: vscode.TreeItem, node: JobNode): JobNode {
    node.tooltip ??= tooltipOf(node.job);
    return node;
  }

  /** The jobs, newest first (the view has one level). */
  getChildren(parent?: JobNode): JobNode[] {
    if (parent) return [];
    this.sorted ??= [...this.nodes.values()].sort((a, b) => b.job.createdAt - a.job.createdAt);
    return this.sorted;
  }

  getParent(): undefined {
    return undefined;
  }

  /** The node showing a job, if it is in the view. */
  node(id: string): JobNode | undefined {
    return this.nodes.get(id);
  }

  /**
   * Redraws the list from the engine's. The engine replaces a job's record whenever it changes,
   * so a node still holding the same record is current (unless it runs: its time moves on) and
   * is not rebuilt: with a long history most nodes are.
   */
  reload(): void {
    const jobs = this.services.engine.list();
    const keep = new Set(jobs.map((job) => job.id));
    for (const id of [...this.nodes.keys()]) if (!keep.has(id)) this.nodes.delete(id);
    for (const job of jobs) {
      const node = this.nodes.get(job.id);
      if (!node) this.nodes.set(job.id, new JobNode(job));
      else if (node.job !== job || isActive(job.state)) node.update(job);
    }
    this.listChanged();
  }

  private jobChanged(job: JobRecord): void {
    const node = this.nodes.get(job.id);
    if (node) {
      // The engine may report a record again unchanged (read back from the store): nothing to redraw.
      if (JSON.stringify(node.job) === JSON.stringify(job)) return;
      node.update(job);
      this.changed.fire(node);
      this.updateSummary();
    } else {
      this.nodes.set(job.id, new JobNode(job));
      this.listChanged();
    }
  }

  private jobRemoved(id: string): void {
    if (this.nodes.delete(id)) this.listChanged();
  }

  private listChanged(): void {
    this.sorted = undefined;
    this.changed.fire(undefined);
    this.contextKeys.set(Keys.hasJobs, this.nodes.size > 0);
    this.updateSummary();
  }

  /** Badge with the number of running jobs, and the ticker that keeps their elapsed time current. */
  private updateSummary(): void {
    const running = [...this.nodes.values()].filter((node) => isActive(node.job.state)).length;
    // Each badge sent is a message to the workbench: only when the number changes.
    if (running !== this.badgeCount) {
      this.badgeCount = running;
      this.view.badge = running ? { value: running, tooltip: runningText(running) } : undefined;
    }
    if (running && !this.ticker) this.ticker = setInterval(() => this.tick(), TICK_MS);
    else if (!running) this.stopTicking();
  }

  private tick(): void {
    const now = Date.now();
    const running = [...this.nodes.values()].filter((node) => isActive(node.job.state));
    for (const node of running) node.update(node.job, now);
    if (running.length) this.changed.fire(running);
  }

  private stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }
}

function runningText(count: number): string {
  return count === 1
    ? vscode.l10n.t('1 Magic Hour job running')
    : vscode.l10n.t('{0} Magic Hour jobs running', count);
}

/** Shows the Jobs view and keeps it current. */
export function registerJobsTree(
  context: vscode.ExtensionContext,
  services: Services,
  contextKeys: ContextKeyState,
): JobsTree {
  const tree = new JobsTree(services, contextKeys);
  context.subscriptions.push(tree);
  return tree;
}
