/**
 * Faults around the create: an answer lost after the request was sent, connections that fail
 * before it was sent, and the API saying no (401, 402, 403, 422). Issue cases 3, 4, 9 and 10.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { Agent } from 'undici';
import { MagicHourClient } from '../../../src/api/client';
import { maybeReceivedHint } from '../../../src/api/errors';
import { inState, requestsTo, Rig, SETTLED, sleep, submitImage, TOKEN, V2V, waitForJob } from './helpers';

describe('Faults around the create', function () {
  this.timeout(30_000);
  let rig: Rig;
  beforeEach(async () => (rig = await Rig.create({ renderMs: 300 })));
  afterEach(() => rig.close());

  const creates = () => requestsTo(rig.double.requests, 'image-to-video');

  describe('case 3: the answer to a create that was sent is lost', () => {
    for (const [what, fault] of [
      ['the connection is reset after the request', { reset: 'after-request-body' }],
      [
        'a proxy answers 504 with its own page',
        { status: 504, contentType: 'text/html', body: '<html>Gateway Timeout</html>' },
      ],
    ] as const) {
      it(`${what}: "submitted, answer lost", check the dashboard, never resent`, async () => {
        rig.double.fault({ route: 'image-to-video', ...fault });
        const engine = await rig.engine();
        const job = await submitImage(engine, rig);
        const lost = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(lost.state, 'lost');
        assert.match(lost.error!.message, /^Submitted, answer lost: /);
        assert.ok(lost.error!.message.endsWith(maybeReceivedHint()), lost.error!.message);
        assert.match(maybeReceivedHint(), /check your projects on magichour\.ai before trying again/);
        await sleep(300);
        assert.equal(creates().length, 1, 'the create was sent once');
        assert.equal(engine.get(job.id)?.state, 'lost');
      });
    }

    it('a create cut before its body was read is also lost, not resent (the server may have it)', async () => {
      rig.double.fault({ route: 'video-to-video', reset: 'before-request-body' });
      const engine = await rig.engine();
      const job = await engine.submit({
        mode: 'video-to-video',
        source: { kind: 'file', path: rig.file('sample.mp4') },
        settings: V2V,
      });
      const lost = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(lost.state, 'lost');
      assert.equal(requestsTo(rig.double.requests, 'video-to-video').length, 1);
    });
  });

  describe('case 4: failures before the create was sent are retried safely', () => {
    it('resets while asking for the upload URL and while uploading: retried, one create, done', async () => {
      rig.double.fault({ route: 'upload-urls', reset: 'before-request-body' });
      rig.double.fault({ route: 'upload-urls', reset: 'after-request-body' });
      rig.double.fault({ route: 'upload', reset: 'before-request-body' });
      rig.double.fault({ route: 'upload', status: 503 });
      const engine = await rig.engine();
      const job = await submitImage(engine, rig);
      const done = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(done.state, 'done', done.error?.message);
      assert.deepEqual(
        requestsTo(rig.double.requests, 'upload-urls').map((r) => r.status ?? 'cut'),
        ['cut', 'cut', 200],
      );
      assert.equal(creates().length, 1);
      assert.equal(rig.double.projects.size, 1);
    });

    it('a refused connection for the create is retried once the API is back: one project, done', async () => {
      const relay = await Relay.start(new URL(rig.double.apiUrl));
      // Idle connections close at once, so the create needs a new one and meets the closed port.
      const dispatcher = new Agent({ keepAliveTimeout: 1, keepAliveMaxTimeout: 1 });
      let refusals = 0;
      const client = new MagicHourClient({
        baseUrl: relay.url,
        getToken: async () => TOKEN,
        retry: { baseDelayMs: 10, maxDelayMs: 100 },
        dispatcher,
        log: (line) => {
          // The API goes away right after the upload URL came, and is back after one backoff.
          if (/^POST \/v1\/files\/upload-urls → 200/.test(line)) relay.stopListening();
          if (/^POST \/v1\/image-to-video: network, retrying/.test(line)) refusals++;
        },
        sleep: async (ms) => {
          await relay.listen();
          await sleep(ms);
        },
      });
      try {
        const engine = await rig.engine({ client });
        const job = await submitImage(engine, rig);
        const done = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(done.state, 'done', done.error?.message);
        assert.equal(refusals, 1, 'the create met a refused connection once');
        assert.equal(creates().length, 1, 'the double received the create once');
        assert.equal(rig.double.projects.size, 1);
      } finally {
        await relay.close();
        await dispatcher.close();
      }
    });
  });

  describe('case 10: the API says no, and what to do', () => {
    const cases = [
      {
        status: 402,
        message: 'Not enough credits: this video needs 300 credits and the account has 10.',
        advice: /buy credits or upgrade your Magic Hour plan/i,
      },
      {
        status: 403,
        message: 'The 1080p resolution is not available on the Free plan.',
        advice: /Your plan does not include this model or resolution: upgrade, or pick another one/,
      },
      {
        status: 422,
        message: 'end_seconds must be at most 10 for this model',
        advice: /Fix the field named in the message and try again/,
      },
    ];
    for (const { status, message, advice } of cases) {
      it(`${status}: the job fails with the API's message and the advice`, async () => {
        rig.double.fault({ route: 'image-to-video', status, body: JSON.stringify({ message }) });
        const engine = await rig.engine();
        const job = await submitImage(engine, rig);
        const failed = await waitForJob(engine, job.id, inState(...SETTLED));
        assert.equal(failed.state, 'failed');
        assert.ok(failed.error!.message.startsWith(message), failed.error!.message);
        assert.match(failed.error!.message, advice);
        assert.equal(failed.error!.status, status);
        assert.equal(creates().length, 1, 'a refused create is not repeated');
      });
    }

    it('402 from the double’s own credit check reads the same way', async () => {
      rig.double.configure({ credits: 10 });
      const engine = await rig.engine();
      const job = await submitImage(engine, rig);
      const failed = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(failed.state, 'failed');
      assert.match(failed.error!.message, /^Not enough credits: this video needs \d+ credits/);
      assert.match(failed.error!.message, /buy credits or upgrade your Magic Hour plan/i);
      assert.equal(rig.double.projects.size, 0);
    });
  });

  describe('case 9: 401 (engine side)', () => {
    it('fails the job, asks the editor once per 401, and never writes or logs the token', async () => {
      rig.double.configure({ acceptToken: () => false });
      const lines: string[] = [];
      const client = new MagicHourClient({
        baseUrl: rig.double.apiUrl,
        getToken: async () => TOKEN,
        retry: { baseDelayMs: 10, maxDelayMs: 100 },
        log: (line) => lines.push(line),
      });
      const engine = await rig.engine({ client, log: (line) => lines.push(line) });
      let asked = 0;
      engine.onUnauthorized(() => asked++);
      const job = await submitImage(engine, rig);
      const failed = await waitForJob(engine, job.id, inState(...SETTLED));
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error!.status, 401);
      assert.match(
        failed.error!.message,
        /^Unauthorized\. The API token is invalid or was revoked: set a new one\./,
      );
      assert.equal(asked, 1);
      assert.equal(requestsTo(rig.double.requests, 'upload-urls').length, 1, 'a 401 is not retried');
      await engine.dispose();
      const stored = await Promise.all(
        (await fs.readdir(path.join(rig.storage, 'jobs'))).map((f) =>
          fs.readFile(path.join(rig.storage, 'jobs', f), 'utf8'),
        ),
      );
      assert.ok(stored.length > 0);
      for (const text of [...stored, ...lines]) assert.ok(!text.includes(TOKEN), text);
      assert.ok(
        lines.some((line) => line.includes('401')),
        'the log says what happened',
      );
    });
  });
});

/**
 * A TCP relay in front of the API that can stop listening (connections are then refused, as when
 * the API host is down) and listen again on the same port.
 */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly target: URL,
    private readonly port: number,
  ) {}

  static async start(target: URL): Promise<Relay> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const relay = new Relay(target, port);
    await relay.listen();
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = createServer((inbound) => {
      const outbound = connect(Number(this.target.port), this.target.hostname);
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => this.sockets.delete(socket));
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
  }

  /** Refuses new connections from now on (open ones are cut too). */
  stopListening(): void {
    this.server?.close();
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.stopListening();
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
