/**
 * Process hygiene for the harness: every server and browser runs in its own process group and
 * is stopped by that group's id, on success, on failure, and on SIGINT/SIGTERM. Should the
 * process die without shutting down, its exit handler still kills the groups and deletes the
 * temp folders.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';

const groups = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const shutdownSteps: Array<() => Promise<void> | void> = [];

/** Starts `command` as the leader of a new process group (setsid), tracked until stopped. */
export function spawnInOwnGroup(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  installSignalHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  groups.add(child);
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the whole group is gone already.
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when `child` exits, or after `ms` (then `false`). */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * SIGTERM to the group, SIGKILL after `graceMs`, then a last SIGKILL sweep for any helper
 * process (file watcher, extension host) that outlived its leader.
 */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  signalGroup(child, 'SIGTERM');
  if (!(await waitForExit(child, graceMs))) await waitForExit(child, 1000);
  signalGroup(child, 'SIGKILL');
  groups.delete(child);
}

/** Registers a step to run at shutdown (last registered runs first); returns its remover. */
export function onShutdown(step: () => Promise<void> | void): () => void {
  installSignalHandlers();
  shutdownSteps.push(step);
  return () => {
    const index = shutdownSteps.indexOf(step);
    if (index >= 0) shutdownSteps.splice(index, 1);
  };
}

/** Deletes `dir` at shutdown, or when the process exits some other way. */
export function removeAtExit(dir: string): void {
  installSignalHandlers();
  tempDirs.add(dir);
}

function removeTempDirs(): void {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  tempDirs.clear();
}

/** Runs every registered shutdown step once, newest first; errors are reported, not thrown. */
export async function shutdown(): Promise<void> {
  while (shutdownSteps.length > 0) {
    const step = shutdownSteps.pop();
    try {
      await step?.();
    } catch (error) {
      console.error('[harness] cleanup step failed:', error);
    }
  }
  for (const child of groups) await stopGroup(child, 2000);
  removeTempDirs();
}

let handlersInstalled = false;
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n[harness] ${signal}: stopping servers and browsers`);
      const hardStop = setTimeout(() => process.exit(code), 15_000);
      void shutdown().finally(() => {
        clearTimeout(hardStop);
        process.exit(code);
      });
    });
  }
  // Last resort when the process exits without shutting down: synchronous kills only.
  process.on('exit', () => {
    for (const child of groups) signalGroup(child, 'SIGKILL');
    removeTempDirs();
  });
}

/** A TCP port that was free a moment ago: bind port 0 on 127.0.0.1 and read what was assigned. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
