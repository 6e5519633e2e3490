/**
 * Steps for UI tests, read like a person's actions in the workbench: right-click a file in the
 * Explorer, pick a menu item, fill a field of a webview, click a button, run a command.
 * Every step saves a screenshot to test-results/screenshots/<test>/<n>-<step>.png; a failed
 * test also keeps a `failure` screenshot and the editor's logs in test-results/logs/ui/<test>/.
 *
 * run-ui.ts starts the editor and calls `setSession()` before mocha loads the specs; a spec
 * calls `useEditor()` in its `describe` to get the steps and a freshly loaded workbench.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserSession } from '../harness/browser';
import type { CodeServer } from '../harness/code-server';
import { logsDir, screenshotsDir } from '../harness/paths';
import type { FrameLocator, Locator, Page } from '../harness/playwright';
import type { MagicHourDouble } from '../double/types';

/** What run-ui.ts started for the specs. */
export interface UiSession {
  server: CodeServer;
  browser: BrowserSession;
  double: MagicHourDouble;
  /** The throwaway workspace folder holding copies of the fixtures. */
  workspace: string;
}

let session: UiSession | undefined;

export function setSession(value: UiSession | undefined): void {
  session = value;
}

function currentSession(): UiSession {
  if (!session) throw new Error('UI specs run through test/ui/run-ui.ts, which starts the editor');
  return session;
}

/** How long a step waits for the workbench to show what it looks for. */
const stepTimeout = 15_000;

/** The steps of one spec; see `useEditor()`. */
export class Editor {
  private testDir = path.join(screenshotsDir, 'outside-a-test');
  private stepNumber = 0;

  constructor(private readonly ui: UiSession) {}

  get page(): Page {
    return this.ui.browser.page;
  }

  /** The local Magic Hour double the extension talks to. */
  get double(): MagicHourDouble {
    return this.ui.double;
  }

  get workspace(): string {
    return this.ui.workspace;
  }

  /**
   * Loads the workbench on the workspace; waits until the Explorer lists its files and the
   * extension's contributions are in (its view container shows in the activity bar). Menus
   * opened before that lack the extension's items.
   */
  async open(): Promise<void> {
    await this.page.goto(this.ui.server.workbenchUrl(this.ui.workspace));
    await this.explorerRow('sample.png').waitFor({ timeout: 60_000 });
    await this.activityBarItem('Magic Hour').waitFor({ timeout: 30_000 });
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

  /** Runs a command by its title (as the palette lists it, e.g. "Magic Hour: Set API Token"). */
  async runCommand(title: string): Promise<void> {
    await this.closeMenu();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: stepTimeout });
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

  /** Opens the view container `name` from the activity bar. */
  async openViewContainer(name: string): Promise<void> {
    await (await this.waitForActivityBarItem(name)).click();
    await this.screenshot(`open ${name}`);
  }

  /** After a failed test: a `failure` screenshot and the editor's logs. */
  async keepFailureEvidence(fullTitle: string): Promise<void> {
    await this.screenshot('failure').catch(() => undefined);
    const dest = path.join(logsDir, 'ui', slug(fullTitle));
    this.ui.server.saveLogs(dest);
    this.ui.browser.saveLogs(dest);
    fs.writeFileSync(
      path.join(dest, 'double-requests.json'),
      JSON.stringify(this.ui.double.requests, null, 2),
    );
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

/**
 * Call inside a spec's `describe`: loads the workbench before its tests, numbers the
 * screenshots per test and keeps the evidence of a failure.
 */
export function useEditor(): Editor {
  const editor = new Editor(currentSession());
  before(async function () {
    this.timeout(90_000);
    editor.beginTest(`${this.test?.parent?.fullTitle() ?? 'suite'} opening`);
    await editor.open();
  });
  beforeEach(function () {
    editor.beginTest(this.currentTest?.fullTitle() ?? 'test');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await editor.keepFailureEvidence(this.currentTest.fullTitle());
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
