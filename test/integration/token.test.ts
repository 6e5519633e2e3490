import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys, Settings, TOKEN_SECRET_KEY } from '../../src/constants';
import type { MagicHourTestApi } from '../../src/extension';
import type { ContextKeyState } from '../../src/ui/context-keys';
import type { Log } from '../../src/ui/log';
import { TokenService, type SetTokenResult } from '../../src/ui/token';
import { startDouble, type MagicHourDouble } from '../double/server';
import {
  endWorkflow,
  getApi,
  startWorkflow,
  submitImage,
  TOKEN,
  useApiUrl,
  waitFor,
  waitForState,
} from './helpers';

const BAD_TOKEN = 'bad-token-e1d2c3b4';
const UNCHECKED_TOKEN = 'mh-unchecked-token-9a8b7c';

function setToken(args: { token: string; saveIfUnverified?: boolean }): Thenable<SetTokenResult> {
  return vscode.commands.executeCommand<SetTokenResult>(Commands.setToken, args);
}

/** Every file below `dir` (missing folders count as empty). */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile());
}

/** Token checks the double received, newest last. */
function tokenChecks(double: MagicHourDouble) {
  return double.requests.filter(
    (r) => r.route === 'get-project' && r.url.endsWith('/magic-hour-vscode-token-check'),
  );
}

describe('API token', function () {
  this.timeout(60_000);
  let api: MagicHourTestApi;
  let double: MagicHourDouble;

  before(async () => {
    api = await getApi();
    double = await startWorkflow(api);
  });

  after(async () => {
    double.configure({ acceptToken: (token) => !token.startsWith('bad') });
    await endWorkflow(api, double);
  });

  it('checks a valid token with one GET of a project that does not exist, and stores it', async () => {
    double.clearRequests();
    const result = await setToken({ token: `  ${TOKEN}\n` });
    assert.deepEqual(result, { stored: true });
    const [check] = tokenChecks(double);
    assert.ok(check, 'no token check reached the double');
    assert.equal(check.status, 404);
    assert.equal(check.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(await api.context.secrets.get(TOKEN_SECRET_KEY), TOKEN, 'stored trimmed, in SecretStorage');
    assert.equal(api.contextKeys.get(ContextKeys.hasToken), true);
  });

  it('rejects a token Magic Hour refuses, says why, and keeps the old one', async () => {
    double.clearRequests();
    const result = await setToken({ token: BAD_TOKEN });
    assert.equal(result.stored, false);
    assert.equal(result.reason, 'rejected');
    assert.match(result.message ?? '', /rejected this API token \(401/);
    assert.equal(tokenChecks(double)[0]?.status, 401);
    assert.equal(await api.context.secrets.get(TOKEN_SECRET_KEY), TOKEN);
  });

  it('rejects an empty token or one with spaces without asking Magic Hour', async () => {
    double.clearRequests();
    for (const token of ['   ', 'two words']) {
      const result = await setToken({ token });
      assert.equal(result.stored, false, `"${token}" was stored`);
      assert.equal(result.reason, 'rejected');
    }
    assert.equal(tokenChecks(double).length, 0);
  });

  it('when the API cannot be reached, says so and saves only if told to', async () => {
    const closed = await closedApiUrl();
    await useApiUrl(api, closed);
    try {
      const refused = await setToken({ token: UNCHECKED_TOKEN, saveIfUnverified: false });
      assert.equal(refused.stored, false);
      assert.equal(refused.reason, 'unverified');
      assert.match(refused.message ?? '', /Could not reach Magic Hour at http:\/\/127\.0\.0\.1/);
      assert.equal(await api.context.secrets.get(TOKEN_SECRET_KEY), TOKEN);

      const saved = await setToken({ token: UNCHECKED_TOKEN, saveIfUnverified: true });
      assert.equal(saved.stored, true);
      assert.equal(await api.context.secrets.get(TOKEN_SECRET_KEY), UNCHECKED_TOKEN);
    } finally {
      await useApiUrl(api, double.apiUrl);
      await setToken({ token: TOKEN });
    }
  });

  it('Clear API Token removes it, and the client then refuses to call without one', async () => {
    await vscode.commands.executeCommand(Commands.clearToken);
    assert.equal(await api.context.secrets.get(TOKEN_SECRET_KEY), undefined);
    assert.equal(api.contextKeys.get(ContextKeys.hasToken), false);
    await assert.rejects(api.tokens.require(), (error: Error) => {
      assert.equal((error as Error & { kind?: string }).kind, 'no-token');
      return true;
    });
    assert.deepEqual(await setToken({ token: TOKEN }), { stored: true });
    assert.equal(api.contextKeys.get(ContextKeys.hasToken), true);
  });

  it('asks once whether to replace a token that Magic Hour starts refusing (401)', async () => {
    double.configure({ renderMs: 60_000 });
    const job = await submitImage(api);
    await waitForState(api, job.id, ['queued', 'rendering']);
    const before = api.tokens.unauthorizedQuestions;
    double.clearRequests();
    double.configure({ acceptToken: () => false });
    // Several polls answer 401; the question is asked once.
    await waitFor(
      'two polls answered 401',
      () => double.requests.filter((r) => r.route === 'get-project' && r.status === 401).length >= 2,
      30_000,
    );
    assert.equal(api.tokens.unauthorizedQuestions, before + 1);
    double.configure({ acceptToken: (token) => !token.startsWith('bad'), renderMs: 300 });
    await api.engine.stop(job.id);
  });

  it('when SecretStorage fails, keeps a token for this session only and never elsewhere', async () => {
    const broken: vscode.SecretStorage = {
      get: () => Promise.reject(new Error('keyring locked')),
      store: () => Promise.reject(new Error('keyring locked')),
      delete: () => Promise.reject(new Error('keyring locked')),
      onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
    };
    // Stand-ins: a second real log channel of the same name would share, and close, the real one's file.
    const log = {
      addSecret: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    } as unknown as Log;
    const keys = { set: () => undefined, get: () => undefined } as unknown as ContextKeyState;
    const tokens = new TokenService(broken, log, keys, () => double.apiUrl);
    try {
      assert.equal(await tokens.get(), undefined, 'a failed read counts as "no token": the user is asked');
      assert.deepEqual(await tokens.set({ token: TOKEN }), { stored: true });
      assert.equal(await tokens.require(), TOKEN);
    } finally {
      tokens.dispose();
    }
  });

  it('never writes the token to the log, the settings, the job store or the extension state', async () => {
    // A finished job, so the store holds a full record and the log has request lines.
    const job = await submitImage(api);
    await waitForState(api, job.id, ['done']);
    api.log.info('token audit: log flushed');

    const exthostLogs = path.resolve(api.context.logUri.fsPath, '..');
    const channelFile = await waitFor('the Magic Hour log file to hold the audit line', () =>
      filesBelow(exthostLogs).find(
        (file) =>
          path.basename(file).includes('Magic Hour') && fs.readFileSync(file, 'utf8').includes('token audit'),
      ),
    );
    const userDir = path.resolve(api.context.globalStorageUri.fsPath, '..', '..');
    const files = [
      channelFile,
      ...filesBelow(exthostLogs),
      path.join(userDir, 'settings.json'),
      ...filesBelow(api.context.globalStorageUri.fsPath),
    ];
    assert.ok(
      files.some((file) => file.includes(path.join('jobs', `${job.id}.json`))),
      'the job store was not searched',
    );
    for (const file of files.filter((f) => fs.existsSync(f))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of [TOKEN, BAD_TOKEN, UNCHECKED_TOKEN]) {
        assert.ok(!text.includes(secret), `${file} contains a token`);
      }
    }
    const state = JSON.stringify(
      api.context.globalState.keys().map((key) => [key, api.context.globalState.get(key)]),
    );
    assert.ok(!state.includes(TOKEN), 'globalState contains the token');
    const settings = JSON.stringify(vscode.workspace.getConfiguration(Settings.section));
    assert.ok(!settings.includes(TOKEN), 'the magicHour settings contain the token');
  });
});

/** The URL of a port nothing listens on (a double started and closed again). */
async function closedApiUrl(): Promise<string> {
  const gone = await startDouble();
  await gone.close();
  return gone.apiUrl;
}
