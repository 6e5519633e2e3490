/** Owner locks: which engine drives a job when several windows share one job store. */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OwnerLocks } from '../../../src/engine/lock';

describe('OwnerLocks', () => {
  let dir: string;
  const made: OwnerLocks[] = [];
  const locks = (owner: string) => {
    const created = new OwnerLocks(dir, owner);
    made.push(created);
    return created;
  };

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'magic-hour-locks-'));
  });
  afterEach(async () => {
    for (const l of made.splice(0)) await l.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('lets one owner hold a job, and another take it once it is released', async () => {
    const first = locks('window-1');
    const second = locks('window-2');
    assert.equal(await first.tryAcquire('job'), true);
    assert.equal(await second.tryAcquire('job'), false, 'held by the first window');
    await first.release('job');
    assert.equal(await second.tryAcquire('job'), true);
    assert.equal(first.owns('job'), false);
    assert.equal(second.owns('job'), true);
  });

  it('takes over a lock whose owner process is gone', async () => {
    await fs.writeFile(
      path.join(dir, 'job.lock'),
      JSON.stringify({ owner: 'crashed', pid: 2 ** 22 + 12_345, host: os.hostname() }),
    );
    assert.equal(await locks('window-1').tryAcquire('job'), true);
  });

  it('gets its own lock back when it asks while its release is still under way', async () => {
    // Retry Download right after a job ended "unsaved": the engine was still removing the lock.
    const own = locks('window-1');
    for (let i = 0; i < 20; i++) {
      assert.equal(await own.tryAcquire('job'), true);
      const releasing = own.release('job');
      assert.equal(await own.tryAcquire('job'), true, `round ${i}: taken for another window's lock`);
      await releasing;
      assert.equal(own.owns('job'), true);
      const body = JSON.parse(await fs.readFile(path.join(dir, 'job.lock'), 'utf8')) as { owner: string };
      assert.equal(body.owner, 'window-1', 'the lock file is there for the new holder');
      await own.release('job');
    }
  });
});
