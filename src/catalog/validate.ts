/**
 * Checks settings against the catalog and explains every problem in words a user understands.
 * A model this catalog does not know (from a newer API) only gets the generic checks, so the
 * API has the last word on it. The messages are in the user's language (see src/l10n.ts).
 */
import { currentLocale, orList, t } from '../l10n';
import {
  FPS_RESOLUTIONS,
  PROMPT_TYPES,
  PROMPT_TYPES_NEEDING_A_PROMPT,
  VERSIONS,
  VIDEO_TO_VIDEO_ART_STYLES,
  VIDEO_TO_VIDEO_MODELS,
  allowedDurations,
  durationAllowed,
  findImageToVideoModel,
  isDurationRange,
  isResolution,
  type DurationRule,
  type ImageToVideoModel,
  type LabeledValue,
} from './models';
import {
  NAME_MAX_LENGTH,
  PROMPT_MAX_LENGTH,
  type ImageToVideoSettings,
  type VideoToVideoSettings,
} from './settings';

/** One thing wrong with the settings: which field, and what to do about it. */
export interface Problem {
  /** The settings key the problem is about, e.g. `endSeconds`. */
  field: string;
  message: string;
}

/** The API wants the end of a video-to-video trim window later than this. */
const MIN_END_SECONDS = 0.1;

/** Slack for comparing seconds measured by different tools. */
const SECONDS_TOLERANCE = 0.001;

/** Problems with image-to-video settings; empty when they can be sent. */
export function validateImageToVideo(settings: ImageToVideoSettings): Problem[] {
  const problems: Problem[] = [];
  if (!isFilled(settings.model)) problems.push({ field: 'model', message: t('Choose a model.') });
  if (!isFilled(settings.resolution)) {
    problems.push({ field: 'resolution', message: t('Choose a resolution.') });
  }
  const durationIsValid = checkDuration(problems, settings.endSeconds);

  const model = findImageToVideoModel(settings.model);
  if (model) {
    if (isResolution(settings.resolution) && !model.resolutions.includes(settings.resolution)) {
      problems.push({
        field: 'resolution',
        message: t('{0} renders at {1} only.', model.label, orList(model.resolutions)),
      });
    }
    if (durationIsValid) {
      const rule = allowedDurations(model, settings.resolution);
      if (!durationAllowed(rule, settings.endSeconds)) {
        problems.push({ field: 'endSeconds', message: durationMessage(model, rule, settings.resolution) });
      }
    }
    if (settings.audio === true && model.audio === 'none') {
      problems.push({ field: 'audio', message: t('{0} cannot add audio: turn audio off.', model.label) });
    }
  }

  checkTextLengths(problems, settings);
  return problems;
}

/** Problems with video-to-video settings; empty when they can be sent. */
export function validateVideoToVideo(settings: VideoToVideoSettings): Problem[] {
  const problems: Problem[] = [];
  checkTrimWindow(problems, settings);

  if (!isFilled(settings.artStyle)) {
    problems.push({ field: 'artStyle', message: t('Choose an art style.') });
  } else if (!(VIDEO_TO_VIDEO_ART_STYLES as readonly string[]).includes(settings.artStyle)) {
    problems.push({
      field: 'artStyle',
      message: t('"{0}" is not an art style Magic Hour offers: choose one from the list.', settings.artStyle),
    });
  }
  checkOneOf(problems, 'model', settings.model, VIDEO_TO_VIDEO_MODELS, (value, choices) =>
    value === undefined
      ? t('Choose a video-to-video model: {0}.', choices)
      : t('"{0}" is not a video-to-video model: choose {1}.', value, choices),
  );
  checkOneOf(problems, 'promptType', settings.promptType, PROMPT_TYPES, (value, choices) =>
    value === undefined
      ? t('Choose a prompt type: {0}.', choices)
      : t('"{0}" is not a prompt type: choose {1}.', value, choices),
  );
  checkOneOf(problems, 'version', settings.version, VERSIONS, (value, choices) =>
    value === undefined
      ? t('Choose a version: {0}.', choices)
      : t('"{0}" is not a version: choose {1}.', value, choices),
  );
  checkOneOf(problems, 'fpsResolution', settings.fpsResolution, FPS_RESOLUTIONS, (value, choices) =>
    value === undefined
      ? t('Choose a frame rate setting: {0}.', choices)
      : t('"{0}" is not a frame rate setting: choose {1}.', value, choices),
  );

  if (PROMPT_TYPES_NEEDING_A_PROMPT.includes(settings.promptType) && !isFilled(settings.prompt)) {
    problems.push({
      field: 'prompt',
      message:
        settings.promptType === 'custom'
          ? t("Write a prompt: the 'custom' prompt type uses only your prompt.")
          : t(
              "Write a prompt: the '{0}' prompt type adds the art style's prompt after yours.",
              settings.promptType,
            ),
    });
  }

  checkTextLengths(problems, settings);
  return problems;
}

function checkTrimWindow(problems: Problem[], settings: VideoToVideoSettings): void {
  const { startSeconds, endSeconds, sourceDurationSeconds } = settings;
  const startIsValid = Number.isFinite(startSeconds) && startSeconds >= 0;
  if (!Number.isFinite(startSeconds)) {
    problems.push({ field: 'startSeconds', message: t('The start must be a number of seconds.') });
  } else if (startSeconds < 0) {
    problems.push({ field: 'startSeconds', message: t('The start cannot be before 0 s.') });
  }

  if (!Number.isFinite(endSeconds)) {
    problems.push({ field: 'endSeconds', message: t('The end must be a number of seconds.') });
    return;
  }
  if (endSeconds <= MIN_END_SECONDS) {
    problems.push({
      field: 'endSeconds',
      message: t('The end must be later than {0} s.', formatSeconds(MIN_END_SECONDS)),
    });
  } else if (startIsValid && endSeconds <= startSeconds) {
    problems.push({ field: 'endSeconds', message: t('The end must be after the start.') });
  }

  if (sourceDurationSeconds === undefined || !Number.isFinite(sourceDurationSeconds)) return;
  if (sourceDurationSeconds <= 0) return; // an unreadable length: let the API judge the window
  const length = formatSeconds(sourceDurationSeconds);
  if (endSeconds > sourceDurationSeconds + SECONDS_TOLERANCE) {
    problems.push({
      field: 'endSeconds',
      message: t('The clip is {0} s long: the end can be at most {0} s.', length),
    });
  }
  if (startIsValid && startSeconds >= sourceDurationSeconds) {
    problems.push({
      field: 'startSeconds',
      message: t('The clip is {0} s long: the start must be before {0} s.', length),
    });
  }
}

/** Adds a problem unless the duration is a finite number of seconds above 0; returns whether it is. */
function checkDuration(problems: Problem[], seconds: number): boolean {
  if (!Number.isFinite(seconds)) {
    problems.push({ field: 'endSeconds', message: t('The duration must be a number of seconds.') });
    return false;
  }
  if (seconds <= 0) {
    problems.push({ field: 'endSeconds', message: t('The duration must be more than 0 seconds.') });
    return false;
  }
  return true;
}

/**
 * Adds a problem unless `value` is one of `allowed`; `message` gets the value (undefined when
 * empty) and the allowed ids as a list.
 */
function checkOneOf(
  problems: Problem[],
  field: string,
  value: string,
  allowed: readonly LabeledValue[],
  message: (value: string | undefined, choices: string) => string,
): void {
  if (allowed.some((option) => option.id === value)) return;
  const choices = orList(allowed.map((option) => option.id));
  problems.push({ field, message: message(isFilled(value) ? value : undefined, choices) });
}

function checkTextLengths(problems: Problem[], settings: { prompt?: string; name?: string }): void {
  const { prompt, name } = settings;
  if (typeof prompt === 'string' && prompt.length > PROMPT_MAX_LENGTH) {
    problems.push({
      field: 'prompt',
      message: t(
        'The prompt is {0} characters long: keep it to {1} or fewer.',
        formatCount(prompt.length),
        formatCount(PROMPT_MAX_LENGTH),
      ),
    });
  }
  if (typeof name === 'string' && name.length > NAME_MAX_LENGTH) {
    problems.push({
      field: 'name',
      message: t(
        'The name is {0} characters long: keep it to {1} or fewer.',
        formatCount(name.length),
        formatCount(NAME_MAX_LENGTH),
      ),
    });
  }
}

/** "Kling 2.5 makes 5 or 10 second videos." and the like; the resolution when it has rules of its own. */
function durationMessage(model: ImageToVideoModel, rule: DurationRule, resolution: string): string {
  const label = model.label;
  const general = rule === model.durations;
  if (!isDurationRange(rule)) {
    const list = orList(rule.map(formatCount));
    return general
      ? t('{0} makes {1} second videos.', label, list)
      : t('{0} makes {1} second videos at {2}.', label, list, resolution);
  }
  const [min, max, step] = [formatCount(rule.min), formatCount(rule.max), formatCount(rule.step)];
  if (rule.step === 1) {
    return general
      ? t('{0} makes {1} to {2} second videos in whole seconds.', label, min, max)
      : t('{0} makes {1} to {2} second videos at {3} in whole seconds.', label, min, max, resolution);
  }
  return general
    ? t('{0} makes {1} to {2} second videos in steps of {3} seconds.', label, min, max, step)
    : t(
        '{0} makes {1} to {2} second videos at {3} in steps of {4} seconds.',
        label,
        min,
        max,
        resolution,
        step,
      );
}

function isFilled(text: string | undefined): boolean {
  return typeof text === 'string' && text.trim() !== '';
}

/** Seconds with at most two decimals, rounded down so "at most" stays true: 8.2, 12, 3.33. */
function formatSeconds(seconds: number): string {
  return (Math.floor(seconds * 100 + 1e-6) / 100).toLocaleString(currentLocale(), {
    maximumFractionDigits: 2,
    useGrouping: false,
  });
}

/** A count as the user's language writes it: 2,000 in English. */
function formatCount(count: number): string {
  return count.toLocaleString(currentLocale());
}
