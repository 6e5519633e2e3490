/**
 * The Magic Hour model catalog: one data table per mode. Adding a model is one line.
 * Source: Magic Hour's API reference for `POST /v1/image-to-video` and `POST /v1/video-to-video`.
 * Models change often: an id or value not listed here (from a newer API) must pass through
 * the helpers without breaking anything. Labels and notes with words are translated when read
 * (getters): the language is set after this module loads.
 */
import { t } from '../l10n';

/** Output resolutions image-to-video knows, lowest first. */
export const RESOLUTIONS = ['480p', '720p', '1080p'] as const;

/** One of {@link RESOLUTIONS}. */
export type Resolution = (typeof RESOLUTIONS)[number];

/** Allowed whole-second steps from `min` to `max` inclusive (step 1 = every whole second). */
export interface DurationRange {
  min: number;
  max: number;
  step: number;
}

/** Allowed output durations in seconds: an explicit list, or a stepped range. */
export type DurationRule = readonly number[] | DurationRange;

/** Whether a model adds audio: always (cannot be turned off), on request, or never. */
export type AudioSupport = 'always' | 'toggle' | 'none';

/** One image-to-video model and its published limits. */
export interface ImageToVideoModel {
  /** The value sent as `model`. */
  id: string;
  /** Human friendly name, used in the form and in validation messages. */
  label: string;
  /** Allowed `end_seconds` at every resolution not overridden in `durationsByResolution`. */
  durations: DurationRule;
  /** Resolutions the model renders at. */
  resolutions: readonly Resolution[];
  audio: AudioSupport;
  /** Duration rules that differ at a given resolution. */
  durationsByResolution?: Partial<Record<Resolution, DurationRule>>;
  /** Something the user should know before picking the model. */
  note?: string;
  /** Published price in credits per 5 seconds of output, by resolution (absent: not published). */
  creditsPerFiveSeconds?: Partial<Record<Resolution, number>>;
}

const ALL_RESOLUTIONS: readonly Resolution[] = RESOLUTIONS;
const HD_RESOLUTIONS: readonly Resolution[] = ['720p', '1080p'];

/** Image-to-video models, in the order the form offers them. */
export const IMAGE_TO_VIDEO_MODELS: readonly ImageToVideoModel[] = [
  // Audio for `default` is undocumented and it falls back to Kling 1.6 (no audio) past 10 s,
  // so we send the user's choice and let the API decide.
  {
    id: 'default',
    get label() {
      return t('Default (Kling 2.5 Audio)');
    },
    durations: { min: 5, max: 60, step: 1 },
    durationsByResolution: { '480p': { min: 2, max: 12, step: 1 } },
    resolutions: ALL_RESOLUTIONS,
    audio: 'toggle',
    get note() {
      return t('Videos longer than 10 seconds are made with Kling 1.6.');
    },
    creditsPerFiveSeconds: { '480p': 120, '720p': 300, '1080p': 600 },
  },
  {
    id: 'ltx-2',
    label: 'LTX-2',
    durations: [3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30],
    resolutions: ALL_RESOLUTIONS,
    audio: 'always',
  },
  {
    id: 'seedance',
    label: 'Seedance',
    durations: { min: 2, max: 12, step: 1 },
    resolutions: ALL_RESOLUTIONS,
    audio: 'none',
  },
  { id: 'kling-2.5', label: 'Kling 2.5', durations: [5, 10], resolutions: HD_RESOLUTIONS, audio: 'always' },
  {
    id: 'kling-3.0',
    label: 'Kling 3.0',
    durations: { min: 3, max: 15, step: 1 },
    resolutions: HD_RESOLUTIONS,
    audio: 'toggle',
  },
  {
    id: 'sora-2',
    label: 'Sora 2',
    durations: [4, 8, 12, 24, 36, 48, 60],
    resolutions: ['720p'],
    audio: 'always',
    get note() {
      return t('Sora 2 accepts only 9:16 or 16:9 images.');
    },
  },
  {
    id: 'veo3.1',
    label: 'Veo 3.1',
    durations: [4, 6, 8, 16, 24, 32, 40, 48, 56],
    resolutions: HD_RESOLUTIONS,
    audio: 'toggle',
  },
  {
    id: 'kling-1.6',
    label: 'Kling 1.6',
    durations: { min: 5, max: 60, step: 5 },
    resolutions: HD_RESOLUTIONS,
    audio: 'none',
  },
];

/** A value the API accepts, with the name the form shows for it. */
export interface LabeledValue<T extends string = string> {
  id: T;
  label: string;
}

/** Every video-to-video `style.art_style` the API accepts (from the published SDK's enum). */
export const VIDEO_TO_VIDEO_ART_STYLES = [
  '3D Render',
  'Airbender',
  'Android',
  'Anime Warrior',
  'Armored Knight',
  "Assassin's Creed",
  'Avatar',
  'Black Spiderman',
  'Boba Fett',
  'Bold Anime',
  'Celestial Skin',
  'Chinese Swordsmen',
  'Clay',
  'Comic',
  'Cyberpunk',
  'Cypher',
  'Dark Fantasy',
  'Dragonball Z',
  'Future Bot',
  'Futuristic Fantasy',
  'GTA',
  'Ghibli Anime',
  'Ghost',
  'Gundam',
  'Hologram',
  'Illustration',
  'Impressionism',
  'Ink',
  'Ink Poster',
  'Jinx',
  'Knight',
  'Lego',
  'Link',
  'Marble',
  'Mario',
  'Master Chief',
  'Mech',
  'Minecraft',
  'Mystique',
  'Naruto',
  'Neon Dream',
  'No Art Style',
  'Oil Painting',
  'On Fire',
  'Origami',
  'Painterly Anime',
  'Pixar',
  'Pixel',
  'Power Armor',
  'Power Ranger',
  'Radiant Anime',
  'Realistic Anime',
  'Realistic Pixar',
  'Retro Anime',
  'Retro Sci-Fi',
  'Samurai',
  'Samurai Bot',
  'Sharp Anime',
  'Soft Anime',
  'Solid Snake',
  'Spartan',
  'Starfield',
  'Street Fighter',
  'Studio Ghibli',
  'Sub-Zero',
  'The Void',
  'Tomb Raider',
  'Underwater',
  'Van Gogh',
  'Viking',
  'Watercolor',
  'Western Anime',
  'Wu Kong',
  'Wuxia Anime',
  'Zelda',
] as const;

/** One of {@link VIDEO_TO_VIDEO_ART_STYLES}. */
export type ArtStyle = (typeof VIDEO_TO_VIDEO_ART_STYLES)[number];

/** A value whose label is translated each time it is read. */
function translated(id: string, label: () => string): LabeledValue {
  return {
    id,
    get label() {
      return label();
    },
  };
}

/** Video-to-video `style.model` values. */
export const VIDEO_TO_VIDEO_MODELS: readonly LabeledValue[] = [
  translated('default', () => t('Default (best for the art style)')),
  translated('Dreamshaper', () => t('Dreamshaper (all-round)')),
  translated('Absolute Reality', () => t('Absolute Reality (realism)')),
  { id: 'Flat 2D Anime', label: 'Flat 2D Anime' },
  { id: '3D Anime', label: '3D Anime' },
  { id: 'Kaywaii', label: 'Kaywaii' },
  { id: 'Soft Anime', label: 'Soft Anime' },
  { id: 'Western Anime', label: 'Western Anime' },
];

/** Video-to-video `style.prompt_type` values. */
export const PROMPT_TYPES: readonly LabeledValue[] = [
  translated('default', () => t("The art style's own prompt")),
  translated('custom', () => t('Only my prompt')),
  translated('append_default', () => t("My prompt, then the art style's prompt")),
];

/** Prompt types that need the user's prompt. */
export const PROMPT_TYPES_NEEDING_A_PROMPT: readonly string[] = ['custom', 'append_default'];

/** Video-to-video `style.version` values. */
export const VERSIONS: readonly LabeledValue[] = [
  translated('default', () => t('Default for the art style')),
  translated('v1', () => t('v1 (more detail, frame previews)')),
  translated('v2', () => t('v2 (faster, more consistent)')),
];

/** Video-to-video `fps_resolution` values. */
export const FPS_RESOLUTIONS: readonly LabeledValue[] = [
  translated('FULL', () => t('Full frame rate of the source')),
  translated('HALF', () => t('Half frame rate of the source')),
];

/** The image-to-video model with this id, or undefined for an id this catalog does not know. */
export function findImageToVideoModel(id: string): ImageToVideoModel | undefined {
  return IMAGE_TO_VIDEO_MODELS.find((model) => model.id === id);
}

/** True when a duration rule is a stepped range rather than a list. */
export function isDurationRange(rule: DurationRule): rule is DurationRange {
  return !Array.isArray(rule);
}

/** True when the value is one of {@link RESOLUTIONS}. */
export function isResolution(value: string): value is Resolution {
  return (RESOLUTIONS as readonly string[]).includes(value);
}

/** The duration rule that applies to a model at a resolution (unknown resolutions get the base rule). */
export function allowedDurations(model: ImageToVideoModel, resolution: string): DurationRule {
  return (isResolution(resolution) && model.durationsByResolution?.[resolution]) || model.durations;
}

/** Every allowed duration of a model at a resolution, as a list for a dropdown. */
export function durationChoices(model: ImageToVideoModel, resolution: string): number[] {
  const rule = allowedDurations(model, resolution);
  if (!isDurationRange(rule)) return [...rule];
  const choices: number[] = [];
  for (let seconds = rule.min; seconds <= rule.max; seconds += rule.step) choices.push(seconds);
  return choices;
}

/** True when `seconds` is allowed by the rule. */
export function durationAllowed(rule: DurationRule, seconds: number): boolean {
  if (!isDurationRange(rule)) return rule.includes(seconds);
  if (seconds < rule.min || seconds > rule.max) return false;
  const steps = (seconds - rule.min) / rule.step;
  return Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** How a model handles audio; an unknown model gets 'toggle' so the user's choice is sent as is. */
export function audioChoice(model: ImageToVideoModel | undefined): AudioSupport {
  return model?.audio ?? 'toggle';
}
