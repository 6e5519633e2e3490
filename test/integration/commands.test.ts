import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  IMAGE_TO_VIDEO_MODELS,
  VIDEO_TO_VIDEO_ART_STYLES,
  VIDEO_TO_VIDEO_MODELS,
} from '../../src/catalog/models';
import { Commands, Settings } from '../../src/constants';
import { IMAGE_EXTENSIONS, VIDEO_EXTENSIONS } from '../../src/engine/source';
import type { MagicHourTestApi } from '../../src/extension';
import { readApiBaseUrl } from '../../src/ui/config';
import type { FormTarget } from '../../src/ui/form-panel';
import type { MagicHourDouble } from '../double/server';
import {
  endWorkflow,
  EXTENSION_ID,
  folderOf,
  getApi,
  imageSettings,
  setSetting,
  startWorkflow,
  videoSettings,
  waitFor,
  waitForState,
  webviewTabs,
  workspaceFile,
  workspacePath,
} from './helpers';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuItem[]>;
    viewsWelcome: { view: string; when: string; contents: string }[];
    configuration: {
      properties: Record<
        string,
        { enum?: string[]; description?: string; markdownDescription?: string; default?: unknown }
      >;
    };
  };
};

/** The regular expression of a `resourceExtname =~ /…/i` clause. */
function extnameRegex(when: string | undefined): RegExp {
  const match = /resourceExtname =~ \/(.+)\/(i?)$/.exec(when ?? '');
  assert.ok(match, `no resourceExtname clause in ${when}`);
  return new RegExp(match[1]!, match[2]);
}

describe('Commands', function () {
  this.timeout(60_000);
  let api: MagicHourTestApi;
  let double: MagicHourDouble;
  const copies: string[] = [];

  before(async () => {
    api = await getApi();
    double = await startWorkflow(api);
    // A second image with an upper-case extension, for multi-select and case-insensitivity.
    const copy = path.join(workspacePath(), 'second.PNG');
    fs.copyFileSync(workspaceFile('sample.png').fsPath, copy);
    copies.push(copy);
  });

  after(async () => {
    await endWorkflow(api, double);
    for (const file of copies) fs.rmSync(file, { force: true });
  });

  describe('contributions', () => {
    it('registers every contributed command, each with a category or a "Magic Hour:" title', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      const contributed = manifest.contributes.commands;
      assert.deepEqual(
        contributed.map((c) => c.command).sort(),
        Object.values(Commands).sort(),
        'package.json and constants.ts list different commands',
      );
      for (const command of contributed) {
        assert.ok(registered.has(command.command), `${command.command} is not registered`);
        assert.ok(
          command.category === 'Magic Hour' || command.title.startsWith('Magic Hour: '),
          `${command.command} does not say it is Magic Hour's`,
        );
      }
    });

    it('hides the job commands from the Command Palette and gives tree actions icons', () => {
      const palette = manifest.contributes.menus.commandPalette ?? [];
      const icons = new Map(manifest.contributes.commands.map((c) => [c.command, c.icon]));
      for (const command of Object.values(Commands).filter((id) => id.startsWith('magicHour.job.'))) {
        assert.ok(
          palette.some((item) => item.command === command && item.when === 'false'),
          `${command} shows in the palette`,
        );
        assert.match(icons.get(command) ?? '', /^\$\([a-z-]+\)$/, `${command} has no codicon`);
      }
      for (const item of manifest.contributes.menus['view/title'] ?? []) {
        if (item.group?.startsWith('navigation')) {
          assert.ok(icons.get(item.command), `${item.command} has no icon`);
        }
      }
    });

    it('offers the Explorer commands for exactly the accepted extensions, in any case', () => {
      const menu = manifest.contributes.menus['explorer/context'] ?? [];
      const images = extnameRegex(menu.find((m) => m.command === Commands.imageToVideo)?.when);
      const videos = extnameRegex(menu.find((m) => m.command === Commands.videoToVideo)?.when);
      for (const ext of IMAGE_EXTENSIONS) {
        assert.ok(images.test(`.${ext}`) && images.test(`.${ext.toUpperCase()}`), `.${ext} is not offered`);
        assert.ok(!videos.test(`.${ext}`));
      }
      for (const ext of VIDEO_EXTENSIONS) {
        assert.ok(videos.test(`.${ext}`) && videos.test(`.${ext.toUpperCase()}`), `.${ext} is not offered`);
        assert.ok(!images.test(`.${ext}`));
      }
      for (const other of ['.txt', '.tif', '.png.txt', '.mp3']) {
        assert.ok(!images.test(other) && !videos.test(other), `${other} is offered`);
      }
    });

    it('matches job actions on contextValue tokens the tree produces', () => {
      const tokens = [
        'job',
        'canPreview',
        'canOpen',
        'canReveal',
        'canRerun',
        'hasProject',
        'canRetryDownload',
        'canStop',
        'canDelete',
      ];
      for (const item of manifest.contributes.menus['view/item/context'] ?? []) {
        const token = /viewItem =~ \/\\b(\w+)\\b\//.exec(item.when ?? '')?.[1];
        assert.ok(token && tokens.includes(token), `${item.command}: unknown token in ${item.when}`);
        assert.ok(
          item.when?.startsWith('view == magicHour.jobs && '),
          `${item.command} is not scoped to the view`,
        );
      }
    });

    it('has welcome views for "no token" and "no jobs"', () => {
      const welcome = manifest.contributes.viewsWelcome;
      assert.ok(
        welcome.some(
          (w) => w.when === '!magicHour.hasToken' && w.contents.includes(`command:${Commands.setToken}`),
        ),
      );
      assert.ok(welcome.some((w) => w.when === 'magicHour.hasToken && !magicHour.hasJobs'));
    });

    it('describes every setting, with the catalog as the source of the model and style choices', () => {
      const properties = manifest.contributes.configuration.properties;
      for (const key of Object.values(Settings).filter((k) => k !== Settings.section)) {
        const property = properties[`magicHour.${key}`];
        assert.ok(property, `magicHour.${key} is not contributed`);
        assert.ok(
          property.description || property.markdownDescription,
          `magicHour.${key} has no description`,
        );
      }
      const enumOf = (key: string) => properties[`magicHour.${key}`]?.enum;
      assert.deepEqual(
        enumOf(Settings.imageToVideoModel),
        IMAGE_TO_VIDEO_MODELS.map((m) => m.id),
      );
      assert.deepEqual(
        enumOf(Settings.videoToVideoModel),
        VIDEO_TO_VIDEO_MODELS.map((m) => m.id),
      );
      assert.deepEqual(enumOf(Settings.videoToVideoArtStyle), [...VIDEO_TO_VIDEO_ART_STYLES]);
      assert.equal(properties['magicHour.openPreviewOnCompletion']?.default, true);
      assert.equal(properties['magicHour.historySize']?.default, 200);
      assert.equal(properties['magicHour.maxUploadSizeMB']?.default, 2000);
    });
  });

  describe('opening the form', () => {
    afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    it('Image to Video… on one image opens the form for it', async () => {
      const png = workspaceFile('sample.png');
      const target = await vscode.commands.executeCommand<FormTarget>(Commands.imageToVideo, png, [png]);
      assert.deepEqual(target, { mode: 'image-to-video', files: [png] });
      await waitFor('the form tab', () => webviewTabs('magicHour.form').length === 1);
    });

    it('on a multi-selection, opens one form for every image in it and leaves the rest out', async () => {
      const png = workspaceFile('sample.png');
      const upper = workspaceFile('second.PNG');
      const selection = [png, upper, workspaceFile('notes.txt'), workspaceFile('sample.mp4')];
      const target = await vscode.commands.executeCommand<FormTarget>(Commands.imageToVideo, png, selection);
      assert.deepEqual(target, { mode: 'image-to-video', files: [png, upper] });
      await waitFor('one form tab', () => webviewTabs('magicHour.form').length === 1);
    });

    it('uses only the right-clicked file when it is not part of the selection', async () => {
      const mp4 = workspaceFile('sample.mp4');
      const target = await vscode.commands.executeCommand<FormTarget>(Commands.videoToVideo, mp4, [
        workspaceFile('sample.png'),
      ]);
      assert.deepEqual(target, { mode: 'video-to-video', files: [mp4] });
    });

    it('opens nothing for a file of the wrong kind', async () => {
      const txt = workspaceFile('notes.txt');
      assert.equal(await vscode.commands.executeCommand(Commands.videoToVideo, txt, [txt]), undefined);
      assert.equal(webviewTabs('magicHour.form').length, 0);
    });

    it('Video to Video from YouTube URL… tidies a valid link and refuses others', async () => {
      const target = await vscode.commands.executeCommand<FormTarget>(Commands.videoToVideoFromUrl, {
        url: 'youtu.be/dQw4w9WgXcQ',
      });
      assert.deepEqual(target, { mode: 'video-to-video', youtubeUrl: 'https://youtu.be/dQw4w9WgXcQ' });
      for (const url of ['https://vimeo.com/123456', 'https://www.youtube.com/', 'not a url at all']) {
        assert.equal(
          await vscode.commands.executeCommand(Commands.videoToVideoFromUrl, { url }),
          undefined,
          url,
        );
      }
    });
  });

  describe('submitting', () => {
    it('submits one job per file, asks for their upload URLs together, and saves each clip beside its source', async () => {
      const files = [workspaceFile('sample.png'), workspaceFile('second.PNG')];
      double.clearRequests();
      const result = await api.submitHandler({ mode: 'image-to-video', files })(imageSettings());
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.submitted.map((s) => s.source),
        files.map((f) => f.fsPath),
      );
      for (const { jobId } of result.submitted) {
        const job = await waitForState(api, jobId, ['done']);
        assert.equal(path.dirname(job.outputPath!), folderOf(files[0]!));
        copies.push(job.outputPath!);
      }
      const urlRequests = double.requests.filter((r) => r.route === 'upload-urls');
      assert.deepEqual(
        urlRequests.map((r) => (r.body as { items: unknown[] }).items.length),
        [2],
        'one upload-urls request for both files',
      );
    });

    it('reports a file that cannot be used and still submits the others', async () => {
      const missing = workspaceFile('missing.png');
      const files = [missing, workspaceFile('sample.png')];
      const result = await api.submitHandler({ mode: 'image-to-video', files })(imageSettings());
      assert.equal(result.submitted.length, 1);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]?.source, missing.fsPath);
      assert.match(result.errors[0]!.message, /missing\.png does not exist/);
      await waitForState(api, result.submitted[0]!.jobId, ['done']).then((job) =>
        copies.push(job.outputPath!),
      );
    });

    it('reports settings the model does not allow, for every file, and sends nothing', async () => {
      double.clearRequests();
      const files = [workspaceFile('sample.png'), workspaceFile('second.PNG')];
      const result = await api.submitHandler({ mode: 'image-to-video', files })(
        imageSettings({ model: 'kling-2.5', resolution: '480p' }),
      );
      assert.equal(result.submitted.length, 0);
      assert.equal(result.errors.length, 2);
      assert.ok(
        result.errors.every((e) => /Kling 2\.5 renders at 720p or 1080p/.test(e.message)),
        JSON.stringify(result.errors),
      );
      assert.equal(double.requests.length, 0);
    });

    it('saves to magicHour.outputFolder, resolved against the workspace folder', async () => {
      await setSetting(Settings.outputFolder, 'generated clips');
      try {
        const result = await api.submitHandler({
          mode: 'video-to-video',
          files: [workspaceFile('sample.mp4')],
        })(videoSettings());
        assert.deepEqual(result.errors, []);
        const job = await waitForState(api, result.submitted[0]!.jobId, ['done']);
        assert.equal(job.outputFolder, path.join(workspacePath(), 'generated clips'));
        assert.ok(fs.existsSync(job.outputPath!));
        copies.push(job.outputPath!);
      } finally {
        await setSetting(Settings.outputFolder, undefined);
        fs.rmSync(path.join(workspacePath(), 'generated clips'), { recursive: true, force: true });
      }
    });

    it('submits a YouTube link, saving the clip in the workspace folder', async () => {
      const youtubeUrl = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
      const result = await api.submitHandler({ mode: 'video-to-video', youtubeUrl })(videoSettings());
      assert.deepEqual(result.errors, []);
      const job = await waitForState(api, result.submitted[0]!.jobId, ['done']);
      assert.deepEqual(job.source, { kind: 'youtube', url: youtubeUrl });
      assert.equal(path.dirname(job.outputPath!), workspacePath());
      copies.push(job.outputPath!);
      const create = double.requests.filter((r) => r.route === 'video-to-video' && r.status === 200).at(-1);
      assert.equal((create?.body as { assets?: { youtube_url?: string } }).assets?.youtube_url, youtubeUrl);
    });
  });

  describe('settings', () => {
    it('ignores a workspace API URL in an untrusted workspace, and uses it in a trusted one', async () => {
      const config = () => vscode.workspace.getConfiguration(Settings.section);
      const elsewhere = 'http://127.0.0.1:9';
      await config().update(Settings.apiBaseUrl, elsewhere, vscode.ConfigurationTarget.Workspace);
      try {
        assert.deepEqual(readApiBaseUrl(false), { url: double.apiUrl, ignoredWorkspaceValue: elsewhere });
        assert.deepEqual(readApiBaseUrl(true), { url: elsewhere });
      } finally {
        await config().update(Settings.apiBaseUrl, undefined, vscode.ConfigurationTarget.Workspace);
        await waitFor('the engine to use the double again', () => api.services.apiBaseUrl === double.apiUrl);
        await api.services.settled();
      }
    });
  });

  describe('view commands', () => {
    it('Refresh, Show Log and Clear Finished run', async () => {
      await vscode.commands.executeCommand(Commands.refreshJobs);
      await vscode.commands.executeCommand(Commands.showLog);
      const finished = api.engine.list().filter((job) => job.state === 'done').length;
      assert.ok(finished >= 4);
      assert.equal(await vscode.commands.executeCommand<number>(Commands.clearFinished), finished);
      assert.equal(api.engine.list().filter((job) => job.state === 'done').length, 0);
    });
  });
});
