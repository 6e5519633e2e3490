import { FaultQueue, RandomFaultSource } from './faults';
import type { RenderShape } from './pricing';
import { Timers } from './timers';
import type { DoubleOptions, DoubleProject, RecordedRequest, UploadedFile } from './types';
import type { UploadType } from './validation';

/** Defaults for every option that has one (see DoubleOptions). */
export const DEFAULT_OPTIONS = {
  renderMs: 3000,
  downloadTtlMs: 24 * 60 * 60 * 1000,
  uploadTtlMs: 60 * 60 * 1000,
  credits: 1_000_000,
} as const;

/** A project as the double stores it: the public record plus what its GET answer shows. */
export interface StoredProject extends DoubleProject {
  shape: RenderShape;
}

/** An upload URL the double issued, by its storage key. */
export interface IssuedUpload {
  key: string;
  filePath: string;
  type: UploadType;
}

/** Everything both origins share: options, account, projects, uploads, records, faults, timers. */
export class DoubleState {
  options: DoubleOptions;
  creditBalance: number;
  apiUrl = '';
  storageUrl = '';
  readonly requests: RecordedRequest[] = [];
  readonly projects = new Map<string, StoredProject>();
  readonly uploads = new Map<string, UploadedFile>();
  readonly issuedUploads = new Map<string, IssuedUpload>();
  readonly faults = new FaultQueue();
  readonly timers = new Timers();
  /** Set while `options.randomFaults` is. */
  randomFaults: RandomFaultSource | undefined;

  constructor(options: DoubleOptions) {
    this.options = { ...options };
    this.creditBalance = options.credits ?? DEFAULT_OPTIONS.credits;
    this.randomFaults = options.randomFaults ? new RandomFaultSource(options.randomFaults) : undefined;
  }

  get renderMs(): number {
    return this.options.renderMs ?? DEFAULT_OPTIONS.renderMs;
  }

  get downloadTtlMs(): number {
    return this.options.downloadTtlMs ?? DEFAULT_OPTIONS.downloadTtlMs;
  }

  get uploadTtlMs(): number {
    return this.options.uploadTtlMs ?? DEFAULT_OPTIONS.uploadTtlMs;
  }

  /** The default accepts any non-empty token not starting with "bad", so tests can pick a failing one. */
  acceptsToken(token: string): boolean {
    const accept = this.options.acceptToken ?? ((t: string) => t.length > 0 && !t.startsWith('bad'));
    return accept(token);
  }

  /** Applies `configure()`: a `credits` value resets the balance, the rest apply from the next request. */
  configure(options: Partial<DoubleOptions>): void {
    Object.assign(this.options, options);
    if ('credits' in options) this.creditBalance = options.credits ?? DEFAULT_OPTIONS.credits;
    if ('randomFaults' in options) {
      this.randomFaults = options.randomFaults ? new RandomFaultSource(options.randomFaults) : undefined;
    }
  }

  /** Gives back a project's credits, as Magic Hour does for a failed or canceled render. */
  refund(project: DoubleProject): void {
    this.creditBalance += project.creditsCharged;
    project.creditsCharged = 0;
  }

  /** True when an `assets.*_file_path` is an https URL or a completed upload. */
  assetExists(path: string): boolean {
    if (this.uploads.has(path)) return true;
    try {
      return new URL(path).protocol === 'https:';
    } catch {
      return false;
    }
  }
}
