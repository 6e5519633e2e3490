/**
 * src/l10n.ts: `t` looks messages up as `vscode.l10n.t` does, and lists follow the language.
 */
import * as assert from 'node:assert/strict';
import { currentLocale, orList, setL10nBundle, t } from '../../../src/l10n';

describe('l10n', () => {
  afterEach(() => setL10nBundle(undefined));

  describe('t', () => {
    it('returns the English message when no bundle is set', () => {
      assert.equal(t('Choose a model.'), 'Choose a model.');
      assert.equal(currentLocale(), 'en');
    });

    it("returns the bundle's translation of a message", () => {
      setL10nBundle({ 'Choose a model.': 'Wähle ein Modell.' }, 'de');
      assert.equal(t('Choose a model.'), 'Wähle ein Modell.');
    });

    it('falls back to English for a message the bundle lacks or leaves empty', () => {
      setL10nBundle({ 'Choose a model.': '' }, 'de');
      assert.equal(t('Choose a model.'), 'Choose a model.');
      assert.equal(t('Choose a resolution.'), 'Choose a resolution.');
      // Only the bundle's own keys count, not what every object inherits.
      assert.equal(t('constructor'), 'constructor');
      assert.equal(t('toString'), 'toString');
    });

    it('fills {0}, {1}… in the translation, in its own order, and keeps a placeholder with no value', () => {
      assert.equal(
        t('{0} makes {1} second videos.', 'Kling 2.5', '5 or 10'),
        'Kling 2.5 makes 5 or 10 second videos.',
      );
      setL10nBundle({ '{0} of {1}': '{1}: {0} ({0})' }, 'de');
      assert.equal(t('{0} of {1}', 3, true), 'true: 3 (3)');
      assert.equal(t('{0} of {1}', 'a'), '{1}: a (a)');
    });

    it('leaves braces alone when no value is given', () => {
      assert.equal(t('Waiting for {0}'), 'Waiting for {0}');
    });

    it('forgets the bundle when set to undefined (English)', () => {
      setL10nBundle({ 'Choose a model.': 'Wähle ein Modell.' }, 'de');
      setL10nBundle(undefined);
      assert.equal(t('Choose a model.'), 'Choose a model.');
      assert.equal(currentLocale(), 'en');
    });
  });

  describe('orList', () => {
    it('writes English lists without a serial comma', () => {
      assert.equal(orList([]), '');
      assert.equal(orList(['720p']), '720p');
      assert.equal(orList(['720p', '1080p']), '720p or 1080p');
      assert.equal(orList(['default', 'v1', 'v2']), 'default, v1 or v2');
    });

    it('follows the language set with the bundle', () => {
      setL10nBundle({}, 'de');
      assert.equal(orList(['default', 'v1', 'v2']), 'default, v1 oder v2');
      setL10nBundle({}, 'fr');
      assert.equal(orList(['a', 'b']), 'a ou b');
    });

    it('reads an unusable language as English', () => {
      setL10nBundle({}, 'not a language');
      assert.equal(currentLocale(), 'en');
      assert.equal(orList(['a', 'b', 'c']), 'a, b or c');
    });

    it('names the language in canonical form', () => {
      setL10nBundle({}, 'zh-cn');
      assert.equal(currentLocale(), 'zh-CN');
    });
  });
});
