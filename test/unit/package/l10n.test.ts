/**
 * Localization: package.json's texts are `%key%` placeholders with their English texts in
 * package.nls.json. The extension host's messages go through `vscode.l10n.t`; the webviews and
 * the modules that cannot import `vscode` (catalog, engine, API client) through `t` of
 * src/l10n.ts. l10n/bundle.l10n.json lists the English texts of both for translators
 * (`UPDATE_L10N=1` rewrites it).
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

/** A `vscode.l10n.t(...)` or `t(...)` call found in src/. */
interface L10nCall {
  where: string;
  message: string;
  args: number;
}

/** Source files under `dir` (default: all of src/, host and webviews), in a stable order. */
function sources(dir = path.join(repoRoot, 'src')): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs
      .readdirSync(folder, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** src/l10n.ts without its extension, as an import of it resolves. */
const l10nModule = path.join(repoRoot, 'src', 'l10n');

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

/**
 * How a file calls src/l10n.ts's `t`: `t` (or its alias) for a named import, `l10n.t` for a
 * namespace import. Empty when the file does not import it.
 */
function namesOfT(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = path.resolve(path.dirname(source.fileName), statement.moduleSpecifier.text);
    const bindings = statement.importClause?.namedBindings;
    if (target !== l10nModule || !bindings) continue;
    if (ts.isNamespaceImport(bindings)) names.add(`${bindings.name.text}.t`);
    else {
      for (const element of bindings.elements) {
        if ((element.propertyName ?? element.name).text === 't') names.add(element.name.text);
      }
    }
  }
  return names;
}

/**
 * `vscode.l10n.t(...)` calls and calls of src/l10n.ts's `t`; fails on a first argument that is
 * not a plain string literal (the bundle could not list it).
 */
function l10nCalls(): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const file of sources()) {
    const source = parse(file);
    const translators = new Set(['vscode.l10n.t', ...namesOfT(source)]);
    visit(source, (node) => {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression.getText(source);
      if (!translators.has(callee)) return;
      const [first, ...rest] = node.arguments;
      assert.ok(
        first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)),
        `${where(source, node)}: ${callee} needs a string literal (placeholders {0}, {1}… for values)`,
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

  describe('the extension host, the webviews and the pure modules', () => {
    let calls: L10nCall[];

    before(() => {
      calls = l10nCalls();
      if (process.env.UPDATE_L10N === '1') {
        fs.writeFileSync(bundlePath, `${JSON.stringify(bundleOf(calls), null, 2)}\n`);
      }
    });

    it('lists every vscode.l10n.t and t message in l10n/bundle.l10n.json (UPDATE_L10N=1 rewrites it)', () => {
      assert.ok(calls.length > 0, 'no vscode.l10n.t calls in src/');
      for (const folder of ['webview', 'catalog', 'engine', 'api']) {
        const inFolder = calls.filter((call) => call.where.startsWith(`src/${folder}/`));
        assert.ok(inFolder.length > 0, `no t calls in src/${folder}/`);
      }
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
      for (const file of sources()) {
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

    it('puts no text on a webview page that bypasses t', () => {
      const problems: string[] = [];
      for (const file of sources(path.join(repoRoot, 'src', 'webview'))) {
        const source = parse(file);
        const report = (node: ts.Node) =>
          problems.push(`${where(source, node)}: ${node.getText(source).slice(0, 60)}`);
        visit(source, (node) => {
          for (const shown of shownTexts(node)) if (hasLiteralText(shown)) report(shown);
        });
      }
      assert.deepEqual(problems, [], 'literal texts on a webview page without t');
    });

    it("writes the catalog's problems with t", () => {
      const problems: string[] = [];
      for (const file of sources(path.join(repoRoot, 'src', 'catalog'))) {
        const source = parse(file);
        visit(source, (node) => {
          if (
            ts.isPropertyAssignment(node) &&
            propertyName(node) === 'message' &&
            hasLiteralText(node.initializer)
          )
            problems.push(`${where(source, node)}: ${node.getText(source).slice(0, 60)}`);
        });
      }
      assert.deepEqual(problems, [], 'catalog messages without t');
    });

    it("sets src/l10n.ts's bundle in the host at activation and in each webview from its init message", () => {
      const setters = (file: string) => {
        const source = parse(file);
        const found: string[] = [];
        visit(source, (node) => {
          if (ts.isCallExpression(node) && node.expression.getText(source) === 'setL10nBundle') {
            found.push(node.arguments.map((arg) => arg.getText(source)).join(', '));
          }
        });
        return found;
      };
      assert.deepEqual(setters(path.join(repoRoot, 'src', 'extension.ts')), [
        'vscode.l10n.bundle, vscode.env.language',
      ]);
      const entries = sources(path.join(repoRoot, 'src', 'webview')).filter((f) => f.endsWith('main.ts'));
      assert.equal(entries.length, 2, 'the form and the preview');
      for (const entry of entries) {
        assert.deepEqual(
          setters(entry),
          ['message.l10n?.bundle, message.l10n?.locale'],
          path.relative(repoRoot, entry),
        );
      }
    });
  });
});

/** Attributes whose values a webview page shows or reads out. */
const SHOWN_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'hint', 'label']);

/** Methods of the webview code whose arguments end up on the page as text. */
const SHOWN_BY_METHODS = new Set(['setHint', 'setProblem', 'showFormProblem', 'append', 'replaceChildren']);

/**
 * The expressions `node` puts on a webview page as text: children of `h(tag, attributes, …)`,
 * the values of shown attributes, a `Field`'s label, arguments of the methods above, and
 * what is assigned to `textContent`.
 */
function shownTexts(node: ts.Node): ts.Node[] {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    if (ts.isIdentifier(callee) && callee.text === 'h') return node.arguments.slice(2);
    if (ts.isPropertyAccessExpression(callee) && SHOWN_BY_METHODS.has(callee.name.text)) {
      return [...node.arguments];
    }
  }
  if (ts.isNewExpression(node) && node.expression.getText() === 'Field')
    return node.arguments?.slice(1, 2) ?? [];
  if (ts.isPropertyAssignment(node) && SHOWN_ATTRIBUTES.has(propertyName(node))) return [node.initializer];
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(node.left) &&
    node.left.name.text === 'textContent'
  ) {
    return [node.right];
  }
  return [];
}

/** A property's name as written, without quotes: `'aria-label'` → `aria-label`. */
function propertyName(property: ts.PropertyAssignment): string {
  return ts.isStringLiteral(property.name) || ts.isIdentifier(property.name)
    ? property.name.text
    : property.name.getText();
}

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
