import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';
import { jobsFromArgs } from './job-args';

/** Copy Project ID and Show Details. */
export function registerJobInfoCommands(deps: CommandDeps): vscode.Disposable[] {
  const { services } = deps;
  return [
    vscode.commands.registerCommand(Commands.copyProjectId, async (arg: unknown, selection?: unknown) => {
      const ids = jobsFromArgs(services, arg, selection).flatMap((job) =>
        job.projectId ? [job.projectId] : [],
      );
      if (ids.length === 0) return;
      await vscode.env.clipboard.writeText(ids.join('\n'));
      const copied =
        ids.length === 1
          ? vscode.l10n.t('Copied the project ID')
          : vscode.l10n.t('Copied {0} project IDs', ids.length);
      vscode.window.setStatusBarMessage(`$(copy) ${copied}`, 3_000);
    }),
    vscode.commands.registerCommand(Commands.showDetails, async (arg: unknown) => {
      const [job] = jobsFromArgs(services, arg);
      if (job) await deps.details.open(job);
    }),
  ];
}
