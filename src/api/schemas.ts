/**
 * zod schemas for every request the client sends and every answer it reads.
 *
 * Requests are strict: an unknown or malformed field is a bug in our code, caught before sending.
 * Responses are loose: Magic Hour adds fields, statuses and models over time, and a newer API
 * must not break an older extension, so unknown keys pass through and open-ended values
 * (status, model, type) are plain strings.
 */
import * as z from 'zod';

/** Kinds of input file the upload-urls call accepts. */
export const AssetTypeSchema = z.enum(['image', 'video', 'audio']);

// ─── Upload URLs ───────────────────────────────────────────────────────────────────────────────

/** Body of `POST /v1/files/upload-urls`. The extension has no leading dot. */
export const UploadUrlsRequestSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        type: AssetTypeSchema,
        extension: z.string().regex(/^[A-Za-z0-9]{1,10}$/, 'an extension like "png", without the dot'),
      }),
    )
    .min(1),
});
export type UploadUrlsRequest = z.infer<typeof UploadUrlsRequestSchema>;

/** One presigned upload: PUT the bytes to `upload_url`, then send `file_path` in `assets`. */
export const UploadUrlItemSchema = z.looseObject({
  upload_url: z.url(),
  file_path: z.string().min(1),
  /** ISO date; absent in some older answers, so optional. */
  expires_at: z.string().optional(),
});
export type UploadUrlItem = z.infer<typeof UploadUrlItemSchema>;

/** Answer of `POST /v1/files/upload-urls`. */
export const UploadUrlsResponseSchema = z.looseObject({ items: z.array(UploadUrlItemSchema) });
export type UploadUrlsResponse = z.infer<typeof UploadUrlsResponseSchema>;

// ─── Create ────────────────────────────────────────────────────────────────────────────────────

/** Resolutions documented today; the request accepts any `<n>p`/`4k` value so newer ones pass. */
export const KNOWN_RESOLUTIONS = ['480p', '720p', '1080p'] as const;

/** Body of `POST /v1/image-to-video`. Deprecated fields (width, height, quality_mode) are never sent. */
export const ImageToVideoRequestSchema = z.strictObject({
  assets: z.strictObject({ image_file_path: z.string().min(1) }),
  end_seconds: z.number().positive().finite(),
  name: z.string().optional(),
  // The catalog (src/catalog) owns the per-model rules; here only the shape is checked.
  resolution: z
    .string()
    .regex(/^(\d{3,4}p|\dk)$/i, 'a resolution like "720p"')
    .optional(),
  model: z.string().min(1).optional(),
  audio: z.boolean().optional(),
  style: z.strictObject({ prompt: z.string().optional() }).optional(),
});
export type ImageToVideoRequest = z.infer<typeof ImageToVideoRequestSchema>;

const VideoToVideoAssetsSchema = z.discriminatedUnion('video_source', [
  z.strictObject({ video_source: z.literal('file'), video_file_path: z.string().min(1) }),
  z.strictObject({ video_source: z.literal('youtube'), youtube_url: z.url() }),
]);

/** Body of `POST /v1/video-to-video`. `start_seconds`/`end_seconds` trim the input. */
export const VideoToVideoRequestSchema = z
  .strictObject({
    assets: VideoToVideoAssetsSchema,
    start_seconds: z.number().min(0).finite(),
    end_seconds: z.number().gt(0.1).finite(),
    name: z.string().optional(),
    fps_resolution: z.enum(['FULL', 'HALF']).optional(),
    style: z.strictObject({
      // ~75 names that change with the product: the catalog lists them, the API judges them.
      art_style: z.string().min(1),
      model: z.string().min(1).optional(),
      prompt: z.string().nullable().optional(),
      prompt_type: z.enum(['default', 'custom', 'append_default']).optional(),
      version: z.enum(['default', 'v1', 'v2']).optional(),
    }),
  })
  .refine((body) => body.end_seconds > body.start_seconds, {
    message: 'end_seconds must be greater than start_seconds',
    path: ['end_seconds'],
  })
  .refine(
    (body) =>
      body.style.prompt_type === undefined ||
      body.style.prompt_type === 'default' ||
      (typeof body.style.prompt === 'string' && body.style.prompt.trim() !== ''),
    {
      message: 'a prompt is required when prompt_type is custom or append_default',
      path: ['style', 'prompt'],
    },
  );
export type VideoToVideoRequest = z.infer<typeof VideoToVideoRequestSchema>;

/** Answer of both creates. Only `id` is required: losing the id of a job that exists costs credits. */
export const CreateResponseSchema = z.looseObject({
  id: z.string().min(1),
  credits_charged: z.number().optional(),
  /** Deprecated by the API; show `credits_charged`. */
  estimated_frame_cost: z.number().optional(),
});
export type CreateResponse = z.infer<typeof CreateResponseSchema>;

// ─── Video projects ────────────────────────────────────────────────────────────────────────────

/** Statuses documented today. The API may add more: a status is typed as `string`. */
export const KNOWN_PROJECT_STATUSES = [
  'draft',
  'queued',
  'rendering',
  'complete',
  'error',
  'canceled',
] as const;
export type KnownProjectStatus = (typeof KNOWN_PROJECT_STATUSES)[number];
/** A project status: one of the known ones, or a newer one this version does not know. */
// `string & {}` keeps editor completion for the known values while accepting any string.
export type ProjectStatus = KnownProjectStatus | (string & {});

/** Statuses after which a project never changes again. */
export const TERMINAL_PROJECT_STATUSES = ['complete', 'error', 'canceled'] as const;

/** True for `complete`, `error` and `canceled`; an unknown status is not terminal (keep polling). */
export function isTerminalStatus(status: ProjectStatus): boolean {
  return (TERMINAL_PROJECT_STATUSES as readonly string[]).includes(status);
}

/** True when this version of the extension knows the status. */
export function isKnownStatus(status: ProjectStatus): status is KnownProjectStatus {
  return (KNOWN_PROJECT_STATUSES as readonly string[]).includes(status);
}

/** A rendered output: a presigned URL that expires (fetch the project again for a fresh one). */
export const DownloadSchema = z.looseObject({ url: z.url(), expires_at: z.string().optional() });
export type Download = z.infer<typeof DownloadSchema>;

/** Why a render failed; present when `status` is `error`. */
export const ProjectErrorSchema = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
});
export type ProjectError = z.infer<typeof ProjectErrorSchema>;

const optionalNumber = z.number().nullish();

/** Answer of `GET /v1/video-projects/{id}`. Missing `downloads` reads as `[]`, missing `error` as null. */
export const VideoProjectSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  /** `IMAGE_TO_VIDEO`, `VIDEO_TO_VIDEO`, … (open-ended). */
  type: z.string().nullish(),
  status: z.string().min(1),
  created_at: z.string().nullish(),
  credits_charged: optionalNumber,
  /** Deprecated by the API. */
  total_frame_cost: optionalNumber,
  /** false once the project was deleted. */
  enabled: z.boolean().nullish(),
  start_seconds: optionalNumber,
  end_seconds: optionalNumber,
  fps: optionalNumber,
  width: optionalNumber,
  height: optionalNumber,
  error: ProjectErrorSchema.nullish().transform((error) => error ?? null),
  downloads: z
    .array(DownloadSchema)
    .nullish()
    .transform((downloads) => downloads ?? []),
  /** Deprecated by the API: the first of `downloads`. */
  download: DownloadSchema.nullish(),
});
export type VideoProject = z.infer<typeof VideoProjectSchema>;

// ─── Errors ────────────────────────────────────────────────────────────────────────────────────

/** Body of an error answer: `{"message": "..."}`, sometimes with more fields. */
export const ApiErrorBodySchema = z.looseObject({ message: z.unknown().optional() });

/** Sums up a zod error in one line, at most three issues, for a user-facing message. */
export function summarizeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  if (error.issues.length > 3) parts.push(`and ${error.issues.length - 3} more`);
  return parts.join('; ');
}
