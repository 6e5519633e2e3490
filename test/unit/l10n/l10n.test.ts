/**
 * src/l10n.ts: `t` looks messages up as `vscode.l10n.t` does, lists and numbers follow the
 * language, and the pure modules (catalog, API client) speak the language set.
 */
import * as assert from 'node:assert/strict';
import { hintForStatus } from '../../../src/api/errors';
import {
  VERSIONS,
  findImageToVideoModel,
  validateImageToVideo,
  validateVideoToVideo,
} from '../../../src/catalog';
import { currentLocale, orList, setL10nBundle, t } from '../../../src/l10n';

const videoSettings = {
  startSeconds: 0,
  endSeconds: 4,
  artStyle: 'Pixar',
  model: 'default',
  promptType: 'default',
  version: 'v1',
  fpsResolution: 'FULL',
};

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

  describe('the modules that cannot import vscode', () => {
    it("explain the catalog's problems in the language set, lists and numbers included", () => {
      setL10nBundle(
        {
          '"{0}" is not a version: choose {1}.': '„{0}“ ist keine Version: wähle {1}.',
          'The prompt is {0} characters long: keep it to {1} or fewer.':
            'Der Prompt ist {0} Zeichen lang: höchstens {1}.',
        },
        'de',
      );
      const problems = validateVideoToVideo({ ...videoSettings, version: 'v3', prompt: 'x'.repeat(2001) });
      assert.deepEqual(
        problems.map((p) => p.message),
        [
          '„v3“ ist keine Version: wähle default, v1 oder v2.',
          'Der Prompt ist 2.001 Zeichen lang: höchstens 2.000.',
        ],
      );
    });

    it('translate catalog labels and notes when they are read, not when the module loaded', () => {
      assert.equal(VERSIONS[1]?.label, 'v1 (more detail, frame previews)');
      setL10nBundle(
        {
          'v1 (more detail, frame previews)': 'v1 (mehr Details)',
          'Default (Kling 2.5 Audio)': 'Standard (Kling 2.5 Audio)',
          'Sora 2 accepts only 9:16 or 16:9 images.': 'Sora 2 nimmt nur Bilder in 9:16 oder 16:9.',
        },
        'de',
      );
      assert.equal(VERSIONS[1]?.label, 'v1 (mehr Details)');
      assert.equal(findImageToVideoModel('default')?.label, 'Standard (Kling 2.5 Audio)');
      assert.equal(findImageToVideoModel('sora-2')?.note, 'Sora 2 nimmt nur Bilder in 9:16 oder 16:9.');
      // A product name is no text to translate.
      assert.equal(findImageToVideoModel('sora-2')?.label, 'Sora 2');
    });

    it('fill the translated message with the model it names', () => {
      setL10nBundle(
        { '{0} cannot add audio: turn audio off.': '{0} kann keinen Ton: schalte ihn aus.' },
        'de',
      );
      const problems = validateImageToVideo({
        model: 'seedance',
        resolution: '720p',
        endSeconds: 5,
        audio: true,
      });
      assert.deepEqual(problems, [{ field: 'audio', message: 'Seedance kann keinen Ton: schalte ihn aus.' }]);
    });

    it("give the API client's hints in the language set", () => {
      const english = hintForStatus(402);
      setL10nBundle({ [english]: 'Nicht genug Credits.' }, 'de');
      assert.equal(hintForStatus(402), 'Nicht genug Credits.');
    });
  });
});
