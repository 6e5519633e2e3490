import * as vscode from 'vscode';
import { Commands } from '../constants';
import { isActive } from '../engine/job';
import { describeError } from '../ui/log';
import type { CommandDeps } from './deps';
import { confirmedByCaller, jobsFromArgs } from './job-args';

/** Re-run with Same Settings, Stop Tracking and Delete on Magic Hour. */
export function registerJobManageCommands(deps: CommandDeps): vscode.Disposable[] {
  const { services } = deps;
  return [
    vscode.commands.registerCommand(Commands.rerun, async (arg: unknown, selection?: unknown) => {
      const jobs = jobsFromArgs(services, arg, selection).filter((job) => !isActive(job.state));
      if (jobs.length === 0 || !(await deps.tokens.ensure())) return [];
      const started: string[] = [];
      for (const job of jobs) {
        try {
          started.push((await services.engine.rerun(job.id)).id);
        } catch (error) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Magic Hour: could not re-run “{0}”: {1}', job.name, describeError(error)),
          );
        }
      }
      return started;
    }),
    vscode.commands.registerCommand(Commands.stopTracking, async (arg: unknown, selection?: unknown) => {
      for (const job of jobsFromArgs(services, arg, selection).filter((j) => isActive(j.state))) {
        await services.engine.stop(job.id);
        deps.log.info(`job ${job.id}: stopped tracking (nothing changed on Magic Hour)`);
      }
    }),
    vscode.commands.registerCommand(Commands.deleteRemote, async (arg: unknown, selection?: unknown) => {
      const jobs = jobsFromArgs(services, arg, selection).filter((j) => j.projectId && j.state !== 'deleted');
      if (jobs.length === 0) return false;
      if (!confirmedByCaller(arg) && !(await confirmDelete(jobs.map((job) => job.name)))) return false;
      let deleted = true;
      for (const job of jobs) {
        try {
          await services.engine.deleteRemote(job.id);
          deps.log.info(`job ${job.id}: project ${job.projectId} deleted on Magic Hour`);
        } catch (error) {
          deleted = false;
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Magic Hour: could not delete “{0}”: {1}', job.name, describeError(error)),
          );
        }
      }
      return deleted;
    }),
  ];
}

/** The modal question before a permanent delete; it says plainly that this is not a cancel. */
async function confirmDelete(names: string[]): Promise<boolean> {
  const question =
    names.length === 1
      ? vscode.l10n.t('Delete “{0}” on Magic Hour?', names[0] ?? '')
      : vscode.l10n.t('Delete {0} jobs on Magic Hour?', names.length);
  const deletePermanently = vscode.l10n.t('Delete Permanently');
  const choice = await vscode.window.showWarningMessage(
    question,
    {
      modal: true,
      detail: vscode.l10n.t(
        'This permanently deletes the project and its rendered video from your Magic Hour account. It is not a cancel: to cancel a render that is still running, use the Magic Hour dashboard. Files already saved on this computer are kept.',
      ),
    },
    deletePermanently,
  );
  return choice === deletePermanently;
}
