import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { parseCliArgs } from '../../double/cli';
import { startDouble } from '../../double/server';
import { errorCode, uploadUrl } from './client';

// Compiled layout: out/test/unit/double/*.test.js next to out/test/double/*.js.
const DOUBLE_DIR = join(__dirname, '..', '..', 'double');

/** Runs a script in a fresh node and resolves with its exit code, stdout, and ms from "closed" to exit. */
function runNode(script: string): Promise<{ code: number | null; stdout: string; msAfterClose: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let closedAt = 0;
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!closedAt && stdout.includes('closed')) closedAt = Date.now();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, msAfterClose: closedAt ? Date.now() - closedAt : -1 });
    });
  });
}

/** Starts the CLI and resolves with its child process and the JSON line it printed. */
function startCli(
  args: string[],
): Promise<{ child: ChildProcess; urls: { apiUrl: string; storageUrl: string } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(DOUBLE_DIR, 'cli.js'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`cli exited early with ${code}: ${stdout}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line) resolve({ child, urls: JSON.parse(line) });
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Peak resident memory of a process in MiB (Linux), or undefined elsewhere. */
function peakRssMiB(pid: number): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'));
  return match?.[1] ? Number(match[1]) / 1024 : undefined;
}

describe('Magic Hour double: lifecycle and CLI', () => {
  it('close() leaves nothing running: a process with a stalled download and a delayed answer exits by itself', async () => {
    const script = `
      const { startDouble } = require(${JSON.stringify(join(DOUBLE_DIR, 'server.js'))});
      (async () => {
        const double = await startDouble({ renderMs: 0 });
        const auth = { authorization: 'Bearer k' };
        const created = await fetch(double.apiUrl + '/v1/image-to-video', {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ assets: { image_file_path: 'https://e.com/a.png' }, end_seconds: 5 }),
        });
        const { id } = await created.json();
        const project = await (await fetch(double.apiUrl + '/v1/video-projects/' + id, { headers: auth })).json();
        double.fault({ route: 'download', stallAfterBytes: 100 });
        const stalled = await fetch(project.downloads[0].url);
        const reader = stalled.body.getReader();
        await reader.read();
        reader.read().catch(() => {});
        double.fault({ route: 'get-project', delayMs: 60000 });
        fetch(double.apiUrl + '/v1/video-projects/' + id, { headers: auth }).catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 100));
        await double.close();
        await double.close();
        console.log('closed');
      })();
    `;
    const result = await runNode(script);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /closed/);
    assert.ok(result.msAfterClose < 3000, `exited ${result.msAfterClose} ms after close()`);
  });

  it('refuses connections after close()', async () => {
    const double = await startDouble();
    await double.close();
    await assert.rejects(fetch(`${double.apiUrl}/v1/video-projects/x`), (error) => {
      assert.equal(errorCode(error), 'ECONNREFUSED');
      return true;
    });
  });

  it('parses the CLI flags and refuses unknown ones', () => {
    assert.deepEqual(parseCliArgs(['--render-ms', '500', '--output-bytes', '1024', '--port', '4000']), {
      renderMs: 500,
      outputBytes: 1024,
      apiPort: 4000,
    });
    assert.throws(() => parseCliArgs(['--render-ms']), /needs a value/);
    assert.throws(() => parseCliArgs(['--render-ms', 'soon']), /whole number/);
    assert.throws(() => parseCliArgs(['--verbose', '1']), /Unknown flag/);
  });

  it('the CLI prints both URLs, listens on --port, streams a 256 MiB upload in little memory, and exits 0 on SIGTERM', async function () {
    this.timeout(60_000);
    const port = await freePort();
    const { child, urls } = await startCli(['--port', String(port), '--render-ms', '0']);
    try {
      assert.equal(urls.apiUrl, `http://127.0.0.1:${port}`);
      assert.match(urls.storageUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      const double = { apiUrl: urls.apiUrl } as Parameters<typeof uploadUrl>[0];
      const item = await uploadUrl(double, 'video', 'mp4');

      const block = Buffer.alloc(1024 * 1024);
      for (let i = 0; i < block.length; i++) block[i] = (i * 7) % 256;
      const blocks = 256;
      const expected = createHash('sha256');
      for (let i = 0; i < blocks; i++) expected.update(block);
      const body = Readable.from(
        (function* () {
          for (let i = 0; i < blocks; i++) yield block;
        })(),
      );
      const response = await request(item.upload_url, {
        method: 'PUT',
        headers: { 'content-length': String(blocks * block.length) },
        body,
      });
      await response.body.dump();
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['etag'], `"${expected.digest('hex').slice(0, 32)}"`);

      const peak = peakRssMiB(child.pid ?? 0);
      if (peak !== undefined) {
        assert.ok(peak < 160, `the double peaked at ${peak.toFixed(0)} MiB for a 256 MiB upload`);
      }
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exitOf(child), 0);
  });
});
