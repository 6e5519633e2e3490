/**
 * A small element builder. Text always goes in as text nodes and attributes through
 * `setAttribute`, so nothing from a message is ever parsed as HTML.
 */
import { currentLocale, t } from '../../l10n';

type AttributeValue = string | number | boolean | undefined;
type Child = Node | string | undefined | false;

/** Creates `<tag>` with attributes (true: present, false/undefined: absent) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A decorative codicon (hidden from screen readers). */
export function icon(name: string, ...modifiers: string[]): HTMLSpanElement {
  const classes = ['codicon', `codicon-${name}`, ...modifiers.map((m) => `codicon-modifier-${m}`)];
  return h('span', { class: classes.join(' '), 'aria-hidden': 'true' });
}

/** The element with this id; throws when the page lacks it (a bug in the page, not in input). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}

/** Credits as people write them: 1 credit, 1,200 credits. */
export function formatCredits(credits: number): string {
  const rounded = Math.round(credits);
  return rounded === 1 ? t('1 credit') : t('{0} credits', rounded.toLocaleString(currentLocale()));
}

/** Seconds as shown next to trim fields: 12.3 s. */
export function formatSeconds(seconds: number): string {
  return t('{0} s', (Math.floor(seconds * 10) / 10).toLocaleString(currentLocale(), { useGrouping: false }));
}
