/**
 * zod schemas for the settings a user fills in for each mode. They check shape only (types and
 * string lengths); the per-model rules live in validate.ts. The webview form and the host both
 * parse with these.
 */
import * as z from 'zod';

/** Longest prompt we send, in characters. */
export const PROMPT_MAX_LENGTH = 2000;

/** Longest project name we send, in characters. */
export const NAME_MAX_LENGTH = 200;

/** Longest model, resolution or style value we accept (real ones are far shorter). */
const VALUE_MAX_LENGTH = 100;

const value = z.string().min(1).max(VALUE_MAX_LENGTH);

/** Shape of the image-to-video settings. */
export const imageToVideoSettingsSchema = z.object({
  model: value,
  /** Total duration of the output, in seconds. */
  endSeconds: z.number(),
  resolution: value,
  audio: z.boolean().optional(),
  prompt: z.string().max(PROMPT_MAX_LENGTH).optional(),
  name: z.string().max(NAME_MAX_LENGTH).optional(),
});

/** Shape of the video-to-video settings. */
export const videoToVideoSettingsSchema = z.object({
  /** Trim window on the source video, in seconds. */
  startSeconds: z.number(),
  endSeconds: z.number(),
  /** Length of the source video when known, to keep the trim window inside it. */
  sourceDurationSeconds: z.number().optional(),
  artStyle: value,
  model: value,
  promptType: value,
  prompt: z.string().max(PROMPT_MAX_LENGTH).optional(),
  version: value,
  fpsResolution: value,
  name: z.string().max(NAME_MAX_LENGTH).optional(),
});

/** What the user chose for an image-to-video generation. */
export type ImageToVideoSettings = z.infer<typeof imageToVideoSettingsSchema>;

/** What the user chose for a video-to-video generation. */
export type VideoToVideoSettings = z.infer<typeof videoToVideoSettingsSchema>;
