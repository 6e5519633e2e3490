import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { SetTokenArgs, SetTokenResult } from '../ui/token';
import type { CommandDeps } from './deps';

/**
 * Set API Token and Clear API Token. Set API Token asks with a password input box; run from
 * code it also takes {@link SetTokenArgs} (`{ token, saveIfUnverified }`) and returns a
 * {@link SetTokenResult}, which is how the integration tests drive it.
 */
export function registerTokenCommands(deps: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.setToken, (args?: unknown): Promise<SetTokenResult> =>
      deps.tokens.set(parseArgs(args)),
    ),
    vscode.commands.registerCommand(Commands.clearToken, async () => {
      await deps.tokens.clear();
      void vscode.window.showInformationMessage(vscode.l10n.t('Magic Hour API token cleared.'));
    }),
  ];
}

/** Keeps only well-typed fields: a menu or a link may pass anything. */
function parseArgs(args: unknown): SetTokenArgs {
  if (typeof args !== 'object' || args === null) return {};
  const { token, saveIfUnverified } = args as Record<string, unknown>;
  return {
    token: typeof token === 'string' ? token : undefined,
    saveIfUnverified: typeof saveIfUnverified === 'boolean' ? saveIfUnverified : undefined,
  };
}
