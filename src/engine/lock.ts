import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface LockBody {
  owner: string;
  pid: number;
  host: string;
}

export interface OwnerLockOptions {
  /** A lock whose file was not touched for this long is taken over. Default 30 s. */
  staleMs?: number;
  /** How often held locks are touched. Default 10 s. */
  heartbeatMs?: number;
}

/**
 * Decides which engine drives a job when several editor windows share one job store: the one
 * that created `<id>.lock` with an exclusive create. The others only watch the job's file.
 * A lock is given up when its owner process is gone or it has not been touched for `staleMs`.
 */
export class OwnerLocks {
  private readonly held = new Set<string>();
  /** The last acquire or release of each job's lock still under way here (they run one at a time). */
  private readonly busy = new Map<string, Promise<unknown>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly staleMs: number;

  constructor(
    private readonly dir: string,
    private readonly owner: string,
    options: OwnerLockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 30_000;
    this.heartbeat = setInterval(() => void this.touchAll(), options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
  }

  /** True when this engine holds (or just took) the job's lock. */
  tryAcquire(id: string): Promise<boolean> {
    return this.inTurn(id, () => this.acquire(id));
  }

  /** Gives the job up (done, stopped, or the engine is closing). */
  release(id: string): Promise<void> {
    return this.inTurn(id, () => this.releaseNow(id));
  }

  /**
   * Runs `step` after this engine's earlier acquire or release of the same lock has finished:
   * an acquire that came while a release was removing the file would find its own lock there and
   * take it for another window's.
   */
  private inTurn<T>(id: string, step: () => Promise<T>): Promise<T> {
    const result = (this.busy.get(id) ?? Promise.resolve()).then(step, step);
    const settled = result.catch(() => undefined);
    this.busy.set(id, settled);
    void settled.then(() => {
      if (this.busy.get(id) === settled) this.busy.delete(id);
    });
    return result;
  }

  private async acquire(id: string): Promise<boolean> {
    if (this.held.has(id)) return true;
    await fs.mkdir(this.dir, { recursive: true });
    const body: LockBody = { owner: this.owner, pid: process.pid, host: os.hostname() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(this.fileOf(id), JSON.stringify(body), { flag: 'wx' });
        this.held.add(id);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (!(await this.removeIfStale(id))) return false;
      }
    }
    return false;
  }

  /** True when this engine holds the lock. */
  owns(id: string): boolean {
    return this.held.has(id);
  }

  private async releaseNow(id: string): Promise<void> {
    if (!this.held.delete(id)) return;
    const body = await this.read(id);
    if (body?.owner === this.owner) await fs.rm(this.fileOf(id), { force: true });
  }

  /** Releases every lock and stops the heartbeat. */
  async dispose(): Promise<void> {
    clearInterval(this.heartbeat);
    await Promise.all([...this.held].map((id) => this.release(id)));
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${id}.lock`);
  }

  private async read(id: string): Promise<LockBody | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.fileOf(id), 'utf8')) as LockBody;
    } catch {
      return undefined;
    }
  }

  private async removeIfStale(id: string): Promise<boolean> {
    const file = this.fileOf(id);
    const [body, stat] = await Promise.all([this.read(id), fs.stat(file).catch(() => undefined)]);
    if (!stat) return true; // released meanwhile: try again
    const ownerGone = body !== undefined && body.host === os.hostname() && !processAlive(body.pid);
    const silent = Date.now() - stat.mtimeMs > this.staleMs;
    if (!ownerGone && !silent) return false;
    // Re-read just before removing, so a lock re-taken meanwhile by someone else survives.
    const again = await this.read(id);
    if (JSON.stringify(again) !== JSON.stringify(body)) return false;
    await fs.rm(file, { force: true });
    return true;
  }

  private async touchAll(): Promise<void> {
    const now = new Date();
    await Promise.all(
      [...this.held].map((id) => fs.utimes(this.fileOf(id), now, now).catch(() => undefined)),
    );
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
