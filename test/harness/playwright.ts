/**
 * playwright-core lives in .cache/real-editor (installed by setup, not a project dependency), so
 * it is loaded by absolute path and typed here with just the part of its API the harness uses.
 * Add members as tests need them; they follow https://playwright.dev/docs/api.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { playwrightCoreDir } from './paths';

export interface WaitOptions {
  state?: 'attached' | 'detached' | 'visible' | 'hidden';
  timeout?: number;
}

export interface RoleOptions {
  name?: string | RegExp;
  exact?: boolean;
}

export interface Locatable {
  locator(selector: string, options?: { hasText?: string | RegExp; has?: Locator }): Locator;
  getByRole(role: string, options?: RoleOptions): Locator;
  getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
}

export interface Locator extends Locatable {
  filter(options: { hasText?: string | RegExp; has?: Locator; visible?: boolean }): Locator;
  first(): Locator;
  last(): Locator;
  nth(index: number): Locator;
  count(): Promise<number>;
  waitFor(options?: WaitOptions): Promise<void>;
  isVisible(): Promise<boolean>;
  click(options?: { button?: 'left' | 'right' | 'middle'; timeout?: number }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  press(key: string, options?: { timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  getAttribute(name: string, options?: { timeout?: number }): Promise<string | null>;
  allInnerTexts(): Promise<string[]>;
  contentFrame(): FrameLocator;
  /** Selects the `<option>`s with these values (or labels) of a `<select>`. */
  selectOption(values: string | string[], options?: { timeout?: number }): Promise<string[]>;
  inputValue(options?: { timeout?: number }): Promise<string>;
  scrollIntoViewIfNeeded(options?: { timeout?: number }): Promise<void>;
  /**
   * Runs `fn` in the page with the element. The harness has no DOM types: `fn` names the
   * element type it expects (any type accepts `never`).
   */
  evaluate<R, A = undefined>(fn: (element: never, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

export interface FrameLocator extends Locatable {
  frameLocator(selector: string): FrameLocator;
}

export interface JSHandle {
  jsonValue(): Promise<unknown>;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
  args(): JSHandle[];
}

export interface Page extends Locatable {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  frameLocator(selector: string): FrameLocator;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  waitForTimeout(ms: number): Promise<void>;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface Browser {
  contexts(): BrowserContext[];
  /** A context of its own: no cookies, storage or cache shared with the others. */
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

interface PlaywrightCore {
  chromium: { connectOverCDP(endpointURL: string, options?: { timeout?: number }): Promise<Browser> };
}

/** playwright-core from the cache folder. */
export function loadPlaywright(): PlaywrightCore {
  const load = createRequire(__filename);
  return load(path.join(playwrightCoreDir, 'index.js')) as PlaywrightCore;
}
