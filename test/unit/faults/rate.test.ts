/**
 * The request cap under faults: retries wait for the rate gate like first attempts, a
 * Retry-After pauses it, and a busy event loop does not let requests bunch up.
 * (The soak test measures the same at scale.)
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MagicHourClient, type RequestGate } from '../../../src/api/client';
import { RateGate } from '../../../src/engine/rate-gate';
import { startDouble } from '../../double/server';
import type { MagicHourDouble } from '../../double/types';
import { fixturesDir } from '../engine/setup';
import { TOKEN } from './helpers';

describe('The request cap under faults', () => {
  let double: MagicHourDouble;
  beforeEach(async () => (double = await startDouble({ renderMs: 200 })));
  afterEach(() => double.close());

  /** A gate that records what the client asked of it. */
  function recordingGate(): RequestGate & { waits: number; pauses: number[] } {
    const gate = {
      waits: 0,
      pauses: [] as number[],
      wait: async () => void gate.waits++,
      pauseUntil: (until: number) => void gate.pauses.push(until),
    };
    return gate;
  }

  /** A client that does not really sleep between attempts; waits are capped at `maxDelayMs`. */
  const client = (maxDelayMs = 30_000) =>
    new MagicHourClient({
      baseUrl: double.apiUrl,
      getToken: async () => TOKEN,
      retry: { baseDelayMs: 1, maxDelayMs },
      sleep: async () => undefined,
    });

  it('every attempt to the API waits for the gate, retries included; storage does not', async () => {
    double.fault({ route: 'upload-urls', status: 503 });
    double.fault({ route: 'upload-urls', reset: 'before-request-body' });
    double.fault({ route: 'upload', status: 503 });
    const gate = recordingGate();
    const file = path.join(await fixturesDir(), 'sample.png');
    await client().uploadFile(file, 'image', { gate });
    assert.equal(double.requests.filter((r) => r.route === 'upload-urls').length, 3);
    assert.equal(double.requests.filter((r) => r.route === 'upload').length, 2);
    assert.equal(gate.waits, 3, 'one wait per upload-urls attempt, none for the PUTs');
  });

  it('a Retry-After from the API pauses the gate for everyone', async () => {
    double.fault({ route: 'get-project', status: 429, headers: { 'retry-after': '3' } });
    const gate = recordingGate();
    const before = Date.now();
    await client()
      .getProject('nope', { gate })
      .catch(() => undefined);
    assert.equal(gate.pauses.length, 1);
    assert.ok(
      Math.abs(gate.pauses[0]! - (before + 3_000)) < 500,
      `paused until +${gate.pauses[0]! - before} ms`,
    );
  });

  it('pauses the gate no longer than the client would wait itself (maxDelayMs)', async () => {
    double.fault({ route: 'get-project', status: 503, headers: { 'retry-after': '86400' } });
    const gate = recordingGate();
    const before = Date.now();
    await client(5_000)
      .getProject('nope', { gate, retry: false })
      .catch(() => undefined);
    const pause = gate.pauses[0]! - before;
    assert.ok(pause >= 5_000 && pause < 5_500, `paused for ${pause} ms, not a day`);
  });

  it('keeps releases spaced when a busy event loop wakes several callers late at once', async () => {
    const gate = new RateGate(40);
    const released: number[] = [];
    const callers = Array.from({ length: 5 }, () => gate.wait().then(() => released.push(Date.now())));
    const busyUntil = Date.now() + 250; // every reserved slot falls inside this stall
    while (Date.now() < busyUntil) {
      // a synchronous stall, as a big JSON parse or a slow extension would cause
    }
    await Promise.all(callers);
    const gaps = released.slice(1).map((t, i) => t - released[i]!);
    assert.ok(
      gaps.every((gap) => gap >= 35), // timers may fire a millisecond or two early
      `gaps between releases: ${gaps.join(', ')} ms`,
    );
  });
});
