/**
 * Messages between the submission form webview and the extension host. Both sides parse every
 * message they receive with these schemas: the webview is untrusted, so every string is
 * bounded, every object strict (no extra keys) and catalog values can never look like a path.
 */
import * as z from 'zod';
import {
  NAME_MAX_LENGTH,
  imageToVideoSettingsSchema,
  videoToVideoSettingsSchema,
  type ImageToVideoSettings,
  type VideoToVideoSettings,
} from '../catalog/settings';
import { JOB_STATES } from '../engine/job';
import { webviewL10nSchema } from './l10n';

/** Most sources one form takes (it submits one job per source). */
export const MAX_SOURCES = 100;

/** Longest duration or trim time accepted, in seconds (far beyond anything the API renders). */
export const MAX_SECONDS = 4 * 60 * 60;

/** Longest webview resource URI or YouTube URL accepted. */
export const URI_MAX_LENGTH = 4096;

/** Longest label (file name) or message accepted. */
export const TEXT_MAX_LENGTH = 1000;

/** A model, resolution, art style or option id: letters, digits and a little punctuation, never a path. */
export const catalogValueSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .'()+_-]*$/, 'Not a catalog value');

const secondsSchema = z.number().min(0).max(MAX_SECONDS);
const textSchema = z.string().max(TEXT_MAX_LENGTH);
const uriSchema = z.string().min(1).max(URI_MAX_LENGTH);
const jobIdSchema = z.string().min(1).max(100);
/** A project name: one line of text. */
const nameSchema = z
  .string()
  .max(NAME_MAX_LENGTH)
  .regex(/^[^\p{Cc}]*$/u, 'No control characters');

/** Image-to-video settings as the form sends them: the catalog's schema, strict and bounded. */
export const imageToVideoFieldsSchema = z.strictObject({
  ...imageToVideoSettingsSchema.shape,
  model: catalogValueSchema,
  endSeconds: secondsSchema,
  resolution: catalogValueSchema,
  name: nameSchema.optional(),
}) satisfies z.ZodType<ImageToVideoSettings>;

/** Video-to-video settings as the form sends them: the catalog's schema, strict and bounded. */
export const videoToVideoFieldsSchema = z.strictObject({
  ...videoToVideoSettingsSchema.shape,
  startSeconds: secondsSchema,
  endSeconds: secondsSchema,
  sourceDurationSeconds: secondsSchema.optional(),
  artStyle: catalogValueSchema,
  model: catalogValueSchema,
  promptType: catalogValueSchema,
  version: catalogValueSchema,
  fpsResolution: catalogValueSchema,
  name: nameSchema.optional(),
}) satisfies z.ZodType<VideoToVideoSettings>;

/** What the form starts with for image to video (a name is per job, never remembered). */
export const imageToVideoDefaultsSchema = imageToVideoFieldsSchema.omit({ name: true });

/** What the form starts with for video to video (the trim window depends on the clip). */
export const videoToVideoDefaultsSchema = videoToVideoFieldsSchema.omit({
  name: true,
  startSeconds: true,
  endSeconds: true,
  sourceDurationSeconds: true,
});

/** One source the form shows: a local image or video (by webview URI), or a YouTube link. */
export const formSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('image'), label: textSchema, src: uriSchema }),
  z.strictObject({ kind: z.literal('video'), label: textSchema, src: uriSchema }),
  z.strictObject({ kind: z.literal('youtube'), label: textSchema, url: uriSchema }),
]);

const sourcesSchema = z.array(formSourceSchema).min(1).max(MAX_SOURCES);

/** The form to build: its mode, its sources and the values to start from. */
export const formSetupSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('image-to-video'),
    sources: sourcesSchema,
    defaults: imageToVideoDefaultsSchema,
  }),
  z.strictObject({
    mode: z.literal('video-to-video'),
    sources: sourcesSchema,
    defaults: videoToVideoDefaultsSchema,
  }),
]);

/** The settings of one submit, tagged with the mode they are for. */
export const submissionSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('image-to-video'), settings: imageToVideoFieldsSchema }),
  z.strictObject({ mode: z.literal('video-to-video'), settings: videoToVideoFieldsSchema }),
]);

const problemSchema = z.strictObject({ field: z.string().max(50), message: textSchema });

/** Messages the host sends to the form. */
export const hostToFormSchema = z.discriminatedUnion('type', [
  /** The answer to `ready`: what to build, and in which language. */
  z.strictObject({ type: z.literal('init'), form: formSetupSchema, l10n: webviewL10nSchema.optional() }),
  /** The host refused the submit: the catalog's problems, by field, or a reason for the whole form. */
  z.strictObject({
    type: z.literal('refused'),
    problems: z.array(problemSchema).max(50),
    message: textSchema.optional(),
  }),
  /** The submit ran: one job per source that was accepted, one error per source that was not. */
  z.strictObject({
    type: z.literal('submitted'),
    jobs: z.array(z.strictObject({ jobId: jobIdSchema, source: textSchema })).max(MAX_SOURCES),
    errors: z.array(z.strictObject({ source: textSchema, message: textSchema })).max(MAX_SOURCES),
  }),
  /** A submitted job moved on: its state, upload progress and credits. */
  z.strictObject({
    type: z.literal('job'),
    jobId: jobIdSchema,
    state: z.enum(JOB_STATES),
    uploadedPercent: z.number().min(0).max(100).optional(),
    creditsEstimated: z.number().min(0).optional(),
    creditsCharged: z.number().min(0).optional(),
    error: textSchema.optional(),
  }),
]);

/** Messages the form sends to the host. */
export const formToHostSchema = z.discriminatedUnion('type', [
  /** The page has loaded and listens: send `init`. */
  z.strictObject({ type: z.literal('ready') }),
  /** The user pressed Submit (or Enter) with these settings. */
  z.strictObject({ type: z.literal('submit'), submission: submissionSchema }),
  /** The user pressed Escape or Close. */
  z.strictObject({ type: z.literal('close') }),
]);

export type FormSource = z.infer<typeof formSourceSchema>;
export type FormSetup = z.infer<typeof formSetupSchema>;
export type Submission = z.infer<typeof submissionSchema>;
export type ImageToVideoDefaults = z.infer<typeof imageToVideoDefaultsSchema>;
export type VideoToVideoDefaults = z.infer<typeof videoToVideoDefaultsSchema>;
export type HostToFormMessage = z.infer<typeof hostToFormSchema>;
export type FormToHostMessage = z.infer<typeof formToHostSchema>;
