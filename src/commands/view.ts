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
        removed
          ? `Magic Hour: removed ${removed} finished job${removed === 1 ? '' : 's'}`
          : 'Magic Hour: no finished jobs',
        3_000,
      );
      return removed;
    }),
    vscode.commands.registerCommand(Commands.showLog, () => deps.log.show()),
  ];
}
