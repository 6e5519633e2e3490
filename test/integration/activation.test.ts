import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, DEFAULT_API_BASE_URL, Settings, Views } from '../../src/constants';

const extensionId = 'magic-hour-community.magic-hour-vscode';

describe('Extension activation', () => {
  it('is installed and activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers the Explorer commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(Commands.imageToVideo), `${Commands.imageToVideo} is not registered`);
    assert.ok(commands.includes(Commands.videoToVideo), `${Commands.videoToVideo} is not registered`);
  });

  it('contributes the Magic Hour view container', async () => {
    // Fails when the container is unknown to the workbench.
    await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
  });

  it('defaults the API base URL to the public API', () => {
    const setting = vscode.workspace.getConfiguration(Settings.section).inspect<string>(Settings.apiBaseUrl);
    assert.equal(setting?.defaultValue, DEFAULT_API_BASE_URL);
  });
});
