import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createSubmitHandler } from './commands/submit';
import type { JobEngine } from './engine/engine';
import type { JobRecord } from './engine/job';
import { setL10nBundle } from './l10n';
import { readApiBaseUrl } from './ui/config';
import { ContextKeyState } from './ui/context-keys';
import type { FormTarget, SubmitHandler } from './ui/form-panel';
import { registerJobDetails } from './ui/job-details';
import { registerJobsTree, type JobsTree } from './ui/jobs-tree';
import { registerLog, type Log } from './ui/log';
import { registerNotifications, type JobNotifications } from './ui/notifications';
import { showPreview } from './ui/preview-panel';
import { registerServices, type Services } from './ui/services';
import { registerStatusBar, type JobsStatusBar } from './ui/status-bar';
import { registerToken, type TokenService } from './ui/token';

/**
 * What `activate()` returns: handles for the integration tests and other tooling. Not a stable
 * API for other extensions; it changes with the code.
 */
export interface MagicHourTestApi {
  /** The extension's context (its storage and log folders, its global state). */
  readonly context: vscode.ExtensionContext;
  /** The client and engine in use (`services.engine` changes when the API URL setting does). */
  readonly services: Services;
  readonly engine: JobEngine;
  readonly tokens: TokenService;
  readonly tree: JobsTree;
  readonly statusBar: JobsStatusBar;
  readonly notifications: JobNotifications;
  readonly log: Log;
  /** The last value set for each context key (`magicHour.hasToken`, `magicHour.hasJobs`). */
  readonly contextKeys: ContextKeyState;
  /** The handler the form calls on Submit for a target, to submit without the webview. */
  submitHandler(target: FormTarget): SubmitHandler;
}

/** The running services, kept for `deactivate()`, which must wait for the engine to let go of its jobs. */
let running: Services | undefined;

/** Wires the features together; each feature registers its own disposables. */
export function activate(context: vscode.ExtensionContext): MagicHourTestApi {
  setL10nBundle(vscode.l10n.bundle, vscode.env.language); // for the catalog, engine and API client
  const log = registerLog(context);
  const contextKeys = new ContextKeyState();
  const tokens = registerToken(context, log, contextKeys, () => readApiBaseUrl().url);
  const services = registerServices(context, tokens, log);
  const tree = registerJobsTree(context, services, contextKeys);
  const statusBar = registerStatusBar(context, services);
  const details = registerJobDetails(context, services);
  const preview = (job: JobRecord): void =>
    showPreview(context, job, services.onJobChange, (line) => log.info(`preview: ${line}`));
  const notifications = registerNotifications(
    context,
    services,
    { preview, showDetails: (job) => void details.open(job) },
    log,
  );
  const deps = { context, services, tokens, log, details, preview };
  registerCommands(deps);
  running = services;
  return {
    context,
    services,
    get engine() {
      return services.engine;
    },
    tokens,
    tree,
    statusBar,
    notifications,
    log,
    contextKeys,
    submitHandler: (target) => createSubmitHandler(deps, target),
  };
}

/** Stops the job engine: requests in flight end, and the jobs resume in the next window. */
export function deactivate(): Promise<void> | undefined {
  const services = running;
  running = undefined;
  return services?.shutDown();
}
