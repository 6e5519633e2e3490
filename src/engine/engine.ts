import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { uploadExtension, type MagicHourClient } from '../api/client';
import { isMagicHourError, maybeReceivedHint } from '../api/errors';
import type { VideoProject } from '../api/schemas';
import { estimateImageToVideoCredits } from '../catalog/credits';
import type { ImageToVideoSettings, VideoToVideoSettings } from '../catalog/settings';
import { t } from '../l10n';
import { Emitter } from '../util/emitter';
import { downloadWithResume } from './download';
import { isActive, withState, type JobError, type JobRecord, type JobSource } from './job';
import { OwnerLocks, type OwnerLockOptions } from './lock';
import { DEFAULT_POLL_TIMING, PollScheduler, type PollOutcome, type PollTiming } from './poller';
import { RateGate } from './rate-gate';
import { assetFor, imageToVideoRequest, videoToVideoRequest } from './request';
import { isDiskError, outputStem, publishExclusive, tempPathFor } from './save';
import { Semaphore } from './semaphore';
import {
  assertUnchanged,
  assetTypeFor,
  DEFAULT_MAX_UPLOAD_BYTES,
  inspectSource,
  inspectUrlSource,
} from './source';
import { JobStore, type StoreProblem } from './store';
import { UploadUrlBatcher } from './upload-urls';
import { checkSettings, type SourceInput, type SubmitRequest } from './submit-request';

export interface EngineOptions {
  client: MagicHourClient;
  /** Folder for the job store (the extension's global storage). */
  storageDir: string;
  /** Jobs kept in history (finished ones beyond this are forgotten, oldest first). Default 200. */
  historyLimit?: number;
  maxUploadBytes?: number;
  timing?: Partial<PollTiming>;
  /** Least time between two API requests of this engine. Default 550 ms (under 2 per second). */
  minRequestSpacingMs?: number;
  /** How often the store is read again for jobs other windows changed. Default 3 s. */
  rescanMs?: number;
  locks?: OwnerLockOptions;
  downloadAttempts?: number;
  downloadRetryDelayMs?: number;
  maxConcurrentUploads?: number;
  /** How long the first job to upload waits for others to share its upload-urls request. Default 250 ms. */
  uploadUrlCollectMs?: number;
  maxConcurrentDownloads?: number;
  log?: (line: string) => void;
}

const PROGRESS_INTERVAL_MS = 250;

// Functions, so the messages are translated when used (see src/l10n.ts).
const lostMessage = (): string =>
  `${t('Submitted, answer lost: the connection broke after the request was sent.')} ${maybeReceivedHint()}`;

const waitingForToken = (): string => t('Waiting for the API token: set it to continue.');

/**
 * Runs Magic Hour jobs from submit to a saved file, and keeps them across restarts. Knows
 * nothing of VS Code: the editor passes a client, a storage folder and a focus signal, then
 * shows what `onDidChange` reports.
 */
export class JobEngine {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly running = new Map<string, AbortController>();
  /** The status check in flight per job, so that Stop Tracking aborts it too. */
  private readonly checks = new Map<string, AbortController>();
  /** Fresh download URLs seen while polling, kept in memory only (they are secrets too). */
  private readonly downloadUrls = new Map<string, string>();
  private readonly store: JobStore;
  private readonly locks: OwnerLocks;
  private readonly gate: RateGate;
  private readonly poller: PollScheduler;
  private readonly uploads: Semaphore;
  private readonly uploadUrls: UploadUrlBatcher;
  private readonly downloads: Semaphore;
  private readonly changed = new Emitter<JobRecord>();
  private readonly removed = new Emitter<string>();
  private readonly unauthorized = new Emitter<void>();
  private readonly problems = new Emitter<StoreProblem[]>();
  private readonly tokenMissing = new Emitter<void>();
  private rescanTimer: NodeJS.Timeout | undefined;
  private readonly lastEmit = new Map<string, number>();
  private readonly progressTimers = new Map<string, NodeJS.Timeout>();
  private disposed = false;
  private readonly log: (line: string) => void;

  /** A job was added or changed. */
  readonly onDidChange = this.changed.event;
  /** A job left the history. */
  readonly onDidRemove = this.removed.event;
  /** Magic Hour answered 401: the token is invalid or revoked. */
  readonly onUnauthorized = this.unauthorized.event;
  /** Store files that could not be read were set aside. */
  readonly onStoreProblems = this.problems.event;
  /**
   * A job cannot go on without the API token (none set yet, or SecretStorage failed). The job
   * waits with its state kept; {@link refresh} continues it once the token is there.
   */
  readonly onTokenMissing = this.tokenMissing.event;

  constructor(private readonly options: EngineOptions) {
    this.log = options.log ?? (() => undefined);
    this.store = new JobStore(options.storageDir);
    this.locks = new OwnerLocks(path.join(options.storageDir, 'locks'), randomUUID(), options.locks);
    this.gate = new RateGate(options.minRequestSpacingMs ?? 550);
    this.poller = new PollScheduler((id, signal) => this.check(id, signal), this.gate, {
      ...DEFAULT_POLL_TIMING,
      ...options.timing,
    });
    this.uploads = new Semaphore(options.maxConcurrentUploads ?? 2);
    this.uploadUrls = new UploadUrlBatcher(
      (wishes, signal) => options.client.createUploadUrls(wishes, { signal, gate: this.gate }),
      options.uploadUrlCollectMs,
    );
    this.downloads = new Semaphore(options.maxConcurrentDownloads ?? 3);
  }

  /** Loads the store and resumes every unfinished job this window can take. */
  async start(): Promise<void> {
    await this.rescan();
    const all = [...this.jobs.values()];
    const pruned = await this.store.prune(all, this.options.historyLimit ?? 200);
    for (const id of pruned) this.forgetLocally(id);
    this.scheduleRescan();
  }

  /** Every job, newest first. */
  list(): JobRecord[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** True when this window drives the job (another window may be driving it instead). */
  drives(id: string): boolean {
    return this.locks.owns(id);
  }

  /**
   * Checks the request, records the job and starts it. Resolves with the new job once it is
   * on disk; throws `InvalidSettingsError` or `SourceError` before anything is sent.
   */
  async submit(request: SubmitRequest): Promise<JobRecord> {
    const settings = checkSettings(request);
    const maxBytes = this.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    const source: JobSource =
      request.source.kind === 'file'
        ? await inspectSource(request.source.path, request.mode, maxBytes)
        : inspectUrlSource(request.source, request.mode);
    const now = Date.now();
    const sourceName = source.kind === 'file' ? path.basename(source.path) : source.url;
    const job: JobRecord = {
      version: 1,
      id: randomUUID().replace(/-/g, ''),
      mode: request.mode,
      name: settings.name?.trim() || sourceName,
      state: 'uploading',
      createdAt: now,
      updatedAt: now,
      history: [{ state: 'uploading', at: now }],
      source,
      settings,
      outputFolder: path.resolve(request.outputFolder ?? this.defaultFolder(source)),
      creditsEstimated:
        request.mode === 'image-to-video' ? estimateImageToVideoCredits(request.settings) : undefined,
    };
    await this.locks.tryAcquire(job.id);
    await this.save(job);
    this.drive(job.id);
    return job;
  }

  /** Submits a new job with the same source and settings as an old one. */
  rerun(id: string): Promise<JobRecord> {
    const job = this.require(id);
    const source: SourceInput =
      job.source.kind === 'file' ? { kind: 'file', path: job.source.path } : job.source;
    return this.submit({
      mode: job.mode,
      source,
      settings: job.settings,
      outputFolder: job.outputFolder,
    } as SubmitRequest);
  }

  /** Stops tracking a job here: aborts its requests, ends its polling. Nothing changes on Magic Hour. */
  async stop(id: string): Promise<void> {
    const job = this.require(id);
    this.halt(id);
    if (isActive(job.state)) await this.update(id, (j) => withState(j, 'stopped', Date.now()));
    await this.locks.release(id);
  }

  /** Deletes the project on Magic Hour (permanent, not a cancel: ask the user first). */
  async deleteRemote(id: string): Promise<void> {
    const job = this.require(id);
    this.halt(id);
    if (job.projectId) {
      try {
        await this.options.client.deleteProject(job.projectId, { gate: this.gate });
      } catch (error) {
        if (!(isMagicHourError(error) && error.status === 404)) throw error;
      }
    }
    await this.update(id, (j) => withState({ ...j, error: undefined }, 'deleted', Date.now()));
    await this.locks.release(id);
  }

  /** Downloads a rendered job again (after "rendered, not saved", or a failed download). */
  async retrySave(id: string): Promise<void> {
    const job = this.require(id);
    if (!job.projectId) throw new Error(t('This job has no Magic Hour project to download.'));
    if (!(await this.locks.tryAcquire(id))) throw new Error(t('Another window is saving this job.'));
    await this.update(id, (j) => withState({ ...j, error: undefined }, 'downloading', Date.now()));
    this.drive(id);
  }

  /** Removes a finished job from the history (the output file stays). */
  async forget(id: string): Promise<void> {
    const job = this.require(id);
    if (isActive(job.state)) throw new Error(t('Stop the job before removing it.'));
    await this.store.remove(id);
    this.forgetLocally(id);
  }

  /** Removes every finished job except those whose clip still waits to be saved. */
  async clearFinished(): Promise<number> {
    const finished = this.list().filter((j) => !isActive(j.state) && j.state !== 'unsaved');
    for (const job of finished) await this.forget(job.id);
    return finished.length;
  }

  /** Checks running jobs now, and continues those that wait (Refresh was pressed, or the token set). */
  refresh(): void {
    for (const job of this.jobs.values()) {
      if (this.poller.has(job.id)) this.poller.add(job.id, 0);
      else if (isActive(job.state) && this.locks.owns(job.id)) this.drive(job.id);
    }
    void this.rescan();
  }

  /** Slows polling while the editor window is in the background. */
  setFocused(focused: boolean): void {
    this.poller.setFocused(focused);
  }

  /** Aborts everything in flight, stops every timer and releases this window's locks. */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    for (const timer of this.progressTimers.values()) clearTimeout(timer);
    this.progressTimers.clear();
    for (const id of [...this.running.keys()]) this.halt(id);
    await this.poller.dispose();
    await this.store.flush();
    await this.locks.dispose();
    this.changed.dispose();
    this.removed.dispose();
    this.unauthorized.dispose();
    this.problems.dispose();
    this.tokenMissing.dispose();
  }

  // ─── Running a job ───────────────────────────────────────────────────────────────────────────

  /** Continues a job this window owns from the state it is in. */
  private drive(id: string): void {
    const job = this.jobs.get(id);
    if (!job || this.disposed || this.running.has(id) || this.poller.has(id)) return;
    switch (job.state) {
      case 'uploading':
        void this.runPhase(id, async (signal) => {
          await this.uploadAndCreate(id, signal);
        });
        return;
      case 'creating':
        // Sent before a restart, answer never recorded: it may exist, so it is never resent.
        void this.update(id, (j) =>
          withState({ ...j, error: { message: lostMessage() } }, 'lost', Date.now()),
        ).then(() => this.locks.release(id));
        return;
      case 'queued':
      case 'rendering':
        this.poller.add(id, 0);
        return;
      case 'downloading':
        void this.runPhase(id, (signal) => this.saveOutput(id, signal));
        return;
      default:
        return;
    }
  }

  private async runPhase(id: string, phase: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      await phase(controller.signal);
    } catch (error) {
      if (!controller.signal.aborted && isMagicHourError(error) && error.kind === 'no-token') {
        // Nothing was refused: the job keeps its state (and lock) and waits for the token.
        this.log(`job ${id}: waiting for the API token (${error.message})`);
        await this.update(id, (j) => ({ ...j, warning: waitingForToken() }), false);
        this.tokenMissing.fire();
      } else if (!controller.signal.aborted) {
        this.log(`job ${id} failed: ${describe(error)}`);
        if (isMagicHourError(error) && error.status === 401) this.unauthorized.fire();
        await this.update(id, (j) => withState({ ...j, error: toJobError(error) }, 'failed', Date.now()));
        await this.locks.release(id);
      }
    } finally {
      if (this.running.get(id) === controller) this.running.delete(id);
    }
  }

  private async uploadAndCreate(id: string, signal: AbortSignal): Promise<void> {
    let job = this.require(id);
    let assetPath: string | undefined;
    if (job.source.kind === 'file') {
      const source = job.source;
      const type = assetTypeFor(job.mode);
      // Asked for before the wait for an upload slot: jobs started together share one request.
      const uploadUrl = await this.uploadUrls.get({ type, extension: uploadExtension(source.path) }, signal);
      assetPath = await this.uploads.run(signal, async () => {
        await assertUnchanged(source);
        return this.options.client.uploadFile(source.path, type, {
          signal,
          gate: this.gate,
          uploadUrl,
          onProgress: (bytes, totalBytes) => this.progress(id, { upload: { bytes, totalBytes } }),
        });
      });
    }
    job = this.require(id);
    const asset = assetFor(job.source, assetPath);
    const body =
      job.mode === 'image-to-video'
        ? imageToVideoRequest(job.settings as ImageToVideoSettings, asset, job.name)
        : videoToVideoRequest(job.settings as VideoToVideoSettings, asset, job.name);
    // The record says "creating" on disk before the request leaves: a lost answer is never forgotten.
    await this.update(id, (j) =>
      withState({ ...j, assetPath, request: body, warning: undefined }, 'creating', Date.now()),
    );
    const options = { signal, gate: this.gate };
    let created;
    try {
      created =
        job.mode === 'image-to-video'
          ? await this.options.client.createImageToVideo(
              body as ReturnType<typeof imageToVideoRequest>,
              options,
            )
          : await this.options.client.createVideoToVideo(
              body as ReturnType<typeof videoToVideoRequest>,
              options,
            );
    } catch (error) {
      if (isMagicHourError(error) && error.maybeReceived) {
        this.log(`job ${id}: create answer lost (${error.message})`);
        await this.update(id, (j) =>
          withState({ ...j, error: { message: lostMessage() } }, 'lost', Date.now()),
        );
        await this.locks.release(id);
        return;
      }
      if (isMagicHourError(error) && error.kind === 'no-token') {
        // Not sent (the token is read first): back to "uploading", so it is not taken for lost.
        await this.update(id, (j) => withState(j, 'uploading', Date.now(), 'waiting for the API token'));
      }
      throw error;
    }
    await this.update(id, (j) =>
      withState(
        { ...j, projectId: created.id, creditsCharged: created.credits_charged ?? j.creditsCharged },
        'queued',
        Date.now(),
      ),
    );
    this.poller.add(id);
  }

  /** One status check, called by the poller in its turn. */
  private async check(id: string, signal: AbortSignal): Promise<PollOutcome> {
    const job = this.jobs.get(id);
    if (!job?.projectId || !this.locks.owns(id) || !isActive(job.state)) return 'done';
    const stopped = new AbortController();
    this.checks.set(id, stopped);
    let project: VideoProject;
    try {
      project = await this.options.client.getProject(job.projectId, {
        signal: AbortSignal.any([signal, stopped.signal]),
        retry: false,
      });
    } catch (error) {
      if (signal.aborted || stopped.signal.aborted) return 'again';
      return this.pollFailed(id, error);
    } finally {
      if (this.checks.get(id) === stopped) this.checks.delete(id);
    }
    // An answer that comes after Stop Tracking must not bring the job back.
    if (stopped.signal.aborted) return 'done';
    return this.applyProject(id, project);
  }

  private async pollFailed(id: string, error: unknown): Promise<PollOutcome> {
    if (isMagicHourError(error)) {
      if (error.status === 404) {
        await this.finish(id, 'deleted', {
          message: t('The project no longer exists on Magic Hour.'),
          status: 404,
        });
        return 'done';
      }
      if (error.retryAfterMs !== undefined) this.gate.pauseUntil(Date.now() + error.retryAfterMs);
      if (error.status === 401) this.unauthorized.fire();
      if (error.kind === 'no-token') this.tokenMissing.fire();
    }
    this.log(`job ${id}: status check failed: ${describe(error)}`);
    await this.update(id, (j) => ({ ...j, warning: t('Checking again soon: {0}', describe(error)) }), false);
    return 'again';
  }

  private async applyProject(id: string, project: VideoProject): Promise<PollOutcome> {
    const status = project.status;
    const base = (j: JobRecord): JobRecord => ({
      ...j,
      remoteStatus: status,
      warning: undefined,
      creditsCharged: project.credits_charged ?? j.creditsCharged,
    });
    if (project.enabled === false) {
      await this.finish(id, 'deleted', { message: t('The project was deleted on Magic Hour.') });
      return 'done';
    }
    if (status === 'complete') {
      const url = project.downloads[0]?.url ?? project.download?.url ?? undefined;
      if (!url) {
        await this.update(id, (j) => ({
          ...base(j),
          warning: t('Rendered, waiting for the download link.'),
        }));
        return 'again';
      }
      this.downloadUrls.set(id, url);
      await this.update(id, (j) => withState(base(j), 'downloading', Date.now()));
      this.poller.remove(id);
      this.drive(id);
      return 'done';
    }
    if (status === 'error' || status === 'canceled') {
      const reason =
        status === 'canceled'
          ? t('The job was canceled on Magic Hour.')
          : (project.error?.message ?? t('Magic Hour could not render this job.'));
      await this.update(id, base, false);
      await this.finish(id, 'failed', {
        message: `${sentence(reason)} ${t('The credits are refunded.')}`,
        code: project.error?.code ?? status,
      });
      return 'done';
    }
    const state = status === 'queued' || status === 'draft' ? 'queued' : 'rendering';
    await this.update(id, (j) => withState(base(j), state, Date.now()));
    return 'again';
  }

  /** Downloads the output to a hidden temp file and publishes it under a free name. */
  private async saveOutput(id: string, signal: AbortSignal): Promise<void> {
    const job = this.require(id);
    const folder = job.outputFolder;
    const sourceName = job.source.kind === 'file' ? job.source.path : job.name;
    const stem = outputStem(sourceName, job.mode);
    const temp = tempPathFor(folder, stem, job.id);
    try {
      const outputPath = await this.downloads.run(signal, async () => {
        await fs.mkdir(folder, { recursive: true });
        await downloadWithResume(this.downloadUrls.get(id), temp, {
          client: this.options.client,
          freshUrl: (s) => this.freshDownloadUrl(id, s),
          onProgress: (bytes, totalBytes) => this.progress(id, { download: { bytes, totalBytes } }),
          attempts: this.options.downloadAttempts ?? 5,
          retryDelayMs: this.options.downloadRetryDelayMs ?? 1_000,
          log: (line) => this.log(`job ${id}: ${line}`),
          signal,
        });
        return publishExclusive(temp, folder, stem);
      });
      this.downloadUrls.delete(id);
      await this.update(id, (j) =>
        withState({ ...j, outputPath, error: undefined, warning: undefined }, 'done', Date.now()),
      );
      await this.locks.release(id);
    } catch (error) {
      // A window closing keeps the partial file, so the next one resumes it with a Range request;
      // so does a missing token (the job waits for it, see runPhase).
      if (signal.aborted && this.disposed) throw error;
      if (isMagicHourError(error) && error.kind === 'no-token') throw error;
      await fs.rm(temp, { force: true }).catch(() => undefined);
      if (signal.aborted) throw error;
      const message = isDiskError(error)
        ? t(
            'Rendered, not saved: {0}. Free some space or pick another output folder, then retry.',
            describe(error),
          )
        : t('Rendered, not saved: {0}', describe(error));
      await this.finish(id, 'unsaved', { message });
    }
  }

  private async freshDownloadUrl(id: string, signal: AbortSignal): Promise<string> {
    const projectId = this.require(id).projectId!;
    const project = await this.options.client.getProject(projectId, { signal, gate: this.gate });
    const url = project.downloads[0]?.url ?? project.download?.url;
    if (!url) throw new Error(t('Magic Hour gave no download link for this project.'));
    this.downloadUrls.set(id, url);
    return url;
  }

  // ─── Records ─────────────────────────────────────────────────────────────────────────────────

  private async finish(id: string, state: 'failed' | 'deleted' | 'unsaved', error: JobError): Promise<void> {
    await this.update(id, (j) => withState({ ...j, error, warning: undefined }, state, Date.now()));
    await this.locks.release(id);
  }

  /** Applies a change, tells listeners, and (by default) writes the job to disk. */
  private async update(id: string, change: (job: JobRecord) => JobRecord, persist = true): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return;
    await this.save(change(job), persist);
  }

  private async save(job: JobRecord, persist = true): Promise<void> {
    this.jobs.set(job.id, job);
    this.lastEmit.set(job.id, Date.now());
    this.changed.fire(job);
    if (persist) await this.store.save(job);
  }

  /** Byte progress: kept in memory and reported at most four times a second per job. */
  private progress(id: string, patch: Partial<JobRecord>): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.set(id, { ...job, ...patch });
    const wait = (this.lastEmit.get(id) ?? 0) + PROGRESS_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.emitProgress(id);
    // Report the last value too, even if no more bytes come (a stall).
    if (!this.progressTimers.has(id))
      this.progressTimers.set(
        id,
        setTimeout(() => this.emitProgress(id), wait),
      );
  }

  private emitProgress(id: string): void {
    clearTimeout(this.progressTimers.get(id));
    this.progressTimers.delete(id);
    const job = this.jobs.get(id);
    if (!job) return;
    this.lastEmit.set(id, Date.now());
    this.changed.fire(job);
  }

  private halt(id: string): void {
    this.running.get(id)?.abort(new Error('Stopped'));
    this.running.delete(id);
    this.checks.get(id)?.abort(new Error('Stopped'));
    this.checks.delete(id);
    clearTimeout(this.progressTimers.get(id));
    this.progressTimers.delete(id);
    this.poller.remove(id);
    this.downloadUrls.delete(id);
  }

  private forgetLocally(id: string): void {
    this.halt(id);
    this.jobs.delete(id);
    this.lastEmit.delete(id);
    this.removed.fire(id);
  }

  private require(id: string): JobRecord {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`No job ${id}`);
    return job;
  }

  private defaultFolder(source: JobSource): string {
    if (source.kind === 'file') return path.dirname(source.path);
    throw new Error('An output folder is needed for a job from a URL.');
  }

  // ─── Other windows ───────────────────────────────────────────────────────────────────────────

  /** Reads jobs other windows wrote, and takes over active jobs nobody drives any more. */
  private async rescan(): Promise<void> {
    const { jobs, changed, problems } = await this.store.load();
    if (problems.length) this.problems.fire(problems);
    const onDisk = new Set(jobs.map((j) => j.id));
    for (const id of [...this.jobs.keys()]) {
      // Forget only what another window removed, not a job whose first write is still on its way.
      if (!onDisk.has(id) && !(await this.store.has(id))) this.forgetLocally(id);
    }
    for (const job of changed) {
      if (this.locks.owns(job.id)) continue; // ours: memory is newer than disk
      this.jobs.set(job.id, job);
      this.changed.fire(job);
    }
    for (const job of jobs) {
      if (this.disposed || !isActive(job.state) || this.locks.owns(job.id)) continue;
      if (await this.locks.tryAcquire(job.id)) {
        this.log(`job ${job.id}: resuming from ${job.state}`);
        this.jobs.set(job.id, this.jobs.get(job.id) ?? job);
        this.drive(job.id);
      }
    }
  }

  private scheduleRescan(): void {
    if (this.disposed) return;
    this.rescanTimer = setTimeout(() => {
      this.rescan()
        .catch((error) => this.log(`store rescan failed: ${describe(error)}`))
        .finally(() => this.scheduleRescan());
    }, this.options.rescanMs ?? 3_000);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function toJobError(error: unknown): JobError {
  if (isMagicHourError(error)) {
    return { message: error.message, status: error.status, hint: error.hint, code: error.kind };
  }
  return { message: describe(error) };
}
