/**
 * Localization: package.json's texts are `%key%` placeholders with their English texts in
 * package.nls.json, and the extension's messages go through `vscode.l10n.t`, whose English
 * texts l10n/bundle.l10n.json lists for translators (`UPDATE_L10N=1` rewrites it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../../harness/paths';
import { englishTexts, NLS_PLACEHOLDER, rawManifest, type Manifest } from './manifest';

/** Every user-facing string of package.json, with where it is (for the failure message). */
function userFacingStrings(manifest: Manifest): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const add = (where: string, text: unknown) => {
    if (typeof text === 'string') found.push({ where, text });
  };
  add('displayName', manifest.displayName);
  add('description', manifest.description);
  const raw = manifest as unknown as {
    capabilities?: Record<string, { description?: string }>;
  };
  for (const [name, capability] of Object.entries(raw.capabilities ?? {})) {
    add(`capabilities.${name}.description`, capability.description);
  }
  const c = manifest.contributes;
  for (const command of c.commands) {
    add(`${command.command} title`, command.title);
    add(`${command.command} category`, command.category);
  }
  for (const container of Object.values(c.viewsContainers).flat())
    add(`${container.id} title`, container.title);
  for (const view of Object.values(c.views).flat()) {
    add(`${view.id} name`, view.name);
    add(`${view.id} contextualTitle`, (view as { contextualTitle?: string }).contextualTitle);
  }
  add('configuration title', c.configuration.title);
  for (const [key, setting] of Object.entries(c.configuration.properties)) {
    add(`${key} description`, setting.description);
    add(`${key} markdownDescription`, setting.markdownDescription);
    // Labels with words are translated; bare model names ("LTX-2", "Kling 2.5") are not.
    for (const label of setting.enumItemLabels ?? [])
      if (/\(|^Default\b/.test(label)) add(`${key} label`, label);
  }
  for (const welcome of c.viewsWelcome) add(`viewsWelcome ${welcome.when}`, welcome.contents);
  for (const walkthrough of c.walkthroughs ?? []) {
    add(`walkthrough ${walkthrough.id} title`, walkthrough.title);
    add(`walkthrough ${walkthrough.id} description`, walkthrough.description);
    for (const step of walkthrough.steps) {
      add(`step ${step.id} title`, step.title);
      add(`step ${step.id} description`, step.description);
      add(`step ${step.id} altText`, step.media.altText);
    }
  }
  return found;
}

/** A `vscode.l10n.t(...)` call found in src/. */
interface L10nCall {
  where: string;
  message: string;
  args: number;
}

/** Source files of the extension host (the webviews are browser code and not localized yet). */
function hostSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && full !== path.join(repoRoot, 'src', 'webview')) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(repoRoot, 'src'));
  return files;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  node.forEachChild((child) => visit(child, each));
}

function where(source: ts.SourceFile, node: ts.Node): string {
  const { line } = source.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(repoRoot, source.fileName)}:${line + 1}`;
}

/** `vscode.l10n.t(...)` calls; fails on a first argument that is not a plain string literal. */
function l10nCalls(): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const file of hostSources()) {
    const source = parse(file);
    visit(source, (node) => {
      if (!ts.isCallExpression(node) || node.expression.getText(source) !== 'vscode.l10n.t') return;
      const [first, ...rest] = node.arguments;
      assert.ok(
        first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)),
        `${where(source, node)}: vscode.l10n.t needs a string literal (placeholders {0}, {1}… for values)`,
      );
      calls.push({ where: where(source, node), message: first.text, args: rest.length });
    });
  }
  return calls;
}

/** The English bundle the calls make: each message once, in the order of the sources. */
function bundleOf(calls: L10nCall[]): Record<string, string> {
  const bundle: Record<string, string> = {};
  for (const { message } of calls) bundle[message] = message;
  return bundle;
}

const bundlePath = path.join(repoRoot, 'l10n', 'bundle.l10n.json');

describe('Localization', () => {
  describe('package.json', () => {
    it('uses a %placeholder% for every user-facing text', () => {
      const literal = userFacingStrings(rawManifest()).filter(({ text }) => !NLS_PLACEHOLDER.test(text));
      assert.deepEqual(literal, [], 'texts that are not in package.nls.json');
    });

    it('has an English text for every placeholder, and no text without a placeholder', () => {
      const texts = englishTexts();
      const used = new Set<string>();
      JSON.stringify(rawManifest(), (_key, value: unknown) => {
        const key = typeof value === 'string' ? NLS_PLACEHOLDER.exec(value)?.[1] : undefined;
        if (key !== undefined) used.add(key);
        return value;
      });
      assert.deepEqual(
        [...used].filter((key) => texts[key] === undefined),
        [],
        'placeholders without a text',
      );
      assert.deepEqual(
        Object.keys(texts).filter((key) => !used.has(key)),
        [],
        'texts in package.nls.json that nothing uses',
      );
      for (const [key, text] of Object.entries(texts)) assert.ok(text.trim(), `${key} is empty`);
    });

    it('names the l10n folder, which holds the English bundle', () => {
      assert.equal(rawManifest().l10n, './l10n');
      assert.ok(fs.existsSync(bundlePath), 'l10n/bundle.l10n.json is missing');
    });
  });

  describe('the extension host', () => {
    let calls: L10nCall[];

    before(() => {
      calls = l10nCalls();
      if (process.env.UPDATE_L10N === '1') {
        fs.writeFileSync(bundlePath, `${JSON.stringify(bundleOf(calls), null, 2)}\n`);
      }
    });

    it('lists every vscode.l10n.t message in l10n/bundle.l10n.json (UPDATE_L10N=1 rewrites it)', () => {
      assert.ok(calls.length > 0, 'no vscode.l10n.t calls in src/');
      const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8')) as Record<string, string>;
      assert.deepEqual(bundle, bundleOf(calls));
    });

    it('fills every placeholder of a message, and passes no value it does not show', () => {
      for (const call of calls) {
        const used = new Set([...call.message.matchAll(/\{(\d+)\}/g)].map(([, n]) => Number(n)));
        const expected = new Set(Array.from({ length: call.args }, (_, i) => i));
        assert.deepEqual(used, expected, `${call.where}: "${call.message}" with ${call.args} value(s)`);
        assert.doesNotMatch(call.message, /\{(?!\d+\})/, `${call.where}: a brace that is no placeholder`);
      }
    });

    it('shows no message, button or status text that bypasses vscode.l10n.t', () => {
      const shown = /^vscode\.window\.(show(Information|Warning|Error)Message|setStatusBarMessage)$/;
      const problems: string[] = [];
      for (const file of hostSources()) {
        const source = parse(file);
        visit(source, (node) => {
          if (!ts.isCallExpression(node) || !shown.test(node.expression.getText(source))) return;
          for (const arg of node.arguments) {
            if (hasLiteralText(arg))
              problems.push(`${where(source, arg)}: ${arg.getText(source).slice(0, 60)}`);
          }
        });
      }
      assert.deepEqual(problems, [], 'literal texts shown without vscode.l10n.t');
    });
  });
});

/** True when `text` has words in it; a codicon such as `$(copy)` is no word. */
function hasWords(text: string): boolean {
  return /[A-Za-z]/.test(text.replace(/\$\([\w~-]+\)/g, ''));
}

/** True for an English text written in place: a string or template literal, or one glued with `+`. */
function hasLiteralText(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text);
  if (ts.isTemplateExpression(node)) {
    return hasWords(node.head.text + node.templateSpans.map((span) => span.literal.text).join(''));
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return hasLiteralText(node.left) || hasLiteralText(node.right);
  }
  if (ts.isConditionalExpression(node))
    return hasLiteralText(node.whenTrue) || hasLiteralText(node.whenFalse);
  if (ts.isParenthesizedExpression(node)) return hasLiteralText(node.expression);
  // A modal message's `detail`.
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.some(
      (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'detail' && hasLiteralText(p.initializer),
    );
  }
  return false;
}
