import { RateGate } from './rate-gate';

/** How often jobs are checked. */
export interface PollTiming {
  /** First check after a job was created. */
  firstDelayMs: number;
  /** Each next interval is the previous one times this. */
  growth: number;
  /** Longest interval while the editor window has focus. */
  focusedCapMs: number;
  /** Longest interval while it does not. */
  unfocusedCapMs: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  firstDelayMs: 2_000,
  growth: 1.5,
  focusedCapMs: 5_000,
  unfocusedCapMs: 30_000,
};

/** What the poll callback asks for next. */
export type PollOutcome = 'again' | 'done';

interface Entry {
  id: string;
  attempt: number;
  lastAt: number;
  dueAt: number;
}

/** The interval before check number `attempt` (0 = the first check). */
export function pollDelay(timing: PollTiming, attempt: number, focused: boolean): number {
  const cap = focused ? timing.focusedCapMs : timing.unfocusedCapMs;
  return Math.min(cap, timing.firstDelayMs * Math.pow(timing.growth, attempt));
}

/**
 * One scheduler for every job: a single timer wakes for the job due first, takes a slot from
 * the shared {@link RateGate} and runs one check at a time. So the request rate stays under
 * the gate's cap however many jobs run, and a Retry-After pauses them all.
 */
export class PollScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly stopping = new AbortController();
  private focused = true;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly check: (id: string, signal: AbortSignal) => Promise<PollOutcome>,
    private readonly gate: RateGate,
    private readonly timing: PollTiming = DEFAULT_POLL_TIMING,
    private readonly now: () => number = Date.now,
  ) {
    this.finished = this.loop();
  }

  /** Starts checking a job, first after `delayMs` (default: the first interval). */
  add(id: string, delayMs = this.timing.firstDelayMs): void {
    const now = this.now();
    this.entries.set(id, { id, attempt: 0, lastAt: now, dueAt: now + delayMs });
    this.kick();
  }

  /** Stops checking a job. */
  remove(id: string): void {
    this.entries.delete(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Slows checks to the unfocused cap, or speeds them back up. */
  setFocused(focused: boolean): void {
    if (this.focused === focused) return;
    this.focused = focused;
    for (const entry of this.entries.values()) {
      entry.dueAt = entry.lastAt + pollDelay(this.timing, entry.attempt, focused);
    }
    this.kick();
  }

  /** Stops the loop; resolves when the check in flight (if any) has ended. */
  async dispose(): Promise<void> {
    this.stopping.abort(new Error('Polling stopped'));
    this.entries.clear();
    this.kick();
    await this.finished;
  }

  private kick(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private nextEntry(): Entry | undefined {
    let next: Entry | undefined;
    for (const entry of this.entries.values()) if (!next || entry.dueAt < next.dueAt) next = entry;
    return next;
  }

  /** Sleeps until `ms` passed or something changed (add, focus, dispose). */
  private idle(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        resolve();
      };
      if (ms !== undefined) this.timer = setTimeout(() => this.kick(), ms);
    });
  }

  private async loop(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      const entry = this.nextEntry();
      if (!entry) {
        await this.idle(undefined);
        continue;
      }
      const wait = entry.dueAt - this.now();
      if (wait > 0) {
        await this.idle(wait);
        continue;
      }
      try {
        await this.gate.wait(signal);
      } catch {
        break; // disposed
      }
      if (this.entries.get(entry.id) !== entry) continue; // removed or re-added meanwhile
      // The check reports its own errors; a throw must not stop polling.
      const outcome = await this.check(entry.id, signal).catch((): PollOutcome => 'again');
      if (this.entries.get(entry.id) !== entry) continue;
      if (outcome === 'done') {
        this.entries.delete(entry.id);
        continue;
      }
      entry.attempt += 1;
      entry.lastAt = this.now();
      entry.dueAt = entry.lastAt + pollDelay(this.timing, entry.attempt, this.focused);
    }
    if (this.timer) clearTimeout(this.timer);
  }
}
