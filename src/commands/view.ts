import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CommandDeps } from './deps';

/** The Jobs view's title actions (Refresh, Clear Finished) and Show Log. */
export function registerViewCommands(deps: CommandDeps): vscode.Disposable[] {
  const { services } = deps;
  return [
    vscode.commands.registerCommand(Commands.refreshJobs, () => services.engine.refresh()),
    vscode.commands.registerCommand(Commands.clearFinished, async () => {
      const removed = await services.engine.clearFinished();
      vscode.window.setStatusBarMessage(
        removed === 0
          ? vscode.l10n.t('Magic Hour: no finished jobs')
          : removed === 1
            ? vscode.l10n.t('Magic Hour: removed 1 finished job')
            : vscode.l10n.t('Magic Hour: removed {0} finished jobs', removed),
        3_000,
      );
      return removed;
    }),
    vscode.commands.registerCommand(Commands.showLog, () => deps.log.show()),
  ];
}
