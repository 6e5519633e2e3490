/**
 * The editor-side benchmark, run inside a real extension host by the integration harness
 * (`extensionTestsPath`). It measures what only the real editor can show:
 * - the extension's activation, from the extension host's own performance marks;
 * - a Jobs tree of 1,000 jobs: the extension's share (rebuilding the nodes), and a refresh
 *   until the workbench has fetched every item.
 * It writes its figures to the JSON file named by MAGIC_HOUR_BENCH_EDITOR_OUT.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Settings, Views } from '../../src/constants';
import type { JobRecord, JobState } from '../../src/engine/job';
import type { MagicHourTestApi } from '../../src/extension';
import type { JobNode } from '../../src/ui/job-node';
import { suiteStartLine } from '../../test/integration/start-line';
import { EDITOR_RESULTS_ENV, TREE_JOBS, type EditorFigures } from './protocol';

const EXTENSION_ID = 'magic-hour-community.magic-hour-vscode';
const REPEATS = 10;

/** The extension host keeps VS Code's performance marks here (vs/base/common/performance). */
interface PerformanceMarks {
  getMarks(): { name: string; startTime: number }[];
}

export async function run(): Promise<void> {
  console.log(suiteStartLine);
  const out = process.env[EDITOR_RESULTS_ENV];
  if (!out) throw new Error(`${EDITOR_RESULTS_ENV} is not set`);
  const figures: EditorFigures = {
    vscodeVersion: vscode.version,
    tree: {
      jobs: TREE_JOBS,
      providerMs: [],
      refreshToFetchedMs: [],
      refreshToRequestedMs: [],
      plainItemsMs: [],
    },
    notes: [],
  };
  try {
    const extension = vscode.extensions.getExtension<MagicHourTestApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
    // The extension activates onStartupFinished: give the workbench the time to get there.
    await waitFor('startup activation', () => extension.isActive, 20_000).catch(() => undefined);
    const startup = extension.isActive;
    const api = await extension.activate();
    await api.services.settled();
    figures.activation = activationFigures(startup, figures.notes);
    await measureTree(api, figures);
  } finally {
    await fs.writeFile(out, JSON.stringify(figures, null, 2));
  }
  console.log(`[bench] editor figures written: ${JSON.stringify({ ...figures, tree: summary(figures) })}`);
}

function activationFigures(startup: boolean, notes: string[]): EditorFigures['activation'] {
  const marks = (globalThis as { MonacoPerformanceMarks?: PerformanceMarks }).MonacoPerformanceMarks;
  const all = marks?.getMarks() ?? [];
  const at = (name: string) => all.find((m) => m.name === `code/extHost/${name}/${EXTENSION_ID}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = [
    'willLoadExtensionCode',
    'didLoadExtensionCode',
    'willActivateExtension',
    'didActivateExtension',
  ].map(at);
  if ([willLoad, didLoad, willActivate, didActivate].some((t) => t === undefined)) {
    notes.push('the extension host has no activation marks for the extension');
    return undefined;
  }
  return { codeLoadMs: didLoad! - willLoad!, activateMs: didActivate! - willActivate!, startup };
}

async function measureTree(api: MagicHourTestApi, figures: EditorFigures): Promise<void> {
  await writeJobs(path.join(api.context.globalStorageUri.fsPath, 'jobs'), TREE_JOBS);
  // The default history keeps 200 jobs; a bigger one rebuilds the engine, which loads the store.
  await vscode.workspace
    .getConfiguration(Settings.section)
    .update(Settings.historySize, 10_000, vscode.ConfigurationTarget.Global);
  await waitFor(`${TREE_JOBS} jobs in the tree`, () => api.tree.getChildren().length === TREE_JOBS);
  await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
  await waitFor('the Jobs view to be visible', () => api.tree.view.visible);

  const jobs = await timeRefreshes(api, () => api.tree.reload());
  figures.tree.refreshToFetchedMs = jobs.fetched;
  figures.tree.refreshToRequestedMs = jobs.requested;
  // The floor: the same view and the same refreshes, with 1,000 plain items (a label and an id).
  const plain = Array.from({ length: TREE_JOBS }, (_, i) => {
    const item = new vscode.TreeItem(`clip-${i}.png`);
    item.id = `plain-${i}`;
    return item as JobNode;
  });
  const provider = api.tree as unknown as { getChildren(parent?: JobNode): JobNode[] };
  const children = provider.getChildren;
  provider.getChildren = (parent?: JobNode) => (parent ? [] : plain);
  // Tell the view its data changed without rebuilding the job nodes (the emitter is private).
  const emitter = (api.tree as unknown as { changed: vscode.EventEmitter<undefined> }).changed;
  try {
    figures.tree.plainItemsMs = (await timeRefreshes(api, () => emitter.fire(undefined))).fetched;
  } finally {
    provider.getChildren = children;
  }
  for (let i = 0; i < REPEATS; i++) {
    await sleep(400);
    const started = performance.now();
    api.tree.reload();
    for (const node of api.tree.getChildren()) api.tree.getTreeItem(node);
    figures.tree.providerMs.push(performance.now() - started);
  }
}

/**
 * Refreshes the whole tree (with `refresh`) REPEATS times and times each until the workbench has every item.
 * VS Code asks for all children's items at once, then builds what it sends to the workbench in
 * the same run of microtasks: a setImmediate queued with the last item fires once that is done.
 */
async function timeRefreshes(
  api: MagicHourTestApi,
  refresh: () => void,
): Promise<{ fetched: number[]; requested: number[] }> {
  const tree = api.tree as unknown as {
    getTreeItem(node: JobNode): vscode.TreeItem;
    getChildren(parent?: JobNode): JobNode[];
  };
  const original = tree.getTreeItem;
  const originalChildren = tree.getChildren;
  let requestedAt = NaN;
  tree.getChildren = function (parent?: JobNode) {
    if (!parent && Number.isNaN(requestedAt)) requestedAt = performance.now();
    return originalChildren.call(this, parent);
  };
  let fetched = 0;
  let allFetched: (at: number) => void = () => undefined;
  tree.getTreeItem = function (node: JobNode) {
    if (++fetched === TREE_JOBS) setImmediate(() => allFetched(performance.now()));
    return original.call(this, node);
  };
  const times = { fetched: [] as number[], requested: [] as number[] };
  try {
    for (let i = 0; i < REPEATS; i++) {
      // VS Code coalesces tree refreshes that come within 200 ms of each other.
      await sleep(400);
      fetched = 0;
      requestedAt = NaN;
      const done = new Promise<number>((resolve) => (allFetched = resolve));
      const started = performance.now();
      refresh();
      const ended = await Promise.race([done, sleep(10_000).then(() => NaN)]);
      if (Number.isNaN(ended)) throw new Error(`the workbench fetched ${fetched} of ${TREE_JOBS} items`);
      times.fetched.push(ended - started);
      times.requested.push(requestedAt - started);
    }
  } finally {
    tree.getTreeItem = original;
    tree.getChildren = originalChildren;
  }
  return times;
}

/** Finished jobs of several kinds, as the engine stores them (no running job: nothing is sent). */
async function writeJobs(dir: string, count: number): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const states: JobState[] = ['done', 'done', 'done', 'failed', 'stopped', 'unsaved', 'deleted', 'lost'];
  const now = Date.now();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? dir;
  await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const state = states[i % states.length]!;
      const createdAt = now - (i + 1) * 60_000;
      const job: JobRecord = {
        version: 1,
        id: randomBytes(16).toString('hex'),
        mode: 'image-to-video',
        name: `clip-${i}.png`,
        state,
        createdAt,
        updatedAt: createdAt + 80_000,
        history: [
          { state: 'uploading', at: createdAt },
          { state: 'rendering', at: createdAt + 5_000 },
          { state, at: createdAt + 80_000 },
        ],
        source: { kind: 'file', path: path.join(folder, `clip-${i}.png`), size: 120_000, mtimeMs: createdAt },
        settings: { model: 'default', endSeconds: 5, resolution: '720p' },
        projectId: state === 'lost' ? undefined : `c${randomBytes(12).toString('hex')}`,
        creditsEstimated: 300,
        creditsCharged: state === 'failed' ? 0 : 300,
        outputFolder: folder,
        outputPath: state === 'done' ? path.join(folder, `clip-${i}.image-to-video.mp4`) : undefined,
        error: state === 'done' ? undefined : { message: `The job ended as ${state}.` },
      };
      return fs.writeFile(path.join(dir, `${job.id}.json`), JSON.stringify(job));
    }),
  );
}

function summary(figures: EditorFigures): string {
  const med = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]?.toFixed(1);
  const { providerMs, refreshToFetchedMs, plainItemsMs } = figures.tree;
  return `provider ${med(providerMs)} ms, refresh ${med(refreshToFetchedMs)} ms, plain items ${med(plainItemsMs)} ms`;
}

async function waitFor(what: string, probe: () => boolean, timeoutMs = 30_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
