/**
 * The HTML shell both webviews share: a strict Content Security Policy, one nonce'd script, the
 * codicon font and one stylesheet. The page carries no state: the script asks for it with a
 * `ready` message, so nothing the user typed or named is ever built into HTML here.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewL10n, type WebviewL10n } from '../protocol/l10n';

/** A fresh random nonce for one page load. */
export function createNonce(): string {
  return randomBytes(24).toString('base64');
}

/** Nothing by default; styles, fonts, images and media from the webview's own resources only. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `media-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** Escapes text for use in HTML content and in double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The extension's folders a webview loads its own files from: dist/ (script, codicons) and media/ (CSS). */
export function extensionRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export interface ShellOptions {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  /** Page title, for screen readers. */
  title: string;
  /** Bundle name: `form` loads dist/webview/form.js. */
  script: string;
  /** Stylesheet in media/, e.g. `form.css`. */
  stylesheet: string;
}

/** What a webview's `init` carries so its page speaks VS Code's display language. */
export function currentWebviewL10n(): WebviewL10n {
  return webviewL10n(vscode.l10n.bundle, vscode.env.language);
}

/** The page for a webview: CSP, stylesheets, an empty `#app` and the nonce'd script. */
export function webviewHtml({ webview, extensionUri, title, script, stylesheet }: ShellOptions): string {
  const nonce = createNonce();
  const uri = (...segments: string[]) =>
    escapeHtml(webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString());
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(webview.cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${uri('dist', 'codicons', 'codicon.css')}">
  <link rel="stylesheet" href="${uri('media', 'webview.css')}">
  <link rel="stylesheet" href="${uri('media', stylesheet)}">
  <title>${escapeHtml(title)}</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="loading">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>
  <script nonce="${escapeHtml(nonce)}" src="${uri('dist', 'webview', `${script}.js`)}"></script>
</body>
</html>`;
}
