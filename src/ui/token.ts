/**
 * The Magic Hour API token: kept in VS Code's SecretStorage and nowhere else (never in settings,
 * never in extension state). When SecretStorage fails, the user is asked and the token lives in
 * memory for this session only.
 */
import * as vscode from 'vscode';
import { MagicHourClient } from '../api/client';
import { isMagicHourError, MagicHourError } from '../api/errors';
import { ContextKeys as Keys, TOKEN_SECRET_KEY } from '../constants';
import type { ContextKeyState } from './context-keys';
import { Disposable } from './disposable';
import { describeError, type Log } from './log';

/** A project id that cannot exist: asking for it answers 404 to a valid token and 401 to a bad one. */
const TOKEN_CHECK_PROJECT_ID = 'magic-hour-vscode-token-check';

/** What checking a token against the API found. */
export type TokenCheck =
  | { kind: 'valid' }
  /** Magic Hour refused the token (401). */
  | { kind: 'rejected'; message: string }
  /** The check could not tell (API unreachable, unexpected answer). */
  | { kind: 'unverified'; message: string };

/**
 * Arguments of the Set API Token command when it is run from code (tests, other tooling).
 * From the Command Palette it takes none and asks with a password input box.
 */
export interface SetTokenArgs {
  /** The token to check and store, instead of asking for it. */
  token?: string;
  /** What to do when the API cannot be reached to check the token; when absent, the user is asked. */
  saveIfUnverified?: boolean;
}

/** What Set API Token did. */
export interface SetTokenResult {
  stored: boolean;
  /** Why nothing was stored. */
  reason?: 'cancelled' | 'rejected' | 'unverified';
  /** The message shown to the user, if any. */
  message?: string;
}

/** Reads, checks, stores and clears the API token, and keeps `magicHour.hasToken` up to date. */
export class TokenService extends Disposable {
  /** The token as last read from SecretStorage (or typed, when SecretStorage failed). */
  private token: string | undefined;
  /** False until SecretStorage was read successfully, and again after it reported a change. */
  private known = false;
  private warnedStorageFailure = false;
  /** The token a 401 was already reported for: each token is questioned once. */
  private questionedToken: string | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private questions = 0;
  /** True once the user was told that jobs wait for a token; again false when one is set. */
  private toldMissing = false;

  /** The token was set, cleared or changed in another window. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly contextKeys: ContextKeyState,
    /** The API base URL a new token is checked against. */
    private readonly baseUrl: () => string,
  ) {
    super();
    this.register(
      secrets.onDidChange((event) => {
        if (event.key !== TOKEN_SECRET_KEY) return;
        this.known = false;
        void this.get().then(() => this.changed.fire());
      }),
    );
  }

  /** How many times a 401 led to the "replace the token?" question (for tests and tooling). */
  get unauthorizedQuestions(): number {
    return this.questions;
  }

  /** The stored token, or undefined when there is none or SecretStorage cannot be read. */
  async get(): Promise<string | undefined> {
    if (this.known) return this.token;
    try {
      this.token = (await this.secrets.get(TOKEN_SECRET_KEY))?.trim() || undefined;
      this.known = true;
    } catch (error) {
      this.reportStorageFailure('read', error);
    }
    this.log.addSecret(this.token);
    this.contextKeys.set(Keys.hasToken, this.token !== undefined);
    return this.token;
  }

  /** The token for an API request; throws a `no-token` MagicHourError when there is none. */
  async require(): Promise<string> {
    const token = await this.get();
    if (!token) throw new MagicHourError({ kind: 'no-token' });
    return token;
  }

  /** True when a token is available, after asking the user for one if needed. */
  async ensure(): Promise<boolean> {
    if (await this.get()) return true;
    const result = await this.set(
      {},
      vscode.l10n.t('Magic Hour needs an API token before it can start the job.'),
    );
    return result.stored;
  }

  /**
   * Asks for a token (or takes `args.token`), checks it with a cheap API call and stores it.
   * A token Magic Hour rejects is never stored; one that cannot be checked is stored only if the
   * user (or `args.saveIfUnverified`) says so.
   */
  async set(args: SetTokenArgs = {}, why?: string): Promise<SetTokenResult> {
    let token: string;
    let check: TokenCheck;
    if (args.token !== undefined) {
      token = args.token.trim();
      this.log.addSecret(token);
      const problem = shapeProblem(token);
      check = problem ? { kind: 'rejected', message: problem } : await this.check(token);
    } else {
      const answer = await this.ask(why);
      if (!answer) return { stored: false, reason: 'cancelled' };
      ({ token, check } = answer);
    }
    if (check.kind === 'rejected') {
      void vscode.window.showErrorMessage(check.message);
      return { stored: false, reason: 'rejected', message: check.message };
    }
    if (check.kind === 'unverified') {
      const saveAnyway = vscode.l10n.t('Save Anyway');
      const save =
        args.saveIfUnverified ??
        (await vscode.window.showWarningMessage(
          vscode.l10n.t('Magic Hour could not check the token.'),
          { modal: true, detail: vscode.l10n.t('{0}\n\nSave the token anyway?', check.message) },
          saveAnyway,
        )) === saveAnyway;
      if (!save) return { stored: false, reason: 'unverified', message: check.message };
    }
    await this.store(token);
    return { stored: true };
  }

  /** Removes the token from SecretStorage. */
  async clear(): Promise<void> {
    try {
      await this.secrets.delete(TOKEN_SECRET_KEY);
    } catch (error) {
      this.reportStorageFailure('delete', error);
    }
    this.token = undefined;
    this.known = true;
    this.contextKeys.set(Keys.hasToken, false);
    this.changed.fire();
    this.log.info('API token cleared');
  }

  /**
   * Checks a token against the configured API: GET of a project that cannot exist answers 404
   * to a valid token and 401 to a bad one, and costs nothing.
   */
  async check(token: string): Promise<TokenCheck> {
    const baseUrl = this.baseUrl();
    this.log.addSecret(token);
    let client: MagicHourClient;
    try {
      client = new MagicHourClient({
        baseUrl,
        getToken: async () => token,
        timeouts: { headersMs: 15_000, bodyMs: 15_000 },
        log: (line) => this.log.info(`token check: ${line}`),
      });
    } catch (error) {
      return {
        kind: 'unverified',
        message: vscode.l10n.t('The API base URL {0} is not usable: {1}', baseUrl, describeError(error)),
      };
    }
    try {
      await client.getProject(TOKEN_CHECK_PROJECT_ID, { retry: false });
      return { kind: 'valid' };
    } catch (error) {
      if (!isMagicHourError(error)) {
        return {
          kind: 'unverified',
          message: vscode.l10n.t('Checking the token failed: {0}', describeError(error)),
        };
      }
      if (error.status === 404) return { kind: 'valid' };
      if (error.status === 401) {
        return {
          kind: 'rejected',
          message: vscode.l10n.t(
            'Magic Hour rejected this API token (401 Unauthorized). Check that you copied the whole key, or create a new one.',
          ),
        };
      }
      if (error.kind === 'network' || error.kind === 'timeout') {
        return {
          kind: 'unverified',
          message: vscode.l10n.t('Could not reach Magic Hour at {0}. {1}', baseUrl, error.message),
        };
      }
      return {
        kind: 'unverified',
        message: vscode.l10n.t('Magic Hour answered the token check unexpectedly. {0}', error.message),
      };
    }
  }

  /** Called when a request answered 401: asks once per token whether to replace it. */
  handleUnauthorized(): void {
    const current = this.token ?? '';
    if (this.questionedToken === current) return;
    this.questionedToken = current;
    this.questions++;
    this.log.warn('Magic Hour answered 401 Unauthorized: the API token is invalid or was revoked');
    const replaceToken = vscode.l10n.t('Replace Token');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Magic Hour rejected the API token (401 Unauthorized): it is invalid or was revoked.'),
        replaceToken,
      )
      .then((choice) => (choice === replaceToken ? this.set() : undefined));
  }

  /** Called when jobs wait for a token that is not there: says so once, with a way to set it. */
  handleMissingToken(): void {
    if (this.toldMissing) return;
    this.toldMissing = true;
    this.log.warn('jobs wait for the API token: none is set, or secret storage could not be read');
    const setToken = vscode.l10n.t('Set API Token');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Magic Hour needs the API token to continue your jobs.'), setToken)
      .then((choice) => (choice === setToken ? this.set() : undefined));
  }

  private async store(token: string): Promise<void> {
    this.log.addSecret(token);
    try {
      await this.secrets.store(TOKEN_SECRET_KEY, token);
      this.log.info('API token saved in secret storage');
      void vscode.window.showInformationMessage(vscode.l10n.t('Magic Hour API token saved.'));
    } catch (error) {
      this.reportStorageFailure('store', error);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          "VS Code's secret storage could not save the Magic Hour token: it is kept for this session only.",
        ),
      );
    }
    this.token = token;
    this.known = true;
    this.questionedToken = undefined;
    this.toldMissing = false;
    this.contextKeys.set(Keys.hasToken, true);
    this.changed.fire();
  }

  /** Password input box that checks the token before closing, so a typo can be fixed in place. */
  private ask(why?: string): Promise<{ token: string; check: TokenCheck } | undefined> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      box.title = vscode.l10n.t('Magic Hour: Set API Token');
      box.prompt = why
        ? vscode.l10n.t(
            "{0} Paste your Magic Hour API key. It is kept in VS Code's secret storage only.",
            why,
          )
        : vscode.l10n.t("Paste your Magic Hour API key. It is kept in VS Code's secret storage only.");
      box.placeholder = vscode.l10n.t('Magic Hour API key');
      box.password = true;
      box.ignoreFocusOut = true;
      let settled = false;
      const finish = (answer: { token: string; check: TokenCheck } | undefined): void => {
        if (settled) return;
        settled = true;
        resolve(answer);
        box.dispose();
      };
      box.onDidChangeValue((value) => {
        box.validationMessage = value === '' ? undefined : shapeProblem(value.trim());
      });
      box.onDidAccept(async () => {
        const token = box.value.trim();
        this.log.addSecret(token);
        const problem = shapeProblem(token);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        box.busy = true;
        box.enabled = false;
        box.validationMessage = undefined;
        const check = await this.check(token);
        box.busy = false;
        box.enabled = true;
        if (check.kind === 'rejected') box.validationMessage = check.message;
        else finish({ token, check });
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  private reportStorageFailure(action: 'read' | 'store' | 'delete', error: unknown): void {
    // A broken store fails on every request: say so once, not once per poll.
    if (action === 'read' && this.warnedStorageFailure) return;
    this.log.error(`Secret storage could not ${action} the API token`, error);
    if (action !== 'read') return;
    this.warnedStorageFailure = true;
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        "VS Code's secret storage could not be read: Magic Hour will ask for the API token when it needs it.",
      ),
    );
  }
}

/** Why a string cannot be a token, or undefined when it could be one. */
export function shapeProblem(token: string): string | undefined {
  if (token === '') return vscode.l10n.t('Paste the API key from your Magic Hour account.');
  if (/\s/.test(token)) return vscode.l10n.t('An API key has no spaces or line breaks.');
  return undefined;
}

/** Creates the token service and publishes `magicHour.hasToken` once SecretStorage answers. */
export function registerToken(
  context: vscode.ExtensionContext,
  log: Log,
  contextKeys: ContextKeyState,
  baseUrl: () => string,
): TokenService {
  const tokens = new TokenService(context.secrets, log, contextKeys, baseUrl);
  context.subscriptions.push(tokens);
  void tokens.get();
  return tokens;
}
