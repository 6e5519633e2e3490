import * as vscode from 'vscode';
import { Commands } from './constants';

/** Wires the features together; each feature registers its own disposables. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.imageToVideo, () => notYet()),
    vscode.commands.registerCommand(Commands.videoToVideo, () => notYet()),
  );
}

export function deactivate(): void {}

function notYet(): void {
  void vscode.window.showInformationMessage('Magic Hour: this command is being built.');
}
