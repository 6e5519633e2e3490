/** The language each webview's `init` carries, and what the host puts in it. */
import assert from 'node:assert/strict';
import { hostToFormSchema } from '../../../src/protocol/form';
import {
  L10N_TEXT_MAX_LENGTH,
  MAX_L10N_MESSAGES,
  webviewL10n,
  webviewL10nSchema,
} from '../../../src/protocol/l10n';
import { hostToPreviewSchema } from '../../../src/protocol/preview';
import { formInit, previewJob } from './fixtures';

const previewInit = { type: 'init', job: { ...previewJob, state: 'rendering' } };

const german = { locale: 'de', bundle: { 'Choose a model.': 'Wähle ein Modell.' } };

describe('webview l10n in the protocol', () => {
  it('lets both inits carry a language and its bundle, or neither (an older host)', () => {
    for (const [schema, init] of [
      [hostToFormSchema, formInit],
      [hostToPreviewSchema, previewInit],
    ] as const) {
      assert.deepEqual(schema.parse({ ...init, l10n: german }), { ...init, l10n: german });
      assert.ok(schema.safeParse({ ...init, l10n: { locale: 'en' } }).success);
      assert.ok(schema.safeParse(init).success);
    }
  });

  it('rejects a language that is no language tag, a bundle of non-strings, oversized texts and extra keys', () => {
    const rejected = [
      { locale: '' },
      { locale: 'de"><script>' },
      { locale: 'x'.repeat(60) },
      { locale: 'de', bundle: { 'Choose a model.': 42 } },
      { locale: 'de', bundle: { 'Choose a model.': { message: 'Wähle' } } },
      { locale: 'de', bundle: { 'Choose a model.': 'x'.repeat(L10N_TEXT_MAX_LENGTH + 1) } },
      { locale: 'de', bundle: { ['x'.repeat(L10N_TEXT_MAX_LENGTH + 1)]: 'x' } },
      { locale: 'de', bundle: {}, script: 'alert(1)' },
    ];
    for (const l10n of rejected) {
      assert.equal(webviewL10nSchema.safeParse(l10n).success, false, JSON.stringify(l10n).slice(0, 80));
      assert.equal(hostToFormSchema.safeParse({ ...formInit, l10n }).success, false);
    }
    const tooMany = Object.fromEntries(
      Array.from({ length: MAX_L10N_MESSAGES + 1 }, (_, i) => [`m${i}`, 'x']),
    );
    assert.equal(webviewL10nSchema.safeParse({ locale: 'de', bundle: tooMany }).success, false);
  });

  it('accepts the language tags VS Code uses', () => {
    for (const locale of ['en', 'de', 'zh-cn', 'zh-tw', 'pt-br', 'qps-ploc']) {
      assert.ok(webviewL10nSchema.safeParse({ locale }).success, locale);
    }
  });

  describe('webviewL10n (what the host sends)', () => {
    it('sends no bundle in English, where VS Code has none', () => {
      assert.deepEqual(webviewL10n(undefined, 'en'), { locale: 'en' });
    });

    it('sends the bundle and the language as they are when they fit', () => {
      assert.deepEqual(webviewL10n(german.bundle, 'de'), german);
    });

    it('leaves out entries the webview would reject, so one bad translation cannot blank the page', () => {
      const sent = webviewL10n(
        {
          ...german.bundle,
          'Not a string': { message: 'x' },
          'Too long': 'x'.repeat(L10N_TEXT_MAX_LENGTH + 1),
        },
        'de',
      );
      assert.deepEqual(sent, german);
      assert.ok(webviewL10nSchema.safeParse(sent).success);
    });

    it('sends at most the number of messages the webview accepts', () => {
      const many = Object.fromEntries(
        Array.from({ length: MAX_L10N_MESSAGES + 10 }, (_, i) => [`m${i}`, 'x']),
      );
      const sent = webviewL10n(many, 'de');
      assert.equal(Object.keys(sent.bundle ?? {}).length, MAX_L10N_MESSAGES);
      assert.ok(webviewL10nSchema.safeParse(sent).success);
    });

    it('keeps a message named like a prototype key as an entry of its own', () => {
      const sent = webviewL10n(JSON.parse('{"__proto__": "x", "constructor": "y"}'), 'de');
      assert.equal(Object.getPrototypeOf(sent.bundle), Object.prototype);
      assert.deepEqual(Object.keys(sent.bundle ?? {}), ['__proto__', 'constructor']);
    });

    it('sends English for a language the webview would reject', () => {
      assert.deepEqual(webviewL10n(undefined, 'de"><script>'), { locale: 'en' });
    });
  });
});
