/**
 * The language a webview shows its texts in: the host's `vscode.l10n.bundle` and
 * `vscode.env.language`, sent in each `init` (a webview cannot read them itself).
 */
import * as z from 'zod';

/** Most translated messages accepted (the extension has a few hundred). */
export const MAX_L10N_MESSAGES = 5000;

/** Longest English message or translation accepted. */
export const L10N_TEXT_MAX_LENGTH = 4000;

/** A BCP 47 language tag as VS Code names languages: `en`, `de`, `zh-cn`, `qps-ploc`. */
const localeSchema = z
  .string()
  .max(50)
  .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'Not a language tag');

const l10nTextSchema = z.string().max(L10N_TEXT_MAX_LENGTH);

/** The texts and language of a webview; no bundle means English. */
export const webviewL10nSchema = z.strictObject({
  locale: localeSchema,
  bundle: z
    .record(l10nTextSchema, l10nTextSchema)
    .refine((bundle) => Object.keys(bundle).length <= MAX_L10N_MESSAGES, 'Too many messages')
    .optional(),
});

export type WebviewL10n = z.infer<typeof webviewL10nSchema>;

/**
 * What the host sends from `vscode.l10n.bundle` and `vscode.env.language`: only entries the
 * schema accepts, so one odd translation costs its own message and not the whole page.
 */
export function webviewL10n(bundle: unknown, language: string): WebviewL10n {
  const locale = localeSchema.safeParse(language).success ? language : 'en';
  if (typeof bundle !== 'object' || bundle === null) return { locale };
  const fits = (text: unknown): text is string => l10nTextSchema.safeParse(text).success;
  const messages = Object.entries(bundle as Record<string, unknown>)
    .filter((entry): entry is [string, string] => fits(entry[0]) && fits(entry[1]))
    .slice(0, MAX_L10N_MESSAGES);
  return { locale, bundle: Object.fromEntries(messages) };
}
