import * as z from 'zod';

/** The two generation modes, as they appear in output names (`cat.image-to-video.mp4`). */
export const MODES = ['image-to-video', 'video-to-video'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Where a job is. The happy path is uploading → creating → queued → rendering → downloading →
 * done. `lost`: the create was sent but its answer never came (it may exist on Magic Hour).
 * `unsaved`: rendered, but writing the file failed (disk full, no permission): retry saves it.
 */
export const JOB_STATES = [
  'uploading',
  'creating',
  'queued',
  'rendering',
  'downloading',
  'done',
  'failed',
  'lost',
  'unsaved',
  'deleted',
  'stopped',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States in which the engine still has work to do for the job. */
export const ACTIVE_STATES: ReadonlySet<JobState> = new Set([
  'uploading',
  'creating',
  'queued',
  'rendering',
  'downloading',
]);

/** True while the engine still works on the job (it is resumed after a restart). */
export function isActive(state: JobState): boolean {
  return ACTIVE_STATES.has(state);
}

const sourceSchema = z.discriminatedUnion('kind', [
  /** A local file, with its size and mtime when chosen, to notice a change before upload. */
  z.object({ kind: z.literal('file'), path: z.string(), size: z.number(), mtimeMs: z.number() }),
  /** An https URL passed to the API as the asset (nothing uploaded). */
  z.object({ kind: z.literal('url'), url: z.string() }),
  /** A YouTube video (video-to-video only; nothing uploaded). */
  z.object({ kind: z.literal('youtube'), url: z.string() }),
]);
export type JobSource = z.infer<typeof sourceSchema>;

const progressSchema = z.object({ bytes: z.number(), totalBytes: z.number().optional() });
export type Progress = z.infer<typeof progressSchema>;

const jobErrorSchema = z.object({
  message: z.string(),
  /** The API's error code (project `error.code`) or HTTP status as text. */
  code: z.string().optional(),
  status: z.number().optional(),
  hint: z.string().optional(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

/** One job as kept in the store: everything needed to show it, resume it and run it again. */
export const jobRecordSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  mode: z.enum(MODES),
  name: z.string(),
  state: z.enum(JOB_STATES),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Every state the job entered, with when. */
  history: z.array(z.object({ state: z.enum(JOB_STATES), at: z.number(), note: z.string().optional() })),
  source: sourceSchema,
  /** The form's settings (catalog shape); kept to re-run the job. */
  settings: z.record(z.string(), z.unknown()),
  /** The create request body as sent (with the uploaded asset path). */
  request: z.record(z.string(), z.unknown()).optional(),
  /** `file_path` returned by the upload, reused if the create has to be re-run. */
  assetPath: z.string().optional(),
  projectId: z.string().optional(),
  /** Last status Magic Hour reported (may be a value newer than this extension knows). */
  remoteStatus: z.string().optional(),
  upload: progressSchema.optional(),
  download: progressSchema.optional(),
  creditsEstimated: z.number().optional(),
  creditsCharged: z.number().optional(),
  error: jobErrorSchema.optional(),
  /** A transient problem (connection trouble while polling); cleared by the next success. */
  warning: z.string().optional(),
  /** The folder the output goes to. */
  outputFolder: z.string(),
  /** Where the output was saved. */
  outputPath: z.string().optional(),
});
export type JobRecord = z.infer<typeof jobRecordSchema>;

/** Returns a copy of `job` moved to `state`, with the step recorded in its history. */
export function withState(job: JobRecord, state: JobState, now: number, note?: string): JobRecord {
  if (job.state === state) return { ...job, updatedAt: now };
  const step = note === undefined ? { state, at: now } : { state, at: now, note };
  return { ...job, state, updatedAt: now, history: [...job.history, step] };
}
