import * as vscode from 'vscode';
import type { JobRecord } from '../engine/job';
import { JobNode } from '../ui/job-node';
import type { Services } from '../ui/services';

/**
 * How a job command names its job(s): a node of the Jobs view (with the other selected nodes
 * as the second argument), a job id (from a notification or a tree click), or, from code,
 * `{ jobId, confirm? }`.
 */
export type JobArg = JobNode | string | { jobId: string; confirm?: boolean };

/** The jobs a job command was invoked on: the selection when the clicked node is part of it. */
export function jobsFromArgs(services: Services, arg: unknown, selection?: unknown): JobRecord[] {
  const ids: string[] = [];
  const clicked = idOf(arg);
  const selected = Array.isArray(selection) ? selection.map(idOf).filter((id) => id !== undefined) : [];
  if (clicked !== undefined && selected.includes(clicked)) ids.push(...selected);
  else if (clicked !== undefined) ids.push(clicked);
  const jobs = [...new Set(ids)].map((id) => services.engine.get(id)).filter((job) => job !== undefined);
  if (jobs.length === 0) {
    void vscode.window.showWarningMessage(
      clicked === undefined
        ? vscode.l10n.t('Choose a job in the Magic Hour Jobs view.')
        : vscode.l10n.t('This job is no longer in the history.'),
    );
  }
  return jobs;
}

/** True when the caller (code, not a person) asked to skip the confirmation. */
export function confirmedByCaller(arg: unknown): boolean {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    !(arg instanceof JobNode) &&
    (arg as { confirm?: unknown }).confirm === true
  );
}

function idOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg instanceof JobNode) return arg.job.id;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { jobId?: unknown }).jobId === 'string') {
    return (arg as { jobId: string }).jobId;
  }
  return undefined;
}
