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
import { Session, type Profiler } from 'node:inspector/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Settings, Views } from '../../src/constants';
import type { JobRecord, JobState } from '../../src/engine/job';
import type { MagicHourTestApi } from '../../src/extension';
import type { JobNode } from '../../src/ui/job-node';
import { suiteStartLine } from '../../test/integration/start-line';
import {
  EDITOR_RESULTS_ENV,
  PROFILE_ENV,
  TREE_JOBS,
  type ActivationProfile,
  type EditorFigures,
  type ProfileCall,
} from './protocol';

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
      sameNodesMs: [],
      withoutTooltipsMs: [],
      plainItemsMs: [],
    },
    notes: [],
  };
  try {
    const extension = vscode.extensions.getExtension<MagicHourTestApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
    if (process.env[PROFILE_ENV]) {
      // The profiling build declares no activation event: activate() runs here, under the profiler.
      if (extension.isActive) throw new Error('the extension was activated before it could be profiled');
      figures.activationProfile = await profileActivation(() => extension.activate());
      figures.activation = activationFigures(false, figures.notes);
      return;
    }
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

/** Runs `activate` under the CPU profiler (a sample every 50 µs) and sums the profile up. */
async function profileActivation(activate: () => Thenable<unknown>): Promise<ActivationProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    await session.post('Profiler.start');
    await activate();
    const { profile } = await session.post('Profiler.stop');
    return summarizeActivation(profile);
  } finally {
    session.disconnect();
  }
}

/** Time inside activate(), by what it called and by the functions that spent it. */
function summarizeActivation(profile: Profiler.Profile): ActivationProfile {
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i: the time after it belongs to sample i.
  for (let i = 0; i < samples.length; i++) {
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? 0));
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inclusive = (id: number): number =>
    (selfUs.get(id) ?? 0) + (byId.get(id)?.children ?? []).reduce((sum, child) => sum + inclusive(child), 0);
  const label = (node: Profiler.ProfileNode): string => {
    const { functionName, url } = node.callFrame;
    const where = url.endsWith('/dist/extension.js') ? 'ours' : url.includes('/vscode/') ? 'VS Code' : 'Node';
    return `${functionName || '(anonymous)'} [${where}]`;
  };
  const activations = profile.nodes.filter(
    (node) => node.callFrame.functionName === 'activate' && node.callFrame.url.endsWith('/dist/extension.js'),
  );
  const self = new Map<string, number>();
  const walk = (id: number): void => {
    const node = byId.get(id)!;
    self.set(label(node), (self.get(label(node)) ?? 0) + (selfUs.get(id) ?? 0));
    for (const child of node.children ?? []) walk(child);
  };
  for (const root of activations) walk(root.id);
  /** The callees of `ids` (the same function called from several places summed), biggest first. */
  const callsOf = (ids: number[], depth: number): ProfileCall[] => {
    const byName = new Map<string, number[]>();
    for (const id of ids) {
      for (const child of byId.get(id)?.children ?? []) {
        const name = label(byId.get(child)!);
        byName.set(name, [...(byName.get(name) ?? []), child]);
      }
    }
    return [...byName]
      .map(([name, children]) => ({
        name,
        ms: children.reduce((sum, child) => sum + inclusive(child), 0) / 1000,
        calls: depth > 1 ? callsOf(children, depth - 1) : [],
      }))
      .filter((call) => call.ms >= 0.5)
      .sort((a, b) => b.ms - a.ms);
  };
  const calls = callsOf(
    activations.map((node) => node.id),
    6,
  );
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .map(([name, us]) => ({ name, ms: us / 1000 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, n);
  return {
    totalMs: activations.reduce((sum, node) => sum + inclusive(node.id), 0) / 1000,
    calls,
    selfTime: top(self, 15),
  };
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
  // Where the time goes: the same refreshes without rebuilding the nodes (the view's emitter is
  // private), with the nodes' tooltips left out, and with plain items (a label and an id).
  const emitter = (api.tree as unknown as { changed: vscode.EventEmitter<undefined> }).changed;
  const nodes = api.tree.getChildren();
  const withoutTooltips = nodes.map((node) => {
    const { label, id, description, iconPath, contextValue, command, accessibilityInformation } = node;
    return Object.assign(new vscode.TreeItem(label ?? ''), {
      id: `no-tooltip-${id}`,
      ...{ description, iconPath, contextValue, command, accessibilityInformation },
    }) as JobNode;
  });
  const plain = nodes.map((_, i) => {
    const item = new vscode.TreeItem(`clip-${i}.png`);
    item.id = `plain-${i}`;
    return item as JobNode;
  });
  const variants: [keyof EditorFigures['tree'], JobNode[]][] = [
    ['sameNodesMs', nodes],
    ['withoutTooltipsMs', withoutTooltips],
    ['plainItemsMs', plain],
  ];
  const provider = api.tree as unknown as { getChildren(parent?: JobNode): JobNode[] };
  const children = provider.getChildren;
  try {
    for (const [key, items] of variants) {
      provider.getChildren = (parent?: JobNode) => (parent ? [] : items);
      (figures.tree[key] as number[]) = (await timeRefreshes(api, () => emitter.fire(undefined))).fetched;
    }
  } finally {
    provider.getChildren = children;
  }
  for (let i = 0; i < REPEATS; i++) {
    await sleep(250);
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
      await sleep(250);
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
  const { sameNodesMs, withoutTooltipsMs } = figures.tree;
  return [
    `provider ${med(providerMs)} ms, refresh ${med(refreshToFetchedMs)} ms`,
    `same nodes ${med(sameNodesMs)} ms, without tooltips ${med(withoutTooltipsMs)} ms, plain items ${med(plainItemsMs)} ms`,
  ].join(', ');
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
