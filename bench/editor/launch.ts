/**
 * The editor side of the benchmark: sizes of the production bundles, then the in-editor suite
 * (suite.ts) run by the integration harness in code-server, once per launch, each launch a fresh
 * editor (activation happens once per editor start).
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runIntegrationInCodeServer } from '../../test/harness/run-integration';
import { ensureEditorSetup } from '../../test/harness/setup';
import { makeTempDir } from '../../test/harness/workspace';
import { sample, type Sample } from '../lib/stats';
import { buildProductionExtension, type BundleSize } from './bundles';
import { EDITOR_RESULTS_ENV, PROFILE_ENV, type ActivationProfile, type EditorFigures } from './protocol';

export interface EditorResult {
  bundles: BundleSize[];
  launches: number;
  vscodeVersion?: string;
  /** Medians over launches (one activation per launch). */
  activateMs?: Sample;
  codeLoadMs?: Sample;
  /** Medians over every refresh of every launch. */
  treeRefreshMs?: Sample;
  treeProviderMs?: Sample;
  treeRequestedMs?: Sample;
  treeSameNodesMs?: Sample;
  treeWithoutTooltipsMs?: Sample;
  treePlainItemsMs?: Sample;
  treeJobs?: number;
  /** With --profile-activation: where activate()'s time went, in one more editor start. */
  activationProfile?: ActivationProfile;
  /** What went wrong, when the editor part could not run. */
  errors: string[];
  notes: string[];
}

export async function benchEditor(options: {
  launches: number;
  /** One more editor start, with activate() under the CPU profiler. */
  profileActivation?: boolean;
  log: (line: string) => void;
}): Promise<EditorResult> {
  const extensionDir = makeTempDir('bench-extension');
  const bundles = await buildProductionExtension(extensionDir);
  const result: EditorResult = { bundles, launches: 0, errors: [], notes: [] };
  if (options.launches === 0 && !options.profileActivation) return result;
  try {
    ensureEditorSetup();
  } catch (error) {
    result.errors.push(`editor setup failed: ${error instanceof Error ? error.message : String(error)}`);
    return result;
  }
  const figures: EditorFigures[] = [];
  for (let i = 1; i <= options.launches; i++) {
    options.log(`  editor launch ${i} of ${options.launches}`);
    const found = await launch(extensionDir, `launch ${i}`, result.errors);
    if (found) figures.push(found);
  }
  if (options.profileActivation) {
    options.log('  editor launch with activate() under the CPU profiler');
    const profiled = makeTempDir('bench-extension-profiled');
    await buildProductionExtension(profiled, true);
    // No activation event: the suite calls activate() itself, with the profiler running.
    const manifest = path.join(profiled, 'package.json');
    const json = JSON.parse(await fs.readFile(manifest, 'utf8')) as { activationEvents?: string[] };
    json.activationEvents = [];
    await fs.writeFile(manifest, JSON.stringify(json, null, 2));
    process.env[PROFILE_ENV] = '1';
    try {
      result.activationProfile = (await launch(profiled, 'profiling launch', result.errors))
        ?.activationProfile;
    } finally {
      delete process.env[PROFILE_ENV];
    }
  }
  delete process.env[EDITOR_RESULTS_ENV];
  result.launches = figures.length;
  result.vscodeVersion = figures[0]?.vscodeVersion;
  const activations = figures.flatMap((f) => (f.activation ? [f.activation] : []));
  if (activations.length) {
    result.activateMs = sample(activations.map((a) => a.activateMs));
    result.codeLoadMs = sample(activations.map((a) => a.codeLoadMs));
    if (activations.some((a) => !a.startup)) {
      result.notes.push('in some launches the suite, not startup, activated the extension');
    }
  }
  const refreshes = figures.flatMap((f) => f.tree.refreshToFetchedMs);
  const provider = figures.flatMap((f) => f.tree.providerMs);
  if (refreshes.length) result.treeRefreshMs = sample(refreshes);
  if (provider.length) result.treeProviderMs = sample(provider);
  const requested = figures.flatMap((f) => f.tree.refreshToRequestedMs);
  if (requested.length) result.treeRequestedMs = sample(requested);
  const all = (key: 'sameNodesMs' | 'withoutTooltipsMs' | 'plainItemsMs') => {
    const values = figures.flatMap((f) => f.tree[key]);
    return values.length ? sample(values) : undefined;
  };
  result.treeSameNodesMs = all('sameNodesMs');
  result.treeWithoutTooltipsMs = all('withoutTooltipsMs');
  result.treePlainItemsMs = all('plainItemsMs');
  result.treeJobs = figures[0]?.tree.jobs;
  result.notes.push(...new Set(figures.flatMap((f) => f.notes)));
  return result;
}

/** One editor start running the suite against `extensionDir`; returns what the suite wrote. */
async function launch(
  extensionDir: string,
  name: string,
  errors: string[],
): Promise<EditorFigures | undefined> {
  const out = path.join(extensionDir, `editor-figures-${Date.now()}.json`);
  // code-server and its extension host inherit this process's environment.
  process.env[EDITOR_RESULTS_ENV] = out;
  const code = await runIntegrationInCodeServer({
    extensionDevelopmentPath: extensionDir,
    extensionTestsPath: path.join(__dirname, 'suite.js'),
    timeoutMs: 180_000,
  });
  if (code !== 0) errors.push(`editor ${name} failed (exit ${code}); see test-results/logs/integration/`);
  if (!existsSync(out)) return undefined;
  return JSON.parse(await fs.readFile(out, 'utf8')) as EditorFigures;
}
