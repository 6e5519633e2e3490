import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { JobRecord } from '../engine/job';
import { describeError } from '../ui/log';
import type { CommandDeps } from './deps';
import { jobsFromArgs } from './job-args';

/** Preview, Open Output, Reveal in Explorer and Retry Download. */
export function registerJobOutputCommands(deps: CommandDeps): vscode.Disposable[] {
  const { services } = deps;
  return [
    vscode.commands.registerCommand(Commands.preview, (arg: unknown) => {
      for (const job of jobsFromArgs(services, arg)) if (outputExists(job)) deps.preview(job);
    }),
    vscode.commands.registerCommand(Commands.openOutput, async (arg: unknown) => {
      for (const job of jobsFromArgs(services, arg)) {
        if (outputExists(job)) {
          await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(job.outputPath!));
        }
      }
    }),
    vscode.commands.registerCommand(Commands.revealOutput, async (arg: unknown) => {
      const [job] = jobsFromArgs(services, arg);
      if (job && outputExists(job)) await reveal(vscode.Uri.file(job.outputPath!));
    }),
    vscode.commands.registerCommand(Commands.retryDownload, async (arg: unknown, selection?: unknown) => {
      const jobs = jobsFromArgs(services, arg, selection).filter((job) => job.projectId);
      if (jobs.length && !(await deps.tokens.ensure())) return;
      for (const job of jobs) {
        try {
          await services.engine.retrySave(job.id);
        } catch (error) {
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Magic Hour: could not download “{0}” again: {1}', job.name, describeError(error)),
          );
        }
      }
    }),
  ];
}

/** True when the job saved a file that is still there; tells the user otherwise. */
function outputExists(job: JobRecord): boolean {
  if (!job.outputPath) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Magic Hour: “{0}” has no saved output yet.', job.name),
    );
    return false;
  }
  if (!existsSync(job.outputPath)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Magic Hour: {0} was moved or deleted.', job.outputPath),
    );
    return false;
  }
  return true;
}

/** Reveals a file in the Explorer when it is in the workspace, else in the operating system's file manager. */
async function reveal(uri: vscode.Uri): Promise<void> {
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.commands.executeCommand('revealInExplorer', uri);
    return;
  }
  try {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  } catch {
    // Not every host has a file manager (a browser-based editor, say): say where the file is.
    void vscode.window.showInformationMessage(vscode.l10n.t('Magic Hour: the output is at {0}', uri.fsPath));
  }
}
