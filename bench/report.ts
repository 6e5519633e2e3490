/** The benchmark's results file and the table printed to the terminal (Markdown, for BENCHMARKS.md). */
import type { EditorResult } from './editor/launch';
import type { ProfileCall } from './editor/protocol';
import type { Sample } from './lib/stats';
import type { ManyJobsResult } from './scenarios/many-jobs';
import type { PollingResult } from './scenarios/polling';
import type { TransferResult } from './scenarios/transfer';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1, 5 and 15 minute load averages when the run started and ended. */
  loadBefore: number[];
  loadAfter?: number[];
}

export interface BenchResults {
  version: 1;
  mode: 'full' | 'quick';
  startedAt: string;
  finishedAt?: string;
  machine: Machine;
  versions: { sdk: string; curl: string };
  transfer?: TransferResult;
  polling?: PollingResult;
  manyJobs?: ManyJobsResult;
  editor?: EditorResult;
  targets?: Target[];
  /** Scenarios that failed, with why. */
  errors: string[];
}

export interface Target {
  name: string;
  goal: string;
  actual: string;
  /** undefined: not measured in this run. */
  met?: boolean;
}

const KB = 1000;

/** Every target of the issue, checked against this run's medians. */
export function checkTargets(r: BenchResults): Target[] {
  const t = r.transfer;
  const p = r.polling;
  const e = r.editor;
  const extension = e?.bundles.find((b) => b.file === 'dist/extension.js');
  const ratio = (a?: Sample, b?: Sample) => (a && b ? a.median / b.median : undefined);
  const up = ratio(t?.uploadMBps.ours, t?.uploadMBps.curl);
  const down = ratio(t?.downloadMBps.ours, t?.downloadMBps.curl);
  const requests = p ? p.ours.statusRequests / p.sdk.statusRequests : undefined;
  return [
    target(
      'Peak RSS, ours',
      '< 150 MiB',
      t?.memoryMiB.ours.median,
      (v) => v < 150,
      (v) => `${v.toFixed(0)} MiB`,
    ),
    target('Upload, ours vs curl', '≥ 70 %', up, (v) => v >= 0.7, percent),
    target('Download, ours vs curl', '≥ 70 %', down, (v) => v >= 0.7, percent),
    target(
      'Status requests, ours vs SDK',
      '≤ 1/5',
      requests,
      (v) => v <= 0.2,
      (v) => `1/${(1 / v).toFixed(1)}`,
    ),
    target('Notice delay, ours', '≤ 5 s', p?.ours.noticeDelayMs, (v) => v <= 5000, seconds),
    target(
      'Extension bundle',
      '≤ 300 KB',
      extension?.bytes,
      (v) => v <= 300 * KB,
      (v) => `${(v / KB).toFixed(0)} KB`,
    ),
    target('activate()', '≤ 30 ms', e?.activateMs?.median, (v) => v <= 30, ms),
    target('Jobs tree, 1,000 jobs', '≤ 20 ms', e?.treeRefreshMs?.median, (v) => v <= 20, ms),
  ];
}

function target(
  name: string,
  goal: string,
  value: number | undefined,
  pass: (v: number) => boolean,
  show: (v: number) => string,
): Target {
  if (value === undefined || Number.isNaN(value)) return { name, goal, actual: 'not measured' };
  return { name, goal, actual: show(value), met: pass(value) };
}

const percent = (v: number) => `${(v * 100).toFixed(0)} %`;
const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;
const ms = (v: number) => `${v.toFixed(1)} ms`;
const num = (v: number | undefined, digits = 0) => (v === undefined ? '—' : v.toFixed(digits));
const med = (s: Sample | undefined, digits = 0) => num(s?.median, digits);

/** The results as Markdown tables: what the terminal shows and BENCHMARKS.md keeps. */
export function formatTables(r: BenchResults): string {
  const out: string[] = [];
  const t = r.transfer;
  if (t) {
    const size = `${(t.fileBytes / 1024 ** 2).toFixed(0)} MiB`;
    out.push(
      `### Memory and throughput (${size} source, ${size} output, median of ${t.runs} runs)`,
      '',
      table(
        ['', 'Ours', 'SDK', 'curl', 'Plain Node', 'Ratio'],
        [
          [
            'Peak RSS (MiB)',
            med(t.memoryMiB.ours),
            med(t.memoryMiB.sdk),
            '—',
            '—',
            `SDK/ours ${ratioText(t.memoryMiB.sdk, t.memoryMiB.ours)}×`,
          ],
          ...(['upload', 'download'] as const).map((way) => {
            const rates = way === 'upload' ? t.uploadMBps : t.downloadMBps;
            return [
              `${way === 'upload' ? 'Upload' : 'Download'} (MB/s)`,
              med(rates.ours),
              med(rates.sdk),
              med(rates.curl),
              med(rates.plainNode),
              `ours/curl ${pct(rates.ours, rates.curl)}, SDK/curl ${pct(rates.sdk, rates.curl)}, plain Node/curl ${pct(rates.plainNode, rates.curl)}`,
            ];
          }),
        ],
      ),
      '',
      `A Node process that loads nothing peaks at ${t.memoryMiB.nodeBaseline.toFixed(0)} MiB. ` +
        `The SDK reads the whole source into memory before its PUT starts (${med(t.sdkReadBeforePutMs)} ms here, ` +
        `not counted in its upload rate). Storage requests carrying an Authorization header: ours ` +
        `${t.storageRequestsWithToken.ours}, SDK ${t.storageRequestsWithToken.sdk}, curl ${t.storageRequestsWithToken.curl}.`,
      '',
    );
  }
  const p = r.polling;
  if (p) {
    out.push(
      `### Polling (one render of ${p.renderSeconds} s)`,
      '',
      table(
        ['', 'Ours', 'SDK', 'Ratio'],
        [
          [
            'Status requests',
            String(p.ours.statusRequests),
            String(p.sdk.statusRequests),
            `ours/SDK 1/${(p.sdk.statusRequests / p.ours.statusRequests).toFixed(1)}`,
          ],
          [
            'Render done → noticed (s)',
            num(p.ours.noticeDelayMs / 1000, 2),
            num(p.sdk.noticeDelayMs / 1000, 2),
            '',
          ],
          ['All API requests', String(p.ours.apiRequests), String(p.sdk.apiRequests), ''],
        ],
      ),
      '',
    );
  }
  const m = r.manyJobs;
  if (m) {
    out.push(
      `### Many jobs (${m.jobs} at once, renders of ${m.renderSeconds} s)`,
      '',
      table(
        ['', 'Ours', 'SDK', 'Ratio'],
        [
          ['Files saved', `${m.ours.saved}/${m.jobs}`, `${m.sdk.saved}/${m.jobs}`, ''],
          [
            'API requests',
            String(m.ours.apiRequests),
            String(m.sdk.apiRequests),
            `ours/SDK 1/${(m.sdk.apiRequests / m.ours.apiRequests).toFixed(1)}`,
          ],
          ['Mean requests/s', num(m.ours.meanRequestsPerSecond, 1), num(m.sdk.meanRequestsPerSecond, 1), ''],
          [
            'Peak requests in 1 s',
            String(m.ours.peakRequestsPerSecond),
            String(m.sdk.peakRequestsPerSecond),
            '',
          ],
          [
            'Until all saved (s)',
            num(m.ours.allSavedMs / 1000, 1),
            num(m.sdk.allSavedMs / 1000, 1),
            `ours/SDK ${(m.ours.allSavedMs / m.sdk.allSavedMs).toFixed(2)}×`,
          ],
        ],
      ),
      '',
    );
  }
  const e = r.editor;
  if (e) {
    const rows = e.bundles.map((b) => [
      `Bundle ${b.file} (KB, minified)`,
      `${(b.bytes / KB).toFixed(1)} (gzip ${(b.gzipBytes / KB).toFixed(1)})`,
      b.largestInputs
        .slice(0, 3)
        .map((i) => `${i.input} ${(i.bytes / KB).toFixed(0)}`)
        .join(', '),
    ]);
    if (e.activateMs) {
      rows.push(
        ['activate() (ms)', med(e.activateMs, 1), `${e.activateMs.runs.length} editor starts`],
        ['Loading dist/extension.js (ms)', med(e.codeLoadMs, 1), 'before activate()'],
      );
    }
    if (e.treeRefreshMs) {
      rows.push(
        [
          `Jobs tree of ${e.treeJobs?.toLocaleString('en-US')} jobs: refresh → all items fetched (ms)`,
          med(e.treeRefreshMs, 1),
          `${e.treeRefreshMs.runs.length} refreshes`,
        ],
        [
          '…until VS Code asked for the children (ms)',
          med(e.treeRequestedMs, 1),
          'refresh sent to the workbench and back',
        ],
        [
          '…the extension rebuilding its 1,000 nodes (ms)',
          med(e.treeProviderMs, 1),
          'reload(), getChildren, getTreeItem',
        ],
        [
          'Same refresh without rebuilding the nodes (ms)',
          med(e.treeSameNodesMs, 1),
          'the view told to refresh',
        ],
        [
          '…and without the Markdown tooltips (ms)',
          med(e.treeWithoutTooltipsMs, 1),
          'label, description, icon, command',
        ],
        ['…with 1,000 plain items (ms)', med(e.treePlainItemsMs, 1), "VS Code's floor: label and id only"],
      );
    }
    out.push(
      `### The editor side (${e.vscodeVersion ? `VS Code ${e.vscodeVersion} in code-server` : 'bundles only'})`,
      '',
      table(['', 'Ours', 'Notes'], rows),
      '',
    );
    const profile = e.activationProfile;
    if (profile) {
      out.push(
        `activate() under the CPU profiler (one more editor start, activated by the suite): ${profile.totalMs.toFixed(1)} ms.`,
        '',
        'What it called (time inside, callees included; six levels, ≥ 0.5 ms):',
        '',
        ...callLines(profile.calls, 0),
        '',
        `Most time of their own: ${profile.selfTime
          .slice(0, 6)
          .map((f) => `${f.name} ${f.ms.toFixed(1)} ms`)
          .join(', ')}.`,
        '',
      );
    }
    for (const line of e.notes) out.push(`- ${line}`);
    if (e.notes.length) out.push('');
  }
  const targets = r.targets ?? checkTargets(r);
  out.push(
    '### Targets',
    '',
    table(
      ['Target', 'Goal', 'Measured', 'Met'],
      targets.map((x) => [x.name, x.goal, x.actual, x.met === undefined ? '—' : x.met ? 'yes' : 'NO']),
    ),
  );
  for (const error of r.errors) out.push('', `- failed: ${error}`);
  return out.join('\n');
}

function callLines(calls: ProfileCall[], depth: number): string[] {
  return calls.flatMap((call) => [
    `${'  '.repeat(depth)}- ${call.name}: ${call.ms.toFixed(1)} ms`,
    ...callLines(call.calls, depth + 1),
  ]);
}

function ratioText(a: Sample, b: Sample): string {
  return (a.median / b.median).toFixed(1);
}

function pct(a: Sample, b: Sample): string {
  return percent(a.median / b.median);
}

/** A Markdown table with padded columns. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
