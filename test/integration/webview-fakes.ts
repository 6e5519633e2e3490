/**
 * Stand-ins the webview panel tests hand to `openForm` and `showPreview`: an extension context
 * with an in-memory globalState, recording form dependencies and job records.
 */
import * as vscode from 'vscode';
import type { ImageToVideoSettings, VideoToVideoSettings } from '../../src/catalog/settings';
import type { JobRecord } from '../../src/engine/job';
import type { FormContext, FormDeps, SubmitHandler } from '../../src/ui/form-panel';
import { Emitter } from '../../src/util/emitter';
import { EXTENSION_ID } from './helpers';

/** A Memento kept in memory, as `globalState` is. */
export class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
  setKeysForSync(): void {}
}

/** The installed extension's folder (its dist/ and media/ are what the webviews load). */
export function extensionUri(): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.extensionUri;
}

/** A context for the panels: the real extension folder, a fresh globalState. */
export function fakeContext(): FormContext & { globalState: MemoryMemento } {
  return { extensionUri: extensionUri(), globalState: new MemoryMemento() };
}

/** Form dependencies that record every call; `answer` decides what a submit returns. */
export function recordingDeps(
  answer: SubmitHandler = async () => ({ submitted: [{ jobId: 'job-1', source: 'sample.png' }], errors: [] }),
) {
  const submits: (ImageToVideoSettings | VideoToVideoSettings)[] = [];
  const logLines: string[] = [];
  const jobs = new Emitter<JobRecord>();
  const deps: FormDeps = {
    submit: async (settings) => {
      submits.push(settings);
      return answer(settings);
    },
    onJobChange: jobs.event,
    log: (line) => logLines.push(line),
  };
  return { deps, submits, logLines, jobs };
}

/** A finished image-to-video job for `source` with its output at `outputPath`. */
export function doneJob(
  source: string,
  outputPath: string | undefined,
  overrides: Partial<JobRecord> = {},
): JobRecord {
  const now = Date.now();
  return {
    version: 1,
    id: `job${Math.random().toString(16).slice(2, 10)}`,
    mode: 'image-to-video',
    name: 'sample',
    state: outputPath ? 'done' : 'rendering',
    createdAt: now,
    updatedAt: now,
    history: [{ state: 'uploading', at: now }],
    source: { kind: 'file', path: source, size: 1, mtimeMs: now },
    settings: { model: 'kling-2.5', endSeconds: 5, resolution: '720p', prompt: 'waves' },
    projectId: 'cm-test',
    creditsEstimated: 300,
    creditsCharged: outputPath ? 300 : undefined,
    outputFolder: outputPath ? outputPath.replace(/[\\/][^\\/]*$/, '') : '/tmp',
    outputPath,
    ...overrides,
  };
}

/**
 * Waits until a real webview page has loaded and said `ready`, as `loaded` tells.
 *
 * In code-server every webview shares one origin and so one service worker, and a new page
 * waits until that worker can hand over. It cannot while a resource request of a closed webview
 * is still pending (the worker gives up on those after 30 s). So the tests that load a real page
 * do it first in their suite, on pages that load no media, and allow for that wait.
 */
export async function waitForPage(what: string, loaded: () => boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!loaded()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
