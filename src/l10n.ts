/**
 * Localized texts for the code that cannot import `vscode`: the catalog, the engine, the API
 * client and the webviews. The host hands `vscode.l10n.bundle` over once at activation and each
 * webview gets it in its `init` message. Messages are keyed by their English text, as with
 * `vscode.l10n.t`, so l10n/bundle.l10n.json lists both kinds for translators.
 */

let bundle: Readonly<Record<string, string>> = {};
let locale = 'en';
let orFormat = listFormat('en');

/**
 * Translates with `contents` (`vscode.l10n.bundle`: undefined in English) and formats lists and
 * numbers for `language` (`vscode.env.language`) from now on. An unusable language reads as English.
 */
export function setL10nBundle(contents: Record<string, string> | undefined, language = 'en'): void {
  bundle = contents ?? {};
  locale = canonicalLocale(language);
  orFormat = listFormat(locale);
}

/**
 * `message` in the user's language, or as written when the bundle lacks it; `{0}`, `{1}`… are
 * replaced by `args`, as `vscode.l10n.t` does. `message` must be a string literal: the l10n test
 * collects them all into l10n/bundle.l10n.json.
 */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const translated = Object.hasOwn(bundle, message) ? bundle[message] : undefined;
  const text = typeof translated === 'string' && translated !== '' ? translated : message;
  if (args.length === 0) return text;
  return text.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}

/** The language lists and numbers are formatted for (a BCP 47 tag such as `de` or `zh-CN`). */
export function currentLocale(): string {
  return locale;
}

/** "a", "a or b", "a, b or c", as the user's language writes such a choice. */
export function orList(items: readonly string[]): string {
  return orFormat.format(items);
}

function canonicalLocale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The extension's English writes lists without a serial comma ("5, 10 or 15"), as en-GB does. */
function listFormat(language: string): Intl.ListFormat {
  const forLists = /^en(-|$)/i.test(language) ? 'en-GB' : language;
  try {
    return new Intl.ListFormat(forLists, { type: 'disjunction' });
  } catch {
    return new Intl.ListFormat('en-GB', { type: 'disjunction' });
  }
}
