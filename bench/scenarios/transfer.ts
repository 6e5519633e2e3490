/**
 * Memory and throughput: full image-to-video runs (upload, render, download) of a big source and
 * a big output, ours and the SDK each in its own process, and curl doing the same PUT and GET.
 * A plain Node client (undici streams, nothing else) does the same PUT and GET too, to tell
 * Node's own cost from the engine's.
 *
 * Timing, the same for every client:
 * - upload: from the PUT reaching the double to its last byte being read there;
 * - download: from the GET reaching the double to the file being saved (the client's clock;
 *   for curl, `time_total - time_pretransfer`).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RecordedRequest } from '../../test/double/types';
import type { JobChildResult } from '../children/protocol';
import { run, runClient, type ClientName } from '../lib/children';
import { callApi, startBenchDouble, storageRequestsWithToken, TOKEN, type BenchDouble } from '../lib/double';
import { mbPerSecond, MIB, sample, type Sample } from '../lib/stats';

export interface TransferOptions {
  /** Size of the source and of the output. */
  fileBytes: number;
  runs: number;
  /** A scratch folder (removed by the caller). */
  dir: string;
  /** A file of `fileBytes` bytes ending in .png. */
  source: string;
  log: (line: string) => void;
}

export interface TransferResult {
  fileBytes: number;
  runs: number;
  /** Peak RSS of the client process, MiB. */
  memoryMiB: { ours: Sample; sdk: Sample; nodeBaseline: number };
  uploadMBps: { ours: Sample; sdk: Sample; curl: Sample; plainNode: Sample };
  downloadMBps: { ours: Sample; sdk: Sample; curl: Sample; plainNode: Sample };
  /** generate() reads the whole source into memory before its PUT: ms from upload-urls to the PUT. */
  sdkReadBeforePutMs: Sample;
  /** Storage requests that carried an Authorization header. */
  storageRequestsWithToken: { ours: number; sdk: number; curl: number };
}

/** How long the double "renders" in these runs: short, polling is measured elsewhere. */
const RENDER_MS = 1_000;

export async function benchTransfer(o: TransferOptions): Promise<TransferResult> {
  const bench = await startBenchDouble({ renderMs: RENDER_MS, outputBytes: o.fileBytes });
  const runs = {
    ours: [] as ClientRun[],
    sdk: [] as ClientRun[],
    plainNode: [] as ClientRun[],
    curl: [] as CurlRun[],
  };
  try {
    const baseline = await runClient('baseline', childArgs(bench, o, 'baseline'));
    let lastProject: string | undefined;
    for (let i = 1; i <= o.runs; i++) {
      for (const client of ['ours', 'sdk'] as const) {
        const result = await clientRun(bench, o, client);
        runs[client].push(result);
        lastProject = result.projectId;
        o.log(
          `  run ${i} ${client}: peak RSS ${result.rssMiB.toFixed(0)} MiB, up ${result.upMBps.toFixed(0)} MB/s, down ${result.downMBps.toFixed(0)} MB/s`,
        );
      }
      const downloadUrl = await downloadUrlOf(bench, lastProject!);
      const plain = await clientRun(bench, o, 'plain-node', downloadUrl);
      runs.plainNode.push(plain);
      o.log(
        `  run ${i} plain Node: up ${plain.upMBps.toFixed(0)} MB/s, down ${plain.downMBps.toFixed(0)} MB/s`,
      );
      const curl = await curlRun(bench, o, downloadUrl);
      runs.curl.push(curl);
      o.log(`  run ${i} curl: up ${curl.upMBps.toFixed(0)} MB/s, down ${curl.downMBps.toFixed(0)} MB/s`);
    }
    return {
      fileBytes: o.fileBytes,
      runs: o.runs,
      memoryMiB: {
        ours: sample(runs.ours.map((r) => r.rssMiB)),
        sdk: sample(runs.sdk.map((r) => r.rssMiB)),
        nodeBaseline: baseline.maxRssKiB / 1024,
      },
      uploadMBps: {
        ours: sample(runs.ours.map((r) => r.upMBps)),
        sdk: sample(runs.sdk.map((r) => r.upMBps)),
        curl: sample(runs.curl.map((r) => r.upMBps)),
        plainNode: sample(runs.plainNode.map((r) => r.upMBps)),
      },
      downloadMBps: {
        ours: sample(runs.ours.map((r) => r.downMBps)),
        sdk: sample(runs.sdk.map((r) => r.downMBps)),
        curl: sample(runs.curl.map((r) => r.downMBps)),
        plainNode: sample(runs.plainNode.map((r) => r.downMBps)),
      },
      sdkReadBeforePutMs: sample(runs.sdk.map((r) => r.readBeforePutMs)),
      storageRequestsWithToken: {
        ours: sum(runs.ours.map((r) => r.storageWithToken)),
        sdk: sum(runs.sdk.map((r) => r.storageWithToken)),
        curl: sum(runs.curl.map((r) => r.storageWithToken)),
      },
    };
  } finally {
    await bench.close();
  }
}

interface ClientRun {
  projectId?: string;
  rssMiB: number;
  upMBps: number;
  downMBps: number;
  readBeforePutMs: number;
  storageWithToken: number;
}

interface CurlRun {
  upMBps: number;
  downMBps: number;
  storageWithToken: number;
}

function childArgs(bench: BenchDouble, o: TransferOptions, name: string) {
  return {
    apiUrl: bench.double.apiUrl,
    token: TOKEN,
    source: o.source,
    jobs: 1,
    outputDir: path.join(o.dir, `out-${name}`),
    storageDir: path.join(o.dir, `store-${name}`),
  };
}

async function clientRun(
  bench: BenchDouble,
  o: TransferOptions,
  client: ClientName | 'plain-node',
  downloadUrl?: string,
): Promise<ClientRun> {
  const { double, uploadDoneAt } = bench;
  double.clearRequests();
  uploadDoneAt.clear();
  const args = { ...childArgs(bench, o, client), downloadUrl };
  let result: JobChildResult;
  try {
    result = await runClient(client, args);
  } finally {
    await fs.rm(args.outputDir, { recursive: true, force: true });
    await fs.rm(args.storageDir, { recursive: true, force: true });
  }
  const job = result.jobs[0];
  if (!job?.ok) throw new Error(`${client}: the job failed: ${job?.error ?? 'no job'}`);
  if (job.outputBytes !== o.fileBytes) {
    throw new Error(`${client}: saved ${job.outputBytes} bytes, expected ${o.fileBytes}`);
  }
  const requests = double.requests;
  const put = only(requests, (r) => r.route === 'upload' && r.status === 200, `${client}'s PUT`);
  const uploadUrls = only(requests, (r) => r.route === 'upload-urls', `${client}'s upload-urls`);
  const get = only(requests, (r) => r.route === 'download' && r.status === 200, `${client}'s download`);
  const uploaded = [...uploadDoneAt.values()];
  if (uploaded.length !== 1) throw new Error(`${client}: ${uploaded.length} uploads completed, expected 1`);
  return {
    projectId: job.projectId,
    rssMiB: result.maxRssKiB / 1024,
    upMBps: mbPerSecond(o.fileBytes, uploaded[0]! - put.at),
    downMBps: mbPerSecond(o.fileBytes, job.finishedAt - get.at),
    readBeforePutMs: put.at - uploadUrls.at,
    storageWithToken: storageRequestsWithToken(requests),
  };
}

/** A fresh download URL of a project the double rendered. */
async function downloadUrlOf(bench: BenchDouble, projectId: string): Promise<string> {
  const project = await callApi<{ downloads: { url: string }[] }>(
    bench.double.apiUrl,
    'GET',
    `/v1/video-projects/${encodeURIComponent(projectId)}`,
  );
  return project.downloads[0]!.url;
}

/** curl PUTs the same file to a fresh upload URL and GETs the output of an earlier project. */
async function curlRun(bench: BenchDouble, o: TransferOptions, downloadUrl: string): Promise<CurlRun> {
  const { double, uploadDoneAt } = bench;
  double.clearRequests();
  uploadDoneAt.clear();
  const urls = await callApi<{ items: { upload_url: string; file_path: string }[] }>(
    double.apiUrl,
    'POST',
    '/v1/files/upload-urls',
    { items: [{ type: 'image', extension: 'png' }] },
  );
  const item = urls.items[0]!;
  // No `Expect: 100-continue`: neither Node client sends it, so curl should not wait for it.
  const putStatus = await run('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '-H',
    'Expect:',
    '-T',
    o.source,
    item.upload_url,
  ]);
  if (putStatus.trim() !== '200') throw new Error(`curl PUT answered ${putStatus}`);
  const put = only(double.requests, (r) => r.route === 'upload', 'curl PUT');
  const doneAt = uploadDoneAt.get(item.file_path);
  if (doneAt === undefined) throw new Error('curl: the double did not store the upload');

  const output = path.join(o.dir, 'curl-output.mp4');
  try {
    const written = await run('curl', [
      '-sS',
      '-o',
      output,
      '-w',
      '%{http_code} %{size_download} %{time_pretransfer} %{time_total}',
      downloadUrl,
    ]);
    const [status, size, pretransfer, total] = written.trim().split(' ');
    if (status !== '200' || Number(size) !== o.fileBytes) throw new Error(`curl GET: ${written}`);
    return {
      upMBps: mbPerSecond(o.fileBytes, doneAt - put.at),
      downMBps: mbPerSecond(o.fileBytes, (Number(total) - Number(pretransfer)) * 1000),
      storageWithToken: storageRequestsWithToken(double.requests),
    };
  } finally {
    await fs.rm(output, { force: true });
  }
}

function only(
  requests: readonly RecordedRequest[],
  match: (r: RecordedRequest) => boolean,
  what: string,
): RecordedRequest {
  const found = requests.filter(match);
  if (found.length !== 1) throw new Error(`expected one ${what}, the double saw ${found.length}`);
  return found[0]!;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Writes `bytes` of a repeating non-zero pattern (a real file, not a sparse one). */
export async function writeSourceFile(file: string, bytes: number): Promise<void> {
  const block = Buffer.alloc(MIB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) % 256;
  const handle = await fs.open(file, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) {
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    await handle.close();
  }
}
