/**
 * Request validation for the create routes and upload-urls, mirroring the real API: 400 for a
 * missing or mistyped field, 422 for a value it rejects for the user. Per-model limits come from
 * the extension's own catalog, read independently here so a wrong helper there still shows up.
 */
import {
  IMAGE_TO_VIDEO_MODELS,
  RESOLUTIONS,
  VIDEO_TO_VIDEO_ART_STYLES,
  VIDEO_TO_VIDEO_MODELS,
  type DurationRule,
  type ImageToVideoModel,
  type Resolution,
} from '../../src/catalog/models';
import {
  ApiRejection,
  isObject,
  mistyped,
  oneOf,
  optionalBoolean,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredNumber,
  requiredObject,
  requiredString,
  unprocessable,
  type JsonObject,
} from './body-fields';

/** File extensions the API accepts per upload type (the API doc's lists). */
export const UPLOAD_EXTENSIONS = {
  image: ['png', 'jpg', 'jpeg', 'webp', 'avif', 'jp2', 'tiff', 'bmp', 'heic', 'gif'],
  video: ['mp4', 'm4v', 'mov', 'webm'],
  audio: ['mp3', 'wav', 'aac', 'flac'],
} as const;

export type UploadType = keyof typeof UPLOAD_EXTENSIONS;

export interface UploadItem {
  type: UploadType;
  /** Lower case, without a dot. */
  extension: string;
}

export interface ImageToVideoRequest {
  imageFilePath: string;
  endSeconds: number;
  name?: string;
  model: ImageToVideoModel;
  resolution: Resolution;
  audio: boolean;
}

export interface VideoToVideoRequest {
  startSeconds: number;
  endSeconds: number;
  name?: string;
  fpsResolution: 'FULL' | 'HALF';
}

/** Says whether an `assets.*_file_path` names an input the API can read. */
export type AssetLookup = (path: string) => boolean;

const PROMPT_TYPES = ['default', 'custom', 'append_default'] as const;
const PROMPT_TYPES_NEEDING_A_PROMPT: readonly string[] = ['custom', 'append_default'];
const V2V_VERSIONS = ['default', 'v1', 'v2'] as const;
const FPS_RESOLUTIONS = ['FULL', 'HALF'] as const;
const VIDEO_SOURCES = ['file', 'youtube'] as const;

function requireBodyObject(body: unknown): JsonObject {
  if (!isObject(body)) throw new ApiRejection(400, 'Request body must be a JSON object');
  return body;
}

/** Validates `POST /v1/files/upload-urls`. */
export function validateUploadUrls(body: unknown): UploadItem[] {
  const root = requireBodyObject(body);
  const items = root['items'];
  if (items === undefined || items === null) throw new ApiRejection(400, 'items is required');
  if (!Array.isArray(items)) mistyped('items', 'an array');
  if (items.length === 0) throw new ApiRejection(400, 'items must contain at least one item');
  return items.map((item: unknown, index) => {
    const path = `items[${index}]`;
    if (!isObject(item)) mistyped(path, 'an object');
    const type = oneOf(
      requiredString(item, 'type', `${path}.type`),
      ['image', 'video', 'audio'],
      `${path}.type`,
    );
    const extension = requiredString(item, 'extension', `${path}.extension`).toLowerCase();
    const allowed: readonly string[] = UPLOAD_EXTENSIONS[type];
    if (!allowed.includes(extension)) {
      unprocessable(
        `${path}.extension '${extension}' is not supported for ${type} files. Use one of: ${allowed.join(', ')}`,
      );
    }
    return { type, extension };
  });
}

function checkAsset(path: string, field: string, assetExists: AssetLookup): void {
  if (assetExists(path)) return;
  unprocessable(
    `${field} '${path}' was not found: pass a file_path from /v1/files/upload-urls whose upload completed, or an https URL`,
  );
}

/** Validates `POST /v1/image-to-video` against the model's published limits. */
export function validateImageToVideo(body: unknown, assetExists: AssetLookup): ImageToVideoRequest {
  const root = requireBodyObject(body);
  const assets = requiredObject(root, 'assets');
  const imageFilePath = requiredString(assets, 'image_file_path', 'assets.image_file_path');
  const endSeconds = requiredNumber(root, 'end_seconds');
  const name = optionalString(root, 'name');
  const audioRequested = optionalBoolean(root, 'audio');
  const style = optionalObject(root, 'style');
  if (style) {
    optionalString(style, 'prompt', 'style.prompt');
    optionalBoolean(style, 'high_quality', 'style.high_quality');
    optionalString(style, 'quality_mode', 'style.quality_mode');
  }
  optionalNumber(root, 'width');
  optionalNumber(root, 'height');

  const modelId = optionalString(root, 'model') ?? 'default';
  const model = IMAGE_TO_VIDEO_MODELS.find((candidate) => candidate.id === modelId);
  if (!model) {
    unprocessable(
      `model '${modelId}' is not supported. Use one of: ${IMAGE_TO_VIDEO_MODELS.map((m) => m.id).join(', ')}`,
    );
  }
  const resolution = oneOf(
    optionalString(root, 'resolution') ?? legacyResolution(style),
    RESOLUTIONS,
    'resolution',
  );
  if (!model.resolutions.includes(resolution)) {
    unprocessable(
      `Model ${model.id} does not support ${resolution}. Supported resolutions: ${model.resolutions.join(', ')}`,
    );
  }
  if (endSeconds <= 0) unprocessable('end_seconds must be greater than 0');
  const rule = model.durationsByResolution?.[resolution] ?? model.durations;
  if (!durationFits(rule, endSeconds)) {
    unprocessable(
      `end_seconds ${endSeconds} is not supported by model ${model.id} at ${resolution}. Supported: ${describeRule(rule)}`,
    );
  }
  if (audioRequested === true && model.audio === 'none') {
    unprocessable(`Model ${model.id} does not support audio: send audio false or leave it out`);
  }
  checkAsset(imageFilePath, 'assets.image_file_path', assetExists);
  const audio = model.audio === 'always' || audioRequested === true;
  return { imageFilePath, endSeconds, name, model, resolution, audio };
}

/** Deprecated style fields still pick a resolution when `resolution` is absent. */
function legacyResolution(style: JsonObject | undefined): string {
  if (style?.['high_quality'] === true || style?.['quality_mode'] === 'studio') return '1080p';
  return '720p';
}

function durationFits(rule: DurationRule, seconds: number): boolean {
  if (Array.isArray(rule)) return rule.includes(seconds);
  const { min, max, step } = rule as Exclude<DurationRule, readonly number[]>;
  if (seconds < min || seconds > max) return false;
  return Number.isInteger(Math.round((seconds - min) * 1e6) / 1e6 / step);
}

function describeRule(rule: DurationRule): string {
  if (Array.isArray(rule)) return rule.join(', ');
  const { min, max, step } = rule as Exclude<DurationRule, readonly number[]>;
  return step === 1 ? `${min} to ${max} whole seconds` : `${min} to ${max} in steps of ${step}`;
}

/** Validates `POST /v1/video-to-video`. */
export function validateVideoToVideo(body: unknown, assetExists: AssetLookup): VideoToVideoRequest {
  const root = requireBodyObject(body);
  const assets = requiredObject(root, 'assets');
  const source = oneOf(
    requiredString(assets, 'video_source', 'assets.video_source'),
    VIDEO_SOURCES,
    'assets.video_source',
  );
  const videoFilePath =
    source === 'file' ? requiredString(assets, 'video_file_path', 'assets.video_file_path') : undefined;
  const youtubeUrl =
    source === 'youtube' ? requiredString(assets, 'youtube_url', 'assets.youtube_url') : undefined;
  const startSeconds = requiredNumber(root, 'start_seconds');
  const endSeconds = requiredNumber(root, 'end_seconds');
  const name = optionalString(root, 'name');
  const fpsResolution = oneOf(
    optionalString(root, 'fps_resolution') ?? 'FULL',
    FPS_RESOLUTIONS,
    'fps_resolution',
  );
  optionalNumber(root, 'width');
  optionalNumber(root, 'height');

  const style = requiredObject(root, 'style');
  oneOf(requiredString(style, 'art_style', 'style.art_style'), VIDEO_TO_VIDEO_ART_STYLES, 'style.art_style');
  const modelIds = VIDEO_TO_VIDEO_MODELS.map((model) => model.id);
  oneOf(optionalString(style, 'model', 'style.model') ?? 'default', modelIds, 'style.model');
  const promptType = oneOf(
    optionalString(style, 'prompt_type', 'style.prompt_type') ?? 'default',
    PROMPT_TYPES,
    'style.prompt_type',
  );
  const prompt = optionalString(style, 'prompt', 'style.prompt');
  oneOf(optionalString(style, 'version', 'style.version') ?? 'default', V2V_VERSIONS, 'style.version');

  if (startSeconds < 0) unprocessable('start_seconds must be 0 or more');
  if (endSeconds <= 0.1) unprocessable('end_seconds must be greater than 0.1');
  if (endSeconds <= startSeconds) unprocessable('end_seconds must be greater than start_seconds');
  if (PROMPT_TYPES_NEEDING_A_PROMPT.includes(promptType) && !prompt?.trim()) {
    unprocessable(`style.prompt is required when style.prompt_type is ${promptType}`);
  }
  if (videoFilePath !== undefined) checkAsset(videoFilePath, 'assets.video_file_path', assetExists);
  if (youtubeUrl !== undefined && !isYouTubeUrl(youtubeUrl)) {
    unprocessable(`assets.youtube_url '${youtubeUrl}' is not a YouTube video link`);
  }
  return { startSeconds, endSeconds, name, fpsResolution };
}

function isYouTubeUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const host = url.hostname.replace(/^(www\.|m\.)/, '');
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      (host === 'youtube.com' || host === 'youtu.be')
    );
  } catch {
    return false;
  }
}
