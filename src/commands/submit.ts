import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImageToVideoSettings, VideoToVideoSettings } from '../catalog/settings';
import type { SubmitRequest } from '../engine/submit-request';
import { resolveOutputFolder } from '../ui/config';
import type { FormTarget, SubmitHandler } from '../ui/form-panel';
import { describeError } from '../ui/log';
import type { CommandDeps } from './deps';

/**
 * What the form calls on Submit: makes sure there is a token (asking for one if needed), then
 * starts one job per source. A source that cannot be submitted (bad settings, a missing or
 * too large file) is reported in `errors` and the others still go.
 */
export function createSubmitHandler(deps: CommandDeps, target: FormTarget): SubmitHandler {
  return async (settings) => {
    const sources = 'youtubeUrl' in target ? [target.youtubeUrl] : target.files.map((file) => file.fsPath);
    if (!(await deps.tokens.ensure())) {
      const message = vscode.l10n.t('No API token: run "Magic Hour: Set API Token", then submit again.');
      return { submitted: [], errors: sources.map((source) => ({ source, message })) };
    }
    const result: Awaited<ReturnType<SubmitHandler>> = { submitted: [], errors: [] };
    const submitOne = async (source: string, request: SubmitRequest): Promise<void> => {
      try {
        const job = await deps.services.engine.submit(request);
        deps.log.info(`job ${job.id}: submitted ${job.mode} for ${path.basename(source)}`);
        result.submitted.push({ jobId: job.id, source });
      } catch (error) {
        // InvalidSettingsError and SourceError carry a message meant for the user; anything
        // else is unexpected, so it goes to the log too.
        const name = error instanceof Error ? error.name : '';
        if (name !== 'InvalidSettingsError' && name !== 'SourceError') {
          deps.log.error(`submitting ${source}`, error);
        }
        result.errors.push({ source, message: describeError(error) });
      }
    };

    if ('youtubeUrl' in target) {
      const outputFolder = await folderForDownload();
      if (outputFolder === undefined) {
        result.errors.push({
          source: target.youtubeUrl,
          message: vscode.l10n.t('No folder was chosen to save the clip in.'),
        });
      } else {
        const source = { kind: 'youtube', url: target.youtubeUrl } as const;
        await submitOne(target.youtubeUrl, submitRequest(target.mode, source, settings, outputFolder));
      }
      return result;
    }
    for (const file of target.files) {
      const source = { kind: 'file', path: file.fsPath } as const;
      await submitOne(file.fsPath, submitRequest(target.mode, source, settings, resolveOutputFolder(file)));
    }
    return result;
  };
}

function submitRequest(
  mode: FormTarget['mode'],
  source: SubmitRequest['source'],
  settings: ImageToVideoSettings | VideoToVideoSettings,
  outputFolder: string | undefined,
): SubmitRequest {
  return mode === 'image-to-video'
    ? { mode, source, settings: settings as ImageToVideoSettings, outputFolder }
    : { mode, source, settings: settings as VideoToVideoSettings, outputFolder };
}

/**
 * Where a clip made from a URL goes (there is no source folder to save beside): the
 * `magicHour.outputFolder` setting, else the first workspace folder, else a folder the user picks.
 */
async function folderForDownload(): Promise<string | undefined> {
  const configured = resolveOutputFolder();
  if (configured) return configured;
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (workspace?.uri.scheme === 'file') return workspace.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Save Here'),
    title: vscode.l10n.t('Magic Hour: where should the clip be saved?'),
  });
  return picked?.[0]?.fsPath;
}
