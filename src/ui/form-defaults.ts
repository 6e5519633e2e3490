/**
 * The values a new form starts from, field by field: what the user last submitted in that
 * mode, else their settings, else the catalog's defaults. Stored values are untrusted (an
 * older version or a hand edit may have written them), so each is checked before use.
 */
import type { ImageToVideoSettings, VideoToVideoSettings } from '../catalog/settings';
import {
  imageToVideoDefaultsSchema,
  videoToVideoDefaultsSchema,
  type ImageToVideoDefaults,
  type VideoToVideoDefaults,
} from '../protocol/form';
import { Settings } from '../constants';

/** Where the last submitted values of a mode are kept in `globalState`. */
export function lastValuesKey(mode: 'image-to-video' | 'video-to-video'): string {
  return `magicHour.form.lastValues.${mode}`;
}

/** The catalog's defaults when nothing else is known. */
export const IMAGE_TO_VIDEO_DEFAULTS: ImageToVideoDefaults = {
  model: 'default',
  resolution: '720p',
  endSeconds: 5,
  audio: false,
  prompt: '',
};

export const VIDEO_TO_VIDEO_DEFAULTS: VideoToVideoDefaults = {
  artStyle: '3D Render',
  model: 'default',
  promptType: 'default',
  prompt: '',
  version: 'default',
  fpsResolution: 'FULL',
};

/** Reads one setting (a key of {@link Settings}); undefined when unset. */
export type SettingReader = (key: string) => unknown;

export function imageToVideoDefaults(remembered: unknown, setting: SettingReader): ImageToVideoDefaults {
  const fromSettings = {
    model: setting(Settings.imageToVideoModel),
    resolution: setting(Settings.imageToVideoResolution),
    endSeconds: setting(Settings.imageToVideoDuration),
  };
  return pickEach(imageToVideoDefaultsSchema.shape, [remembered, fromSettings], IMAGE_TO_VIDEO_DEFAULTS);
}

export function videoToVideoDefaults(remembered: unknown, setting: SettingReader): VideoToVideoDefaults {
  const fromSettings = {
    artStyle: setting(Settings.videoToVideoArtStyle),
    model: setting(Settings.videoToVideoModel),
  };
  return pickEach(videoToVideoDefaultsSchema.shape, [remembered, fromSettings], VIDEO_TO_VIDEO_DEFAULTS);
}

/** What is worth remembering of submitted settings: not the name nor the trim window of one clip. */
export function valuesToRemember(
  settings: ImageToVideoSettings | VideoToVideoSettings,
): ImageToVideoDefaults | VideoToVideoDefaults {
  if ('artStyle' in settings) {
    const { artStyle, model, promptType, prompt, version, fpsResolution } = settings;
    return { artStyle, model, promptType, prompt: prompt ?? '', version, fpsResolution };
  }
  const { model, resolution, endSeconds, audio, prompt } = settings;
  return { model, resolution, endSeconds, ...(audio === undefined ? {} : { audio }), prompt: prompt ?? '' };
}

/** For each key, the first layer whose value its schema accepts, else the fallback's. */
function pickEach<T extends object>(
  shape: { [K in keyof T]: { safeParse(value: unknown): { success: boolean } } },
  layers: unknown[],
  fallback: T,
): T {
  const result = { ...fallback };
  for (const key of Object.keys(shape) as (keyof T)[]) {
    for (const layer of layers) {
      if (typeof layer !== 'object' || layer === null) continue;
      const value = (layer as Record<PropertyKey, unknown>)[key];
      if (value !== undefined && shape[key].safeParse(value).success) {
        result[key] = value as T[keyof T];
        break;
      }
    }
  }
  return result;
}
