/**
 * Steps for UI tests, read like a person's actions in the workbench: right-click a file in the
 * Explorer, pick a menu item, fill a field of a webview, click a button, run a command.
 * Every step saves a screenshot to test-results/screenshots/<test>/<n>-<step>.png; a failed
 * test also keeps a `failure` screenshot and the editor's logs in test-results/logs/ui/<test>/.
 *
 * run-ui.ts packs the extension, starts the Magic Hour double and Chromium, and calls
 * `setSession()` before mocha loads the specs. A spec calls `useEditor()` in its `describe`: its
 * tests get an editor of their own (code-server with fresh user data, a fresh workspace and a
 * browser context of its own), so nothing one spec leaves (a token, a layout, jobs) reaches the
 * next; the double is shared, and a spec that configures it puts it back.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserSession, BrowserTab } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/code-server';
import { logsDir, repoRoot, screenshotsDir } from '../harness/paths';
import type { FrameLocator, Locator, Page } from '../harness/playwright';
import { createWorkspace } from '../harness/workspace';
import type { MagicHourDouble } from '../double/types';

/** What run-ui.ts started for all specs. */
export interface UiSession {
  browser: BrowserSession;
  double: MagicHourDouble;
  /** The packed extension each spec's editor installs. */
  vsix: string;
}

let session: UiSession | undefined;

export function setSession(value: UiSession | undefined): void {
  session = value;
}

function currentSession(): UiSession {
  if (!session) throw new Error('UI specs run through test/ui/run-ui.ts, which starts the editor');
  return session;
}

/** An editor a spec started: what `useStartedEditor()`'s `start` returns. */
export interface StartedEditor {
  /** The workbench URL to open, as printed to the user. */
  url: string;
  server: CodeServer;
  double: MagicHourDouble;
  /** The throwaway workspace folder holding copies of the fixtures. */
  workspace: string;
}

/** How long a step waits for the workbench to show what it looks for. */
const stepTimeout = 15_000;

/** The steps of one spec; see `useEditor()`. */
export class Editor {
  private testDir = path.join(screenshotsDir, 'outside-a-test');
  private stepNumber = 0;

  /** `parts()` throws until the spec's `before` has started the editor. */
  constructor(private readonly parts: () => StartedEditor & { tab: BrowserTab }) {}

  get page(): Page {
    return this.parts().tab.page;
  }

  /** The local Magic Hour double the extension talks to. */
  get double(): MagicHourDouble {
    return this.parts().double;
  }

  get workspace(): string {
    return this.parts().workspace;
  }

  /** The code-server this window is a page of. */
  get server(): CodeServer {
    return this.parts().server;
  }

  /**
   * Another window on the same editor and workspace, as File > New Window and opening the same
   * folder would give: a page of its own (in a browser context of its own) with an extension
   * host of its own, sharing the server's user data (where the jobs are stored). Its steps save
   * their screenshots beside this window's, under `<test> (name)`. Close it with `close()`.
   */
  async openAnotherWindow(name: string): Promise<Editor> {
    const tab = await currentSession().browser.newTab();
    const parts = { ...this.parts(), tab };
    const other = new Editor(() => parts);
    other.testDir = `${this.testDir} (${slug(name)})`;
    await other.keepingEvidence(`${path.basename(this.testDir)} ${name}`, () => other.openAt(parts.url));
    return other;
  }

  /** Closes this window's page: its workbench says goodbye and its extension host stops. */
  async close(): Promise<void> {
    await this.parts().tab.close();
  }

  /** Starts the screenshot numbering of a new test. */
  beginTest(fullTitle: string): void {
    this.testDir = path.join(screenshotsDir, slug(fullTitle));
    this.stepNumber = 0;
  }

  /** Saves a screenshot of the whole workbench as the next numbered step. */
  async screenshot(step: string): Promise<void> {
    this.stepNumber += 1;
    fs.mkdirSync(this.testDir, { recursive: true });
    const file = `${String(this.stepNumber).padStart(2, '0')}-${slug(step)}.png`;
    await this.page.screenshot({ path: path.join(this.testDir, file) });
  }

  /** Right-clicks a file or folder in the Explorer and waits for the context menu. */
  async rightClickInExplorer(name: string): Promise<void> {
    await this.closeMenu();
    await this.explorerRow(name).click({ button: 'right', timeout: stepTimeout });
    await this.contextMenu().waitFor({ timeout: stepTimeout });
    await this.screenshot(`right-click ${name}`);
  }

  /** Chooses an item of the open context menu. */
  async menuItem(name: string): Promise<void> {
    const item = this.contextMenu().getByRole('menuitem', { name, exact: true });
    await item.waitFor({ timeout: stepTimeout });
    await this.screenshot(`menu ${name}`);
    await item.click();
  }

  /** Whether the open context menu offers `name` (it shows all its items at once). */
  async hasMenuItem(name: string): Promise<boolean> {
    const menu = this.contextMenu();
    await menu.getByRole('menuitem').first().waitFor({ timeout: stepTimeout });
    const found = (await menu.getByRole('menuitem', { name, exact: true }).count()) > 0;
    await this.screenshot(`${found ? 'has' : 'lacks'} menu item ${name}`);
    return found;
  }

  /** The labels of the open context menu's items, in order. */
  async menuItems(): Promise<string[]> {
    const items = this.contextMenu().getByRole('menuitem');
    await items.first().waitFor({ timeout: stepTimeout });
    const labels: string[] = [];
    for (let i = 0; i < (await items.count()); i++) {
      labels.push((await items.nth(i).getAttribute('aria-label')) ?? (await items.nth(i).innerText()));
    }
    return labels;
  }

  /** Closes the context menu if one is open. */
  async closeMenu(): Promise<void> {
    if (await this.contextMenu().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.contextMenu().waitFor({ state: 'hidden', timeout: stepTimeout });
    }
  }

  /** The content of the visible webview (a panel or a view): its page inside two iframes. */
  webview(): FrameLocator {
    return this.page
      .locator('iframe.webview.ready')
      .filter({ visible: true })
      .last()
      .contentFrame()
      .locator('iframe#active-frame')
      .contentFrame();
  }

  /** Types `value` into the webview's field matching `selector` (CSS, e.g. `#prompt`). */
  async fillWebviewField(selector: string, value: string): Promise<void> {
    await this.webview().locator(selector).fill(value, { timeout: stepTimeout });
    await this.screenshot(`fill ${selector}`);
  }

  /** Clicks the button labelled `name`: in the visible webview if it has one, else in the workbench. */
  async click(name: string): Promise<void> {
    const button = await this.firstVisible(
      [this.webview(), this.page].map((scope) => scope.getByRole('button', { name, exact: true })),
      `button "${name}"`,
    );
    await button.click();
    await this.screenshot(`click ${name}`);
  }

  /** Waits until a tree (a view such as Jobs) shows an item whose label contains `name`. */
  async waitForTreeItem(name: string | RegExp, timeout = 30_000): Promise<Locator> {
    const item = this.page.getByRole('treeitem', { name }).first();
    await item.waitFor({ timeout });
    await this.screenshot(`tree item ${String(name)}`);
    return item;
  }

  /** All text of the status bar, items separated by newlines. */
  async statusBarText(): Promise<string> {
    const text = await this.page.locator('.part.statusbar').innerText({ timeout: stepTimeout });
    await this.screenshot('status bar');
    return text;
  }

  /**
   * Opens the Command Palette and returns its input: F1, or, when the focus is in a webview that
   * kept the key (a preview that just opened), a click on the search box in the title bar, as a
   * person would do; typing `>` there lists commands.
   */
  async openCommandPalette(): Promise<Locator> {
    await this.closeMenu();
    const input = this.page.locator('.quick-input-widget input').first();
    await this.page.keyboard.press('F1');
    for (let i = 0; i < 10 && !(await input.isVisible()); i++) await this.page.waitForTimeout(200);
    if (!(await input.isVisible())) {
      await this.page.locator('.command-center').first().click({ timeout: stepTimeout });
      await input.waitFor({ state: 'visible', timeout: stepTimeout });
    }
    return input;
  }

  /** Runs a command by its title (as the palette lists it, e.g. "Magic Hour: Set API Token"). */
  async runCommand(title: string): Promise<void> {
    const input = await this.openCommandPalette();
    await input.fill(`>${title}`);
    const option = this.page
      .locator('.quick-input-widget')
      .getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}\\b`) })
      .first();
    await option.waitFor({ timeout: stepTimeout });
    await this.screenshot(`command ${title}`);
    await option.click();
  }

  /** Waits until the activity bar shows the view container `name` (e.g. "Magic Hour"). */
  async waitForActivityBarItem(name: string): Promise<Locator> {
    const item = this.activityBarItem(name);
    await item.waitFor({ timeout: stepTimeout });
    await this.screenshot(`activity bar ${name}`);
    return item;
  }

  /**
   * Loads the workbench from `url`; waits until the Explorer lists the workspace's files and the
   * extension's contributions are in (its view container shows in the activity bar). Menus
   * opened before that lack the extension's items.
   */
  async openAt(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.activitybar').getByRole('tab').first().waitFor({ timeout: 60_000 });
    // The page restores the layout the last one left, which may have the side bar hidden.
    await this.showViewContainer('Explorer');
    await this.explorerRow('sample.png').waitFor({ timeout: 60_000 });
    await this.activityBarItem('Magic Hour').waitFor({ timeout: 30_000 });
  }

  /**
   * A screenshot the README shows: saved as the next step and, when UPDATE_SCREENSHOTS=1, also
   * copied to media/screenshots/<name>.png.
   */
  async keyScreenshot(name: string): Promise<void> {
    await this.screenshot(name);
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    const step = `${String(this.stepNumber).padStart(2, '0')}-${slug(name)}.png`;
    const dest = path.join(repoRoot, 'media', 'screenshots', `${slug(name)}.png`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(this.testDir, step), dest);
  }

  /**
   * Shows the view container `name` (e.g. "Explorer", "Magic Hour"); leaves it open if it is.
   * Clicking the activity bar tab of the container already showing hides the side bar, and a
   * workbench that is still restoring its layout can select a tab just after we looked: so the
   * step clicks only while the container is not showing, and returns once it has shown twice in
   * a row, 300 ms apart.
   */
  async showViewContainer(name: string): Promise<void> {
    const tab = this.page
      .locator('.activitybar')
      .getByRole('tab', { name: new RegExp(`^${escapeRegExp(name)}\\b`) })
      .first();
    await tab.waitFor({ timeout: stepTimeout });
    const sidebar = this.page.locator('.part.sidebar');
    const showing = async () =>
      (await tab.getAttribute('aria-selected').catch(() => null)) === 'true' &&
      (await sidebar.isVisible().catch(() => false));
    const deadline = Date.now() + stepTimeout;
    let lastClick = 0;
    for (let inARow = 0; inARow < 2;) {
      if (Date.now() > deadline) throw new Error(`the side bar did not show ${name}`);
      if (await showing()) {
        inARow += 1;
      } else {
        inARow = 0;
        // A click takes a moment to show; don't click again (and hide it) before it has.
        if (Date.now() - lastClick > 1_000) {
          await tab.click();
          lastClick = Date.now();
          // Off the activity bar, so its hover doesn't cover the view in later screenshots.
          await this.page.mouse.move(0, 0);
        }
      }
      await this.page.waitForTimeout(300);
    }
    await this.screenshot(`show ${name}`);
  }

  /** Waits until the visible webview shows `selector` (e.g. a form field, once the form is built). */
  async waitForWebview(selector: string, timeout = 30_000): Promise<void> {
    await this.webview().locator(selector).first().waitFor({ timeout });
    await this.screenshot(`webview shows ${selector}`);
  }

  /** Chooses the option with value (or label) `value` in the webview's dropdown `selector`. */
  async selectInWebview(selector: string, value: string): Promise<void> {
    await this.webview().locator(selector).selectOption(value, { timeout: stepTimeout });
    await this.screenshot(`choose ${value} in ${selector}`);
  }

  /**
   * What the webview's field `selector` offers: the option values of a dropdown, or the bounds
   * of a number input.
   */
  async webviewChoices(
    selector: string,
  ): Promise<{ kind: 'list'; values: string[] } | { kind: 'range'; min: string; max: string; step: string }> {
    interface Control {
      tagName: string;
      options?: ArrayLike<{ value: string }>;
      min?: string;
      max?: string;
      step?: string;
    }
    return this.webview()
      .locator(selector)
      .evaluate((control: Control) =>
        control.tagName === 'SELECT' && control.options
          ? { kind: 'list' as const, values: Array.from(control.options, (option) => option.value) }
          : {
              kind: 'range' as const,
              min: control.min ?? '',
              max: control.max ?? '',
              step: control.step ?? '',
            },
      );
  }

  /** The current value of the webview's field `selector`. */
  async webviewValue(selector: string): Promise<string> {
    return this.webview().locator(selector).inputValue({ timeout: stepTimeout });
  }

  /** Waits until the webview's element `selector` contains `text`; returns its whole text. */
  async waitForWebviewText(selector: string, text: string | RegExp, timeout = 30_000): Promise<string> {
    const element = this.webview().locator(selector, { hasText: text }).first();
    await element.waitFor({ timeout });
    await element.scrollIntoViewIfNeeded();
    await this.screenshot(`webview says ${String(text)}`);
    return element.innerText();
  }

  /** Waits for a quick input box (such as the token prompt); returns its title and message. */
  async waitForInputBox(timeout = stepTimeout): Promise<string> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.locator('input').first().waitFor({ timeout });
    await this.screenshot('input box');
    return (await widget.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Whether a quick input box is open now. */
  async isInputBoxOpen(): Promise<boolean> {
    return this.page.locator('.quick-input-widget').isVisible();
  }

  /** Types `text` into the open input box and presses Enter; waits until the box closes. */
  async answerInputBox(text: string, timeout = stepTimeout): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    await input.fill(text, { timeout: stepTimeout });
    await this.screenshot('type into input box');
    await input.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout });
    await this.screenshot('input box closed');
  }

  /**
   * Watches the tree item labelled `name` until its accessible label (name, state, time,
   * credits) matches `until`; returns each label seen, with its numbers blanked so that only
   * changes of state count. Saves a screenshot, and calls `onChange`, whenever it changes.
   */
  async followTreeItem(
    name: string,
    until: RegExp,
    timeout = 60_000,
    onChange?: (label: string) => Promise<void>,
  ): Promise<string[]> {
    const item = this.page.getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(name)},`) }).first();
    await item.waitFor({ timeout: stepTimeout });
    const seen: string[] = [];
    const deadline = Date.now() + timeout;
    for (;;) {
      const label = ((await item.getAttribute('aria-label').catch(() => null)) ?? '').replace(/\d+/g, '#');
      if (label && label !== seen.at(-1)) {
        seen.push(label);
        await this.screenshot(`tree item ${label}`);
        await onChange?.(label);
      }
      if (until.test(label)) return seen;
      if (Date.now() > deadline) {
        throw new Error(
          `tree item "${name}" did not match ${until} within ${timeout / 1000} s; seen: ${seen.join(' | ')}`,
        );
      }
      await this.page.waitForTimeout(100);
    }
  }

  /** Waits until an editor tab whose title contains `title` is open and active. */
  async waitForEditorTab(title: string, timeout = 30_000): Promise<void> {
    await this.page
      .locator('.tabs-container [role="tab"].active', { hasText: title })
      .first()
      .waitFor({ timeout });
    await this.screenshot(`tab ${title}`);
  }

  /** The state of the webview's `<video>` matching `selector`, and whether this browser plays H.264. */
  async videoState(selector: string): Promise<VideoState> {
    interface Video {
      paused: boolean;
      currentTime: number;
      duration: number;
      readyState: number;
      error: { code: number; message: string } | null;
      canPlayType(type: string): string;
    }
    return this.webview()
      .locator(selector)
      .evaluate((video: Video) => ({
        paused: video.paused,
        currentTime: video.currentTime,
        duration: video.duration,
        readyState: video.readyState,
        error: video.error ? `${video.error.code}: ${video.error.message}` : undefined,
        canPlayH264: video.canPlayType('video/mp4; codecs="avc1.42E01E"'),
      }));
  }

  /**
   * Waits until the webview's `<video>` plays: not paused and its time moving. A video that did
   * not start on its own within 5 s is clicked, as a person would (`clicked` says so). Fails
   * early with the element's error (an undecodable file) and the browser's `canPlayType` for H.264.
   */
  async waitForVideoToPlay(
    selector: string,
    timeout = 20_000,
  ): Promise<{ first: VideoState; later: VideoState; clicked: boolean }> {
    const video = this.webview().locator(selector);
    await video.waitFor({ timeout: stepTimeout });
    const deadline = Date.now() + timeout;
    const autoplayGrace = Date.now() + 5_000;
    let clicked = false;
    let first = await this.videoState(selector);
    for (;;) {
      if (first.error) {
        throw new Error(`the video failed: ${first.error} (canPlayType H.264: "${first.canPlayH264}")`);
      }
      if (!first.paused && first.readyState >= 2) {
        await this.page.waitForTimeout(700);
        const later = await this.videoState(selector);
        if (!later.paused && later.currentTime !== first.currentTime) {
          await this.screenshot(`video ${selector} plays`);
          return { first, later, clicked };
        }
      } else if (first.paused && !clicked && Date.now() > autoplayGrace) {
        clicked = true;
        await video.click();
        await this.screenshot(`click video ${selector}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`the video did not play within ${timeout / 1000} s: ${JSON.stringify(first)}`);
      }
      await this.page.waitForTimeout(200);
      first = await this.videoState(selector);
    }
  }

  /**
   * Image to Video for sample.png from the Explorer's menu with the form's defaults and the job
   * name `name`; types `token` if the editor asks for one.
   */
  async submitImageToVideo(name: string, token: string): Promise<void> {
    await this.showViewContainer('Explorer');
    await this.rightClickInExplorer('sample.png');
    await this.menuItem('Magic Hour: Image to Video…');
    await this.waitForWebview('#model');
    await this.fillWebviewField('#name', name);
    await this.click('Generate video');
    const submitted = this.webview().locator('.results', { hasText: 'Submitted one job' });
    const deadline = Date.now() + 30_000;
    while (!(await submitted.isVisible().catch(() => false))) {
      if (await this.isInputBoxOpen()) await this.answerInputBox(token);
      if (Date.now() > deadline) throw new Error('the form never said the job was submitted');
      await this.page.waitForTimeout(200);
    }
    await this.screenshot('submitted');
  }

  /** Closes every notification toast (as the bell's "Clear All" does). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notification-toast').first().waitFor({ state: 'hidden', timeout: stepTimeout });
    await this.screenshot('notifications cleared');
  }

  /** Runs a hook's `steps`; should they fail, keeps the evidence as a failed test does. */
  async keepingEvidence(title: string, steps: () => Promise<void>): Promise<void> {
    try {
      await steps();
    } catch (error) {
      await this.keepFailureEvidence(title);
      throw error;
    }
  }

  /** After a failed test: a `failure` screenshot and the editor's logs. */
  async keepFailureEvidence(fullTitle: string): Promise<void> {
    await this.screenshot('failure').catch(() => undefined);
    const dest = path.join(logsDir, 'ui', slug(fullTitle));
    const { server, tab, double } = this.parts();
    server.saveLogs(dest);
    tab.saveLogs(dest);
    fs.writeFileSync(path.join(dest, 'double-requests.json'), JSON.stringify(double.requests, null, 2));
  }

  private explorerRow(name: string): Locator {
    return this.page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  private activityBarItem(name: string): Locator {
    return this.page.locator('.activitybar').getByRole('tab', { name, exact: true });
  }

  private contextMenu(): Locator {
    return this.page.locator('.context-view .monaco-menu');
  }

  /** The first of `candidates` that becomes visible within the step timeout. */
  private async firstVisible(candidates: Locator[], what: string): Promise<Locator> {
    const deadline = Date.now() + stepTimeout;
    while (Date.now() < deadline) {
      for (const candidate of candidates) {
        if (await candidate.isVisible().catch(() => false)) return candidate;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`no visible ${what} within ${stepTimeout / 1000} s`);
  }
}

/** What `Editor.videoState()` reads from a `<video>` element. */
export interface VideoState {
  paused: boolean;
  currentTime: number;
  duration: number;
  /** HTMLMediaElement.readyState: 2 and up means a frame is there to show. */
  readyState: number;
  /** `MediaError` code and message, when the video failed to load or decode. */
  error?: string;
  /** `canPlayType('video/mp4; codecs="avc1.42E01E"')`: "probably", "maybe" or "" (no H.264). */
  canPlayH264: string;
}

/**
 * Call inside a spec's `describe`: before its tests, starts an editor of its own (code-server
 * with the packed extension, pointed at the double, on a fresh workspace) and loads the
 * workbench in a fresh browser context; stops it all after them. Numbers the screenshots per
 * test and keeps the evidence of a failure.
 */
export function useEditor(): Editor {
  let server: CodeServer | undefined;
  return useStartedEditor(
    async () => {
      const { double, vsix } = currentSession();
      server = await startCodeServer({ vsix: [vsix], settings: { 'magicHour.apiBaseUrl': double.apiUrl } });
      const workspace = createWorkspace();
      return { url: server.workbenchUrl(workspace), server, double, workspace };
    },
    async () => server?.stop(),
  );
}

/**
 * Like `useEditor()`, for an editor the spec starts itself (as the demo does): `start` runs
 * before the tests and its `url` is loaded in a fresh browser context; `stop` runs after them.
 */
export function useStartedEditor(start: () => Promise<StartedEditor>, stop: () => Promise<void>): Editor {
  let tab: BrowserTab | undefined;
  let started: (StartedEditor & { tab: BrowserTab }) | undefined;
  const editor = new Editor(() => {
    if (!started) throw new Error('the editor has not started yet');
    return started;
  });
  before(async function () {
    this.timeout(180_000);
    const title = `${this.test?.parent?.fullTitle() ?? 'suite'} opening`;
    editor.beginTest(title);
    tab = await currentSession().browser.newTab();
    started = { ...(await start()), tab };
    const url = started.url;
    await editor.keepingEvidence(title, () => editor.openAt(url));
  });
  beforeEach(function () {
    editor.beginTest(this.currentTest?.fullTitle() ?? 'test');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await editor.keepFailureEvidence(this.currentTest.fullTitle());
  });
  after(async function () {
    this.timeout(30_000);
    await tab?.close();
    await stop();
  });
  return editor;
}

/** `Explorer menu shows "Image to Video…"` -> `explorer-menu-shows-image-to-video`. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'step'
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
