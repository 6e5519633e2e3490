/**
 * Shared steps of the workflow integration tests (commands, tree, token): reach the extension's
 * test API, point it at a local Magic Hour double, store a token through the real command, and
 * wait for jobs to reach a state.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImageToVideoSettings, VideoToVideoSettings } from '../../src/catalog/settings';
import { Commands, Settings } from '../../src/constants';
import type { JobRecord, JobState } from '../../src/engine/job';
import type { MagicHourTestApi } from '../../src/extension';
import type { SetTokenResult } from '../../src/ui/token';
import { startDouble, type DoubleOptions, type MagicHourDouble } from '../double/server';

export const EXTENSION_ID = 'magic-hour-community.magic-hour-vscode';

/** A token the double accepts (any token not starting with "bad"); tests search for it in files. */
export const TOKEN = 'mh-integration-token-3f9c2a7d';

/** Activates the extension and returns what `activate()` returned. */
export async function getApi(): Promise<MagicHourTestApi> {
  const extension = vscode.extensions.getExtension<MagicHourTestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await api.services.settled();
  return api;
}

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sets a `magicHour.*` setting in the user's (global) settings; undefined removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration(Settings.section)
    .update(key, value, vscode.ConfigurationTarget.Global);
}

/** Points the extension at `url` and waits until its engine was rebuilt for it. */
export async function useApiUrl(api: MagicHourTestApi, url: string): Promise<void> {
  await setSetting(Settings.apiBaseUrl, url);
  await waitFor(`the engine to use ${url}`, () => api.services.apiBaseUrl === url);
  await api.services.settled();
}

/** Starts a double, points the extension at it and stores {@link TOKEN} through Set API Token. */
export async function startWorkflow(
  api: MagicHourTestApi,
  options: DoubleOptions = {},
): Promise<MagicHourDouble> {
  const double = await startDouble({ renderMs: 300, ...options });
  await useApiUrl(api, double.apiUrl);
  // Previews opening on every finished job would pile up tabs; the tree tests turn it on where needed.
  await setSetting(Settings.openPreviewOnCompletion, false);
  const result = await vscode.commands.executeCommand<SetTokenResult>(Commands.setToken, { token: TOKEN });
  assert.equal(result.stored, true, `the token was not stored: ${result.message ?? result.reason}`);
  return double;
}

/** Stops every running job, forgets finished ones and closes the double. */
export async function endWorkflow(api: MagicHourTestApi, double: MagicHourDouble | undefined): Promise<void> {
  for (const job of api.engine.list()) {
    if (['uploading', 'creating', 'queued', 'rendering', 'downloading'].includes(job.state)) {
      await api.engine.stop(job.id);
    }
  }
  await api.engine.clearFinished();
  for (const job of api.engine.list()) await api.engine.forget(job.id).catch(() => undefined);
  await setSetting(Settings.openPreviewOnCompletion, undefined);
  await setSetting(Settings.outputFolder, undefined);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await double?.close();
}

/** The test workspace's folder (the harness copies sample.png, sample.mp4 and notes.txt there). */
export function workspacePath(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri.fsPath;
}

/** A file in the test workspace. */
export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspacePath(), name));
}

/** Valid image-to-video settings for the default model. */
export function imageSettings(overrides: Partial<ImageToVideoSettings> = {}): ImageToVideoSettings {
  return { model: 'default', resolution: '720p', endSeconds: 5, ...overrides };
}

/** Valid video-to-video settings. */
export function videoSettings(overrides: Partial<VideoToVideoSettings> = {}): VideoToVideoSettings {
  return {
    startSeconds: 0,
    endSeconds: 2,
    artStyle: '3D Render',
    model: 'default',
    promptType: 'default',
    version: 'default',
    fpsResolution: 'FULL',
    ...overrides,
  };
}

/** Submits an image-to-video job for a workspace file the way the form does, and returns it. */
export async function submitImage(
  api: MagicHourTestApi,
  settings: ImageToVideoSettings = imageSettings(),
  file = workspaceFile('sample.png'),
): Promise<JobRecord> {
  const result = await api.submitHandler({ mode: 'image-to-video', files: [file] })(settings);
  assert.deepEqual(result.errors, []);
  assert.equal(result.submitted.length, 1);
  const job = api.engine.get(result.submitted[0]!.jobId);
  assert.ok(job, 'the submitted job is not in the engine');
  return job;
}

/** Waits until a job is in one of `states` and returns its record. */
export function waitForState(
  api: MagicHourTestApi,
  id: string,
  states: JobState[],
  timeoutMs = 20_000,
): Promise<JobRecord> {
  return waitFor(
    `job ${id} to be ${states.join(' or ')} (it is ${api.engine.get(id)?.state ?? 'gone'})`,
    () => {
      const job = api.engine.get(id);
      return job && states.includes(job.state) ? job : undefined;
    },
    timeoutMs,
  );
}

/** The workbench tabs showing a webview of this view type (the form or the preview). */
export function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(viewType));
}

/** The parent folder of a path (for expected output folders). */
export function folderOf(file: vscode.Uri): string {
  return path.dirname(file.fsPath);
}
