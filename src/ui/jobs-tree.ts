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
  private readonly changed = this.register(new vscode.EventEmitter<JobNode | JobNode[] | undefined>());
  private ticker: NodeJS.Timeout | undefined;
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
    return [...this.nodes.values()].sort((a, b) => b.job.createdAt - a.job.createdAt);
  }

  getParent(): undefined {
    return undefined;
  }

  /** The node showing a job, if it is in the view. */
  node(id: string): JobNode | undefined {
    return this.nodes.get(id);
  }

  /** Rebuilds every node from the engine's list. */
  reload(): void {
    const jobs = this.services.engine.list();
    const keep = new Set(jobs.map((job) => job.id));
    for (const id of [...this.nodes.keys()]) if (!keep.has(id)) this.nodes.delete(id);
    for (const job of jobs) {
      const node = this.nodes.get(job.id);
      if (node) node.update(job);
      else this.nodes.set(job.id, new JobNode(job));
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
    this.changed.fire(undefined);
    this.contextKeys.set(Keys.hasJobs, this.nodes.size > 0);
    this.updateSummary();
  }

  /** Badge with the number of running jobs, and the ticker that keeps their elapsed time current. */
  private updateSummary(): void {
    const running = [...this.nodes.values()].filter((node) => isActive(node.job.state)).length;
    this.view.badge = running
      ? { value: running, tooltip: `${running} Magic Hour job${running === 1 ? '' : 's'} running` }
      : undefined;
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
