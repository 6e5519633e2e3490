/**
 * Reading the `magicHour.*` settings, in one place. The one rule that is more than a lookup:
 * `magicHour.apiBaseUrl` decides where the API token is sent, so in an untrusted workspace a
 * value from the workspace's own settings is ignored and only the user's value (or the default)
 * counts.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_API_BASE_URL, Settings } from '../constants';

const DEFAULT_HISTORY_SIZE = 200;
const DEFAULT_MAX_UPLOAD_MB = 2000;

/** The settings the API client and the job engine are built from. */
export interface EngineSettings {
  apiBaseUrl: string;
  historySize: number;
  maxUploadBytes: number;
}

/** The effective API base URL, and a workspace value that was ignored because of trust. */
export interface BaseUrlSetting {
  url: string;
  /** Set when the workspace asked for another URL but is not trusted. */
  ignoredWorkspaceValue?: string;
}

/** Full key of a setting, e.g. `magicHour.apiBaseUrl`, for `affectsConfiguration`. */
export function settingId(key: string): string {
  return `${Settings.section}.${key}`;
}

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(Settings.section);
}

/**
 * The API base URL. In an untrusted workspace only the user's global value or the default is
 * used (VS Code's `restrictedConfigurations` does the same; this does not rely on it).
 */
export function readApiBaseUrl(trusted = vscode.workspace.isTrusted): BaseUrlSetting {
  const inspected = section().inspect<string>(Settings.apiBaseUrl);
  const globalOrDefault =
    clean(inspected?.globalValue) ?? clean(inspected?.defaultValue) ?? DEFAULT_API_BASE_URL;
  const fromWorkspace = clean(inspected?.workspaceFolderValue) ?? clean(inspected?.workspaceValue);
  if (trusted) return { url: fromWorkspace ?? globalOrDefault };
  if (fromWorkspace !== undefined && fromWorkspace !== globalOrDefault) {
    return { url: globalOrDefault, ignoredWorkspaceValue: fromWorkspace };
  }
  return { url: globalOrDefault };
}

function clean(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Everything the client and engine are built from. */
export function readEngineSettings(trusted = vscode.workspace.isTrusted): EngineSettings {
  const config = section();
  const historySize = positiveInteger(config.get<number>(Settings.historySize), DEFAULT_HISTORY_SIZE);
  const maxUploadMB = positiveNumber(config.get<number>(Settings.maxUploadSizeMB), DEFAULT_MAX_UPLOAD_MB);
  return {
    apiBaseUrl: readApiBaseUrl(trusted).url,
    historySize,
    // Decimal megabytes, as the plans and the engine's messages count them.
    maxUploadBytes: Math.round(maxUploadMB * 1000 ** 2),
  };
}

/** True when a finished job's preview should open by itself. */
export function readOpenPreviewOnCompletion(): boolean {
  return section().get<boolean>(Settings.openPreviewOnCompletion, true) !== false;
}

/**
 * The folder an output goes to, from `magicHour.outputFolder`: undefined when the setting is
 * empty (the engine then saves beside the source). A relative path resolves against the
 * workspace folder of `source` (or the first workspace folder); `~` is the home folder.
 */
export function resolveOutputFolder(source?: vscode.Uri): string | undefined {
  const value = section().get<string>(Settings.outputFolder, '').trim();
  if (!value) return undefined;
  const expanded = value === '~' || value.startsWith('~/') ? path.join(os.homedir(), value.slice(1)) : value;
  if (path.isAbsolute(expanded)) return path.normalize(expanded);
  const folder =
    (source && vscode.workspace.getWorkspaceFolder(source)) ?? vscode.workspace.workspaceFolders?.[0];
  if (folder) return path.join(folder.uri.fsPath, expanded);
  return source ? path.join(path.dirname(source.fsPath), expanded) : undefined;
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
