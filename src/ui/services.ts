/**
 * Builds the API client and the job engine from the settings, and builds them again when a
 * setting they are made from changes (the API base URL, the history size, the upload limit).
 * Rebuilding is the simplest correct way: the client's base URL is fixed at construction, and
 * the engine resumes its unfinished jobs from disk on start.
 *
 * Everything else listens to the job events here, not to an engine directly, so listeners
 * survive a rebuild.
 */
import * as vscode from 'vscode';
import { MagicHourClient } from '../api/client';
import { DEFAULT_API_BASE_URL, Settings } from '../constants';
import { JobEngine } from '../engine/engine';
import type { JobRecord } from '../engine/job';
import type { StoreProblem } from '../engine/store';
import { readApiBaseUrl, readEngineSettings, settingId, type EngineSettings } from './config';
import { Disposable, type DisposableLike } from './disposable';
import { describeError, type Log } from './log';
import type { TokenService } from './token';

/** Owns the current client and engine, and forwards the engine's events across rebuilds. */
export class Services extends Disposable {
  private current: Built;
  private engineListeners: DisposableLike[] = [];
  /** Start, rebuilds and shutdown run one after another. */
  private queue: Promise<void> = Promise.resolve();
  private shutdown: Promise<void> | undefined;
  private warnedUntrusted = false;

  private readonly changed = this.register(new vscode.EventEmitter<JobRecord>());
  private readonly removed = this.register(new vscode.EventEmitter<string>());
  private readonly reset = this.register(new vscode.EventEmitter<void>());
  private readonly unauthorized = this.register(new vscode.EventEmitter<void>());
  private readonly problems = this.register(new vscode.EventEmitter<StoreProblem[]>());
  private readonly tokenMissing = this.register(new vscode.EventEmitter<void>());

  /** A job was added or changed. */
  readonly onDidChangeJob = this.changed.event;
  /** A job left the history. */
  readonly onDidRemoveJob = this.removed.event;
  /** The whole job list may have changed (the engine was started or rebuilt). */
  readonly onDidResetJobs = this.reset.event;
  /** Magic Hour answered 401. */
  readonly onUnauthorized = this.unauthorized.event;
  /** Job files that could not be read were set aside. */
  readonly onStoreProblems = this.problems.event;
  /** Jobs wait for the API token, which is not there. */
  readonly onTokenMissing = this.tokenMissing.event;

  constructor(
    private readonly storageDir: string,
    private readonly tokens: TokenService,
    private readonly log: Log,
    /** Whether the workspace is trusted (tests pass their own answer). */
    private readonly isTrusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {
    super();
    this.current = this.build(readEngineSettings(this.isTrusted()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        const keys = [Settings.apiBaseUrl, Settings.historySize, Settings.maxUploadSizeMB];
        if (keys.some((key) => event.affectsConfiguration(settingId(key)))) this.rebuildIfChanged();
      }),
    );
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.rebuildIfChanged()));
    this.register(vscode.window.onDidChangeWindowState((state) => this.engine.setFocused(state.focused)));
  }

  /** The job engine in use now (it changes when a setting it is built from changes). */
  get engine(): JobEngine {
    return this.current.engine;
  }

  /** The API base URL in use now. */
  get apiBaseUrl(): string {
    return this.current.baseUrl;
  }

  /** Loads the job store and resumes unfinished jobs. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      await this.current.engine.start();
      this.reset.fire();
    });
  }

  /** Resolves once every start or rebuild asked for so far has finished. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Subscribes to job changes across rebuilds; the shape the form and preview panels take. */
  readonly onJobChange = (listener: (job: JobRecord) => void): DisposableLike =>
    this.onDidChangeJob(listener);

  /** Stops the engine: aborts requests in flight and releases this window's job locks. */
  shutDown(): Promise<void> {
    this.shutdown ??= this.enqueue(async () => {
      this.unbindEngine();
      await this.current.engine.dispose();
    });
    return this.shutdown;
  }

  override dispose(): void {
    void this.shutDown();
    super.dispose();
  }

  private rebuildIfChanged(): void {
    const next = readEngineSettings(this.isTrusted());
    const now = this.current.settings;
    if (
      next.apiBaseUrl === now.apiBaseUrl &&
      next.historySize === now.historySize &&
      next.maxUploadBytes === now.maxUploadBytes
    ) {
      return;
    }
    void this.enqueue(async () => {
      if (this.shutdown) return;
      this.log.info(`settings changed: rebuilding the job engine for ${next.apiBaseUrl}`);
      this.unbindEngine();
      // The old engine lets go of its jobs (and their locks) before the new one takes them up.
      await this.current.engine.dispose();
      this.current = this.build(next);
      await this.current.engine.start();
      this.reset.fire();
    });
  }

  private build(settings: EngineSettings): Built {
    this.warnIfWorkspaceUrlIgnored();
    const { client, baseUrl } = this.createClient(settings);
    const engine = new JobEngine({
      client,
      storageDir: this.storageDir,
      historyLimit: settings.historySize,
      maxUploadBytes: settings.maxUploadBytes,
      log: (line) => this.log.info(line),
    });
    engine.setFocused(vscode.window.state.focused);
    this.engineListeners = [
      engine.onDidChange((job) => this.changed.fire(job)),
      engine.onDidRemove((id) => this.removed.fire(id)),
      engine.onUnauthorized(() => this.unauthorized.fire()),
      engine.onStoreProblems((problems) => this.problems.fire(problems)),
      engine.onTokenMissing(() => this.tokenMissing.fire()),
    ];
    return { engine, settings, baseUrl };
  }

  /** A client for the configured URL, or for the default one (with an error) when it is unusable. */
  private createClient(settings: EngineSettings): { client: MagicHourClient; baseUrl: string } {
    const options = {
      getToken: () => this.tokens.require(),
      log: (line: string) => this.log.info(line),
      userAgent: 'magic-hour-vscode',
    };
    try {
      return {
        client: new MagicHourClient({ ...options, baseUrl: settings.apiBaseUrl }),
        baseUrl: settings.apiBaseUrl,
      };
    } catch (error) {
      const reason = describeError(error);
      this.log.error(
        `The setting magicHour.apiBaseUrl (${settings.apiBaseUrl}) is not a usable URL: ${reason}. Using ${DEFAULT_API_BASE_URL}.`,
      );
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Magic Hour: The setting magicHour.apiBaseUrl ({0}) is not a usable URL: {1}. Using {2}.',
          settings.apiBaseUrl,
          reason,
          DEFAULT_API_BASE_URL,
        ),
      );
      return {
        client: new MagicHourClient({ ...options, baseUrl: DEFAULT_API_BASE_URL }),
        baseUrl: DEFAULT_API_BASE_URL,
      };
    }
  }

  /** Tells the user once per session that an untrusted workspace's API URL is ignored. */
  private warnIfWorkspaceUrlIgnored(): void {
    const { ignoredWorkspaceValue, url } = readApiBaseUrl(this.isTrusted());
    if (ignoredWorkspaceValue === undefined || this.warnedUntrusted) return;
    this.warnedUntrusted = true;
    this.log.warn(
      `workspace is not trusted: ignoring its magicHour.apiBaseUrl (${ignoredWorkspaceValue}), using ${url}`,
    );
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Magic Hour: this workspace is not trusted, so its API URL setting ({0}) is ignored and {1} is used.',
          ignoredWorkspaceValue,
          url,
        ),
        vscode.l10n.t('Manage Workspace Trust'),
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
      });
  }

  private unbindEngine(): void {
    for (const listener of this.engineListeners) listener.dispose();
    this.engineListeners = [];
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step).catch((error: unknown) => {
      this.log.error('job engine', error);
    });
    this.queue = run;
    return run;
  }
}

/** The engine in use, the settings it was built from, and the base URL its client really uses. */
interface Built {
  engine: JobEngine;
  settings: EngineSettings;
  baseUrl: string;
}

/** Creates the services, starts the engine in the background and ties both to the extension's life. */
export function registerServices(context: vscode.ExtensionContext, tokens: TokenService, log: Log): Services {
  const services = new Services(context.globalStorageUri.fsPath, tokens, log);
  context.subscriptions.push(services);
  context.subscriptions.push(services.onUnauthorized(() => tokens.handleUnauthorized()));
  context.subscriptions.push(services.onTokenMissing(() => tokens.handleMissingToken()));
  // A token set here or in another window lets the jobs that waited for it go on at once.
  context.subscriptions.push(tokens.onDidChange(() => services.engine.refresh()));
  void services.start();
  return services;
}
