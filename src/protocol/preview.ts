/**
 * Messages between the preview webview (a job's output beside its source) and the extension
 * host. Both sides parse every message they receive with these schemas.
 */
import * as z from 'zod';
import { PROMPT_MAX_LENGTH } from '../catalog/settings';
import { JOB_STATES, MODES } from '../engine/job';
import { webviewL10nSchema } from './l10n';

/** Longest webview resource URI or link accepted. */
export const URI_MAX_LENGTH = 4096;

/** Longest label, name or message accepted. */
export const TEXT_MAX_LENGTH = 1000;

/** Most settings one job shows. */
export const MAX_SETTINGS = 40;

const textSchema = z.string().max(TEXT_MAX_LENGTH);
const uriSchema = z.string().min(1).max(URI_MAX_LENGTH);
const creditsSchema = z.number().min(0).optional();

/** A media file the webview may load: its webview URI and its file name. */
const mediaSchema = z.strictObject({ src: uriSchema, label: textSchema });

/** The job's input: a local image or video, or a link the webview only names (CSP forbids loading it). */
export const previewSourceSchema = z.discriminatedUnion('kind', [
  mediaSchema.extend({ kind: z.literal('image') }),
  mediaSchema.extend({ kind: z.literal('video') }),
  z.strictObject({ kind: z.literal('youtube'), url: uriSchema }),
  z.strictObject({ kind: z.literal('url'), url: uriSchema }),
]);

/** A setting as the job recorded it; only plain values (a prompt is the longest). */
const settingValueSchema = z.union([z.string().max(PROMPT_MAX_LENGTH), z.number(), z.boolean(), z.null()]);

/** Everything the preview shows about one job. */
export const previewJobSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: textSchema,
  mode: z.enum(MODES),
  state: z.enum(JOB_STATES),
  createdAt: z.number(),
  projectId: z.string().max(200).optional(),
  creditsEstimated: creditsSchema,
  creditsCharged: creditsSchema,
  /** What went wrong, when the job failed. */
  error: textSchema.optional(),
  settings: z
    .record(z.string().max(50), settingValueSchema)
    .refine((settings) => Object.keys(settings).length <= MAX_SETTINGS, 'Too many settings'),
  source: previewSourceSchema,
  /** The saved output; absent until the job has saved one. */
  output: mediaSchema.optional(),
});

/** Messages the host sends to the preview. */
export const hostToPreviewSchema = z.discriminatedUnion('type', [
  /** The answer to `ready`: the job to show, and in which language. */
  z.strictObject({ type: z.literal('init'), job: previewJobSchema, l10n: webviewL10nSchema.optional() }),
  /** The job changed (state, credits, a newly saved output). */
  z.strictObject({ type: z.literal('update'), job: previewJobSchema }),
]);

/** Messages the preview sends to the host. */
export const previewToHostSchema = z.discriminatedUnion('type', [
  /** The page has loaded and listens: send `init`. */
  z.strictObject({ type: z.literal('ready') }),
  /** A video or image could not be loaded or played: worth a line in the log. */
  z.strictObject({
    type: z.literal('mediaError'),
    which: z.enum(['source', 'output']),
    message: z.string().max(500),
  }),
]);

export type PreviewSource = z.infer<typeof previewSourceSchema>;
export type PreviewJob = z.infer<typeof previewJobSchema>;
export type HostToPreviewMessage = z.infer<typeof hostToPreviewSchema>;
export type PreviewToHostMessage = z.infer<typeof previewToHostSchema>;
