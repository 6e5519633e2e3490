/**
 * The README's command and setting tables, generated from package.json so that they never drift
 * from it. readme.test.ts fails when the README's copy differs; `UPDATE_README=1` rewrites it.
 */
import { hiddenFromPalette, paletteName, type Manifest, type SettingContribution } from './manifest';

/** The generated blocks of the README, by name, between `<!-- generated: name -->` markers. */
export type TableName = 'commands' | 'settings';

export function startMarker(name: TableName): string {
  return `<!-- generated: ${name} (from package.json; UPDATE_README=1 npm run test:unit refreshes it) -->`;
}

export function endMarker(name: TableName): string {
  return `<!-- end generated: ${name} -->`;
}

/** The README's block `name` (between its markers), or undefined when the markers are missing. */
export function readBlock(readme: string, name: TableName): string | undefined {
  const start = readme.indexOf(startMarker(name));
  const end = readme.indexOf(endMarker(name));
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + startMarker(name).length, end).trim();
}

/** The README with block `name` replaced by `table`; throws when the markers are missing. */
export function writeBlock(readme: string, name: TableName, table: string): string {
  const start = readme.indexOf(startMarker(name));
  const end = readme.indexOf(endMarker(name));
  if (start < 0 || end < start) throw new Error(`README.md has no ${startMarker(name)} … ${endMarker(name)}`);
  return `${readme.slice(0, start)}${startMarker(name)}\n\n${table}\n\n${readme.slice(end)}`;
}

export function generateTable(name: TableName, manifest: Manifest): string {
  return name === 'commands' ? commandsTable(manifest) : settingsTable(manifest);
}

/** The name a person sees for a command: its Command Palette name, or its menu title when hidden there. */
export function commandName(manifest: Manifest, id: string): string {
  const command = manifest.contributes.commands.find((c) => c.command === id);
  if (!command) throw new Error(`${id} is not contributed`);
  return hiddenFromPalette(manifest, id) ? command.title : paletteName(command);
}

/** One row per contributed command: its name, where it is offered, its id (for key bindings). */
export function commandsTable(manifest: Manifest): string {
  const rows = manifest.contributes.commands.map((command) => [
    commandName(manifest, command.command),
    placesOf(manifest, command.command).join(', '),
    code(command.command),
  ]);
  return table(['Command', 'Where', 'ID'], rows);
}

/** One row per setting: its key, default and description, with its choices or range. */
export function settingsTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.contributes.configuration.properties).map(([key, setting]) => [
    code(key),
    code(JSON.stringify(setting.default)),
    describeSetting(setting),
  ]);
  return table(['Setting', 'Default', 'Description'], rows);
}

/** Where the menus of package.json offer a command, in words. */
function placesOf(manifest: Manifest, id: string): string[] {
  const { menus } = manifest.contributes;
  const places: string[] = [];
  const viewName = (when = '') => {
    const view = /\bview == ([\w.]+)/.exec(when)?.[1];
    const name = Object.values(manifest.contributes.views)
      .flat()
      .find((v) => v.id === view)?.name;
    return `${name ?? view} view`;
  };
  for (const item of menus['explorer/context'] ?? []) {
    if (item.command !== id) continue;
    const on = /png/.test(item.when ?? '') ? 'an image' : /mp4/.test(item.when ?? '') ? 'a video' : 'a file';
    places.push(`Explorer (right-click ${on})`);
  }
  for (const item of menus['view/title'] ?? []) {
    if (item.command !== id) continue;
    const navigation = item.group?.startsWith('navigation');
    places.push(`${viewName(item.when)} (${navigation ? 'title bar' : '⋯ menu'})`);
  }
  const onItem = (menus['view/item/context'] ?? []).filter((item) => item.command === id);
  if (onItem.length) {
    const inline = onItem.some((item) => item.group?.startsWith('inline'));
    const menu = onItem.some((item) => !item.group?.startsWith('inline'));
    const how = [inline && 'button', menu && 'right-click'].filter(Boolean).join(', ');
    places.push(`${viewName(onItem[0]?.when)} (on a job: ${how})`);
  }
  if (!hiddenFromPalette(manifest, id)) places.push('Command Palette');
  return [...new Set(places)];
}

function describeSetting(setting: SettingContribution): string {
  let text = setting.markdownDescription ?? setting.description ?? '';
  if (setting.enum && setting.enum.length <= 10) {
    text += ` One of ${setting.enum.map((value) => code(JSON.stringify(value))).join(', ')}.`;
  } else if (setting.enum) {
    text += ` One of ${setting.enum.length} values, listed in the Settings editor.`;
  }
  if (setting.minimum !== undefined && setting.maximum !== undefined) {
    text += ` From ${setting.minimum} to ${setting.maximum}.`;
  } else if (setting.minimum !== undefined) {
    text += ` At least ${setting.minimum}.`;
  }
  return text;
}

function code(text: string): string {
  return `\`${text}\``;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}
