/**
 * package.json as the package tests read it: raw (with its `%key%` placeholders) or localized
 * the way VS Code and vsce do it, with the English texts of package.nls.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';

export interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}

export interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

export interface SettingContribution {
  type: string;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
  enumItemLabels?: string[];
  minimum?: number;
  maximum?: number;
}

export interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { image?: string; altText?: string; markdown?: string; svg?: string };
  completionEvents?: string[];
}

export interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: WalkthroughStep[];
}

export interface Manifest {
  name: string;
  displayName: string;
  description: string;
  version: string;
  publisher: string;
  main: string;
  icon?: string;
  l10n?: string;
  categories?: string[];
  keywords?: string[];
  galleryBanner?: { color?: string; theme?: string };
  repository?: { type: string; url: string };
  homepage?: string;
  bugs?: { url: string };
  scripts: Record<string, string>;
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuItem[]>;
    viewsContainers: Record<string, { id: string; title: string; icon: string }[]>;
    views: Record<string, { id: string; name: string; icon?: string }[]>;
    configuration: { title: string; properties: Record<string, SettingContribution> };
    viewsWelcome: { view: string; when: string; contents: string }[];
    walkthroughs?: Walkthrough[];
  };
}

/** A `%key%` placeholder of package.json, the way vsce and VS Code recognize one. */
export const NLS_PLACEHOLDER = /^%([\w.]+)%$/;

export function readJson<T>(relativePath: string): T {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relativePath), 'utf8')) as T;
}

/** package.json as written, placeholders and all. */
export function rawManifest(): Manifest {
  return readJson<Manifest>('package.json');
}

/** The English texts the placeholders stand for. */
export function englishTexts(): Record<string, string> {
  return readJson<Record<string, string>>('package.nls.json');
}

/** package.json with every placeholder replaced by its English text; throws on an unknown key. */
export function localizedManifest(): Manifest {
  const texts = englishTexts();
  return JSON.parse(JSON.stringify(rawManifest()), (_key, value: unknown) => {
    if (typeof value !== 'string') return value;
    const key = NLS_PLACEHOLDER.exec(value)?.[1];
    if (key === undefined) return value;
    const text = texts[key];
    if (text === undefined) throw new Error(`package.nls.json has no text for ${value}`);
    return text;
  }) as Manifest;
}

/** How the Command Palette names a command: "Category: Title", or the title alone. */
export function paletteName(command: CommandContribution): string {
  return command.category ? `${command.category}: ${command.title}` : command.title;
}

/** True when the command is hidden from the Command Palette (`"when": "false"`). */
export function hiddenFromPalette(manifest: Manifest, command: string): boolean {
  return (manifest.contributes.menus.commandPalette ?? []).some(
    (item) => item.command === command && item.when === 'false',
  );
}
