/**
 * `npm run bench`: this project's engine and the official SDK's generate() side by side, on one
 * local Magic Hour double, plus curl as the machine's limit and the editor-side figures.
 * Prints Markdown tables and writes every figure to bench/results.json. See BENCHMARKS.md.
 *
 *   npm run bench                         the full run (1 GiB files, 74 s renders, 50 jobs)
 *   npm run bench -- --quick              64 MiB files, 10 s renders, 10 jobs, one editor start,
 *                                         the waiting scenarios overlapped (a smoke test, < 1 min)
 *   options: --render-seconds N  --runs N  --jobs N  --editor-launches N  --only a,b
 *            (scenarios: transfer, polling, many-jobs, editor)
 *            --profile-activation: in a quick run too, one more editor start with activate() under
 *            the CPU profiler (the full run always does it)
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeAtExit, shutdown } from '../test/harness/processes';
import { benchEditor } from './editor/launch';
import { fixture, repoRoot, resultsFile } from './lib/paths';
import { GIB, MIB } from './lib/stats';
import { checkTargets, formatTables, type BenchResults } from './report';
import { benchManyJobs } from './scenarios/many-jobs';
import { benchPolling } from './scenarios/polling';
import { benchTransfer, writeSourceFile } from './scenarios/transfer';

const SCENARIOS = ['transfer', 'polling', 'many-jobs', 'editor'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  quick: boolean;
  fileBytes: number;
  renderSeconds: number;
  runs: number;
  jobs: number;
  editorLaunches: number;
  profileActivation: boolean;
  only: Set<Scenario>;
}

const USAGE = `Usage: npm run bench -- [--quick] [--render-seconds N] [--runs N] [--jobs N] [--editor-launches N] [--profile-activation] [--only ${SCENARIOS.join(',')}]`;

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const options: Options = {
    quick,
    fileBytes: quick ? 64 * MIB : GIB,
    renderSeconds: quick ? 10 : 74,
    runs: 3,
    jobs: quick ? 10 : 50,
    editorLaunches: quick ? 1 : 3,
    profileActivation: !quick || argv.includes('--profile-activation'),
    only: new Set(SCENARIOS),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick' || flag === '--profile-activation') continue;
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    const atLeast = (min: number) => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < min) throw new Error(`${flag} needs a number ≥ ${min}, got '${value}'`);
      return n;
    };
    if (flag === '--render-seconds') options.renderSeconds = atLeast(0.1);
    else if (flag === '--runs') options.runs = Math.round(atLeast(1));
    else if (flag === '--jobs') options.jobs = Math.round(atLeast(1));
    else if (flag === '--editor-launches') options.editorLaunches = Math.round(atLeast(0));
    else if (flag === '--only') {
      const names = value.split(',');
      const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
      if (unknown.length) throw new Error(`Unknown scenario ${unknown.join(', ')}\n${USAGE}`);
      options.only = new Set(names as Scenario[]);
    } else throw new Error(`Unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

/** curl is the yardstick for throughput: stop early, with the fix, when it is missing. */
function curlVersion(): string {
  try {
    return execFileSync('curl', ['--version'], { encoding: 'utf8' }).split('\n')[0]!;
  } catch {
    throw new Error(
      'curl is not installed. The benchmark compares upload and download rates with curl.\n' +
        'Install it (Debian/Ubuntu: sudo apt-get install -y curl; macOS has it) and run again, ' +
        'or skip the throughput part with --only polling,many-jobs,editor.',
    );
  }
}

function sdkVersion(): string {
  const file = path.join(repoRoot, 'node_modules', 'magic-hour', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const load = () => os.loadavg().map((v) => Number(v.toFixed(2)));

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const needsCurl = options.only.has('transfer');
  const results: BenchResults = {
    version: 1,
    mode: options.quick ? 'quick' : 'full',
    startedAt: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryGiB: Number((os.totalmem() / GIB).toFixed(1)),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadBefore: load(),
    },
    versions: { sdk: sdkVersion(), curl: needsCurl ? curlVersion() : 'not used' },
    errors: [],
  };
  const log = (line: string) => console.log(line);
  const { machine } = results;
  log(
    `[bench] ${results.mode} run on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load ${machine.loadBefore.join(' ')}`,
  );
  if (machine.loadBefore[0]! > machine.cores / 2) {
    log(
      `[bench] the machine is busy (load ${machine.loadBefore[0]}): rates and times will be lower and noisier`,
    );
  }

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'magic-hour-bench-'));
  // Also removed on Ctrl+C: it holds gigabyte files.
  removeAtExit(dir);
  const step = async (name: Scenario, body: () => Promise<void>) => {
    if (!options.only.has(name)) return;
    const started = Date.now();
    log(`[bench] ${name}`);
    try {
      await body();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.errors.push(`${name}: ${message}`);
      log(`[bench] ${name} failed: ${message}`);
    }
    log(`[bench] ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  };
  try {
    const small = path.join(dir, 'small.png');
    await fs.copyFile(fixture('sample.png'), small);
    await step('transfer', async () => {
      const source = path.join(dir, 'source.png');
      await writeSourceFile(source, options.fileBytes);
      results.transfer = await benchTransfer({
        fileBytes: options.fileBytes,
        runs: options.runs,
        dir,
        source,
        log,
      });
      await fs.rm(source, { force: true });
    });
    const polling = () =>
      step('polling', async () => {
        results.polling = await benchPolling({
          renderSeconds: options.renderSeconds,
          dir,
          source: small,
          log,
        });
      });
    const manyJobs = () =>
      step('many-jobs', async () => {
        results.manyJobs = await benchManyJobs({
          jobs: options.jobs,
          renderSeconds: options.renderSeconds,
          together: options.quick,
          dir,
          source: small,
          log,
        });
      });
    const editor = () =>
      step('editor', async () => {
        results.editor = await benchEditor({
          launches: options.editorLaunches,
          profileActivation: options.profileActivation,
          log,
        });
        results.errors.push(...results.editor.errors.map((error) => `editor: ${error}`));
      });
    if (options.quick) {
      // Polling and many jobs mostly wait for renders: the quick run overlaps them with the
      // editor to stay under a minute. The full run measures one thing at a time.
      await Promise.all([polling(), manyJobs(), editor()]);
    } else {
      await polling();
      await manyJobs();
      await editor();
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }

  results.machine.loadAfter = load();
  results.finishedAt = new Date().toISOString();
  results.targets = checkTargets(results);
  await fs.writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const took = (Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000;
  log('');
  log(formatTables(results));
  log('');
  log(
    `[bench] ${took.toFixed(0)} s; load ${results.machine.loadAfter.join(' ')}; figures in ${path.relative(repoRoot, resultsFile)}`,
  );
  return results.errors.length ? 1 : 0;
}

main()
  .catch((error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    // Stops any editor or browser the editor part left running and removes its temp folders.
    await shutdown();
    process.exit(code);
  });
