import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JobRecord } from '../../../src/engine/job';
import { JobStore } from '../../../src/engine/store';

function job(id: string, state: JobRecord['state'], createdAt: number): JobRecord {
  return {
    version: 1,
    id,
    mode: 'image-to-video',
    name: id,
    state,
    createdAt,
    updatedAt: createdAt,
    history: [{ state, at: createdAt }],
    source: { kind: 'file', path: '/tmp/cat.png', size: 1, mtimeMs: 1 },
    settings: {},
    outputFolder: '/tmp',
  };
}

describe('JobStore', () => {
  let dir: string;
  beforeEach(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mh-store-'))));
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('writes atomically and reads back what it wrote', async () => {
    const store = new JobStore(dir);
    await store.save(job('a', 'queued', 1));
    await store.save(job('a', 'rendering', 1));
    const files = await fs.readdir(path.join(dir, 'jobs'));
    assert.deepEqual(files, ['a.json'], 'no temp file is left');
    const { jobs } = await new JobStore(dir).load();
    assert.equal(jobs[0]?.state, 'rendering');
  });

  it('sets a corrupt file aside and reports it instead of crashing', async () => {
    const store = new JobStore(dir);
    await store.save(job('good', 'done', 1));
    await fs.writeFile(path.join(dir, 'jobs', 'bad.json'), '{"version": 1, "id": "bad", "trunc');
    const { jobs, problems } = await new JobStore(dir).load();
    assert.deepEqual(
      jobs.map((j) => j.id),
      ['good'],
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.movedTo, /bad\.json\.corrupt-\d+$/);
    assert.ok(await fs.stat(problems[0]!.movedTo), 'the corrupt file is kept for inspection');
  });

  it('does not bring back a job removed while a load was reading the folder', async () => {
    const store = new JobStore(dir);
    await store.save(job('gone', 'done', 1));
    const loading = store.load();
    await store.remove('gone');
    const { jobs, changed } = await loading;
    assert.ok(!jobs.some((j) => j.id === 'gone') && !changed.some((j) => j.id === 'gone'));
    assert.deepEqual((await store.load()).jobs, []);
  });

  it('prunes the oldest finished jobs beyond the limit, never active ones', async () => {
    const store = new JobStore(dir);
    const all = [
      job('old', 'done', 1),
      job('running', 'rendering', 2),
      job('mid', 'failed', 3),
      job('new', 'done', 4),
    ];
    for (const j of all) await store.save(j);
    const removed = await store.prune(all, 2);
    assert.deepEqual(removed.sort(), ['mid', 'old']);
    const { jobs } = await store.load();
    assert.deepEqual(jobs.map((j) => j.id).sort(), ['new', 'running']);
  });
});
