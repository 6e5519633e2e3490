/** The one handle a webview has on VS Code: posting messages to the extension host. */
interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** A typed sender to the host; `acquireVsCodeApi` may only be called once per page. */
export function connectToHost<Message>(): { post(message: Message): void } {
  const api = acquireVsCodeApi();
  return { post: (message) => api.postMessage(message) };
}

/** Calls `handle` with each message the host posts (the data is untrusted until parsed). */
export function onHostMessage(handle: (data: unknown) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => handle(event.data));
}

/** Where a webview reports messages it rejected: its own developer tools console. */
export function logLine(line: string): void {
  console.warn(line);
}
