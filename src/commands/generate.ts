import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Mode } from '../engine/job';
import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS } from '../engine/source';
import { openForm, type FormTarget } from '../ui/form-panel';
import type { CommandDeps } from './deps';
import { createSubmitHandler } from './submit';

/**
 * Image to Video…, Video to Video… and Video to Video from YouTube URL…: each opens the form.
 * From the Explorer the first two get `(uri, selectedUris)` and the form submits one job per
 * selected file; from the Command Palette they ask for files. Run from code, the first two take
 * the same arguments as from the Explorer, the third takes `{ url }`. Each returns the
 * {@link FormTarget} it opened the form for, or undefined when nothing was chosen.
 */
export function registerGenerateCommands(deps: CommandDeps): vscode.Disposable[] {
  const open = (target: FormTarget): FormTarget => {
    openForm(deps.context, target, {
      submit: createSubmitHandler(deps, target),
      onJobChange: deps.services.onJobChange,
      log: (line) => deps.log.info(`form: ${line}`),
    });
    return target;
  };
  const fromFiles = (mode: Mode) => async (uri?: unknown, uris?: unknown) => {
    const files = await chooseFiles(mode, uri, uris);
    return files ? open({ mode, files }) : undefined;
  };
  return [
    vscode.commands.registerCommand(Commands.imageToVideo, fromFiles('image-to-video')),
    vscode.commands.registerCommand(Commands.videoToVideo, fromFiles('video-to-video')),
    vscode.commands.registerCommand(Commands.videoToVideoFromUrl, async (args?: unknown) => {
      const given = typeof args === 'object' && args !== null ? (args as { url?: unknown }).url : undefined;
      const url = typeof given === 'string' ? given : await askForYouTubeUrl();
      if (url === undefined) return undefined;
      const checked = checkYouTubeUrl(url);
      if ('problem' in checked) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Magic Hour: {0}', checked.problem));
        return undefined;
      }
      return open({ mode: 'video-to-video', youtubeUrl: checked.url });
    }),
  ];
}

/** Extensions a mode accepts, lower case, without the dot. */
function extensionsFor(mode: Mode): string[] {
  return mode === 'image-to-video' ? IMAGE_EXTENSIONS : VIDEO_EXTENSIONS;
}

/**
 * The files to use: the Explorer selection when the right-clicked file is part of it, else that
 * file, else the files picked in an open dialog. Files of the wrong kind are left out, with a
 * word to the user. Undefined when nothing usable was chosen.
 */
async function chooseFiles(mode: Mode, uri: unknown, uris: unknown): Promise<vscode.Uri[] | undefined> {
  const clicked = uri instanceof vscode.Uri ? uri : undefined;
  const selection = Array.isArray(uris) ? uris.filter((item) => item instanceof vscode.Uri) : [];
  let chosen: readonly vscode.Uri[] =
    clicked && selection.some((item) => item.toString() === clicked.toString())
      ? selection
      : clicked
        ? [clicked]
        : [];
  const images = mode === 'image-to-video';
  if (chosen.length === 0) {
    const kind = images ? vscode.l10n.t('Images') : vscode.l10n.t('Videos');
    chosen =
      (await vscode.window.showOpenDialog({
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: true,
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        filters: { [kind]: extensionsFor(mode) },
        openLabel: images ? vscode.l10n.t('Image to Video') : vscode.l10n.t('Video to Video'),
        title: images
          ? vscode.l10n.t('Magic Hour: choose images')
          : vscode.l10n.t('Magic Hour: choose videos'),
      })) ?? [];
    if (chosen.length === 0) return undefined;
  }
  const { usable, skipped } = splitByKind(mode, chosen);
  if (skipped.length) {
    const names = skipped.map((file) => path.basename(file.path)).join(', ');
    const accepted = extensionsFor(mode).join(', ');
    const message =
      usable.length === 0
        ? images
          ? vscode.l10n.t(
              'Magic Hour: {0} cannot be used: Magic Hour accepts only images ({1}).',
              names,
              accepted,
            )
          : vscode.l10n.t(
              'Magic Hour: {0} cannot be used: Magic Hour accepts only videos ({1}).',
              names,
              accepted,
            )
        : images
          ? vscode.l10n.t('Magic Hour: left out {0}: Magic Hour accepts only images here.', names)
          : vscode.l10n.t('Magic Hour: left out {0}: Magic Hour accepts only videos here.', names);
    void vscode.window.showWarningMessage(message);
  }
  return usable.length ? usable : undefined;
}

/** Local files with an accepted extension (any case), once each; and the rest. */
export function splitByKind(
  mode: Mode,
  files: readonly vscode.Uri[],
): { usable: vscode.Uri[]; skipped: vscode.Uri[] } {
  const accepted = extensionsFor(mode);
  const usable: vscode.Uri[] = [];
  const skipped: vscode.Uri[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.toString())) continue;
    seen.add(file.toString());
    const extension = path.extname(file.path).slice(1).toLowerCase();
    if (file.scheme === 'file' && accepted.includes(extension)) usable.push(file);
    else skipped.push(file);
  }
  return { usable, skipped };
}

function askForYouTubeUrl(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Magic Hour: Video to Video from YouTube URL'),
    prompt: vscode.l10n.t('The address of a YouTube video (the whole video is used; trim it in the form).'),
    placeHolder: 'https://www.youtube.com/watch?v=…',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? undefined : problemOf(checkYouTubeUrl(value))),
  });
}

function problemOf(result: { url: string } | { problem: string }): string | undefined {
  return 'problem' in result ? result.problem : undefined;
}

const YOUTUBE_HOSTS = /^(?:(?:www|m|music)\.)?youtube\.com$|^youtu\.be$/;

/**
 * Checks and tidies a YouTube link: adds `https://` when missing, upgrades `http:`, and accepts
 * only links that name one video (`watch?v=`, `youtu.be/…`, `/shorts/…`, `/live/…`, `/embed/…`).
 */
export function checkYouTubeUrl(input: string): { url: string } | { problem: string } {
  const text = input.trim();
  if (text === '') return { problem: vscode.l10n.t('Paste the address of a YouTube video.') };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { problem: vscode.l10n.t('{0} is not a web address.', text) };
  }
  if (url.protocol === 'http:') url.protocol = 'https:';
  if (url.protocol !== 'https:') return { problem: vscode.l10n.t('A YouTube address starts with https://.') };
  const host = url.hostname.toLowerCase();
  if (!YOUTUBE_HOSTS.test(host)) {
    return { problem: vscode.l10n.t('{0} is not YouTube: paste a youtube.com or youtu.be link.', host) };
  }
  const videoId =
    host === 'youtu.be'
      ? url.pathname.split('/')[1]
      : url.pathname === '/watch'
        ? url.searchParams.get('v')
        : /^\/(?:shorts|live|embed)\/([^/]+)/.exec(url.pathname)?.[1];
  if (!videoId || !/^[A-Za-z0-9_-]{6,}$/.test(videoId)) {
    return {
      problem: vscode.l10n.t(
        'This YouTube link does not name a video (expected …/watch?v=…, youtu.be/…, or /shorts/…).',
      ),
    };
  }
  return { url: url.toString() };
}
