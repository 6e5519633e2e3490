/**
 * Checks settings against the catalog and explains every problem in words a user understands.
 * A model this catalog does not know (from a newer API) only gets the generic checks, so the
 * API has the last word on it.
 */
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
  if (!isFilled(settings.model)) problems.push({ field: 'model', message: 'Choose a model.' });
  if (!isFilled(settings.resolution)) {
    problems.push({ field: 'resolution', message: 'Choose a resolution.' });
  }
  const durationIsValid = checkPositiveSeconds(problems, 'endSeconds', settings.endSeconds, 'The duration');

  const model = findImageToVideoModel(settings.model);
  if (model) {
    if (isResolution(settings.resolution) && !model.resolutions.includes(settings.resolution)) {
      problems.push({
        field: 'resolution',
        message: `${model.label} renders at ${orList(model.resolutions)} only.`,
      });
    }
    if (durationIsValid) {
      const rule = allowedDurations(model, settings.resolution);
      if (!durationAllowed(rule, settings.endSeconds)) {
        problems.push({ field: 'endSeconds', message: durationMessage(model, rule, settings.resolution) });
      }
    }
    if (settings.audio === true && model.audio === 'none') {
      problems.push({ field: 'audio', message: `${model.label} cannot add audio: turn audio off.` });
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
    problems.push({ field: 'artStyle', message: 'Choose an art style.' });
  } else if (!(VIDEO_TO_VIDEO_ART_STYLES as readonly string[]).includes(settings.artStyle)) {
    problems.push({
      field: 'artStyle',
      message: `"${settings.artStyle}" is not an art style Magic Hour offers: choose one from the list.`,
    });
  }
  checkOneOf(problems, 'model', settings.model, VIDEO_TO_VIDEO_MODELS, 'video-to-video model');
  checkOneOf(problems, 'promptType', settings.promptType, PROMPT_TYPES, 'prompt type');
  checkOneOf(problems, 'version', settings.version, VERSIONS, 'version');
  checkOneOf(problems, 'fpsResolution', settings.fpsResolution, FPS_RESOLUTIONS, 'frame rate setting');

  if (PROMPT_TYPES_NEEDING_A_PROMPT.includes(settings.promptType) && !isFilled(settings.prompt)) {
    const why =
      settings.promptType === 'custom'
        ? "the 'custom' prompt type uses only your prompt"
        : `the '${settings.promptType}' prompt type adds the art style's prompt after yours`;
    problems.push({ field: 'prompt', message: `Write a prompt: ${why}.` });
  }

  checkTextLengths(problems, settings);
  return problems;
}

function checkTrimWindow(problems: Problem[], settings: VideoToVideoSettings): void {
  const { startSeconds, endSeconds, sourceDurationSeconds } = settings;
  const startIsValid = Number.isFinite(startSeconds) && startSeconds >= 0;
  if (!Number.isFinite(startSeconds)) {
    problems.push({ field: 'startSeconds', message: 'The start must be a number of seconds.' });
  } else if (startSeconds < 0) {
    problems.push({ field: 'startSeconds', message: 'The start cannot be before 0 s.' });
  }

  if (!Number.isFinite(endSeconds)) {
    problems.push({ field: 'endSeconds', message: 'The end must be a number of seconds.' });
    return;
  }
  if (endSeconds <= MIN_END_SECONDS) {
    problems.push({ field: 'endSeconds', message: `The end must be later than ${MIN_END_SECONDS} s.` });
  } else if (startIsValid && endSeconds <= startSeconds) {
    problems.push({ field: 'endSeconds', message: 'The end must be after the start.' });
  }

  if (sourceDurationSeconds === undefined || !Number.isFinite(sourceDurationSeconds)) return;
  if (sourceDurationSeconds <= 0) return; // an unreadable length: let the API judge the window
  const length = formatSeconds(sourceDurationSeconds);
  if (endSeconds > sourceDurationSeconds + SECONDS_TOLERANCE) {
    problems.push({
      field: 'endSeconds',
      message: `The clip is ${length} s long: the end can be at most ${length} s.`,
    });
  }
  if (startIsValid && startSeconds >= sourceDurationSeconds) {
    problems.push({
      field: 'startSeconds',
      message: `The clip is ${length} s long: the start must be before ${length} s.`,
    });
  }
}

/** Adds a problem unless `seconds` is a finite number above 0; returns whether it is. */
function checkPositiveSeconds(problems: Problem[], field: string, seconds: number, what: string): boolean {
  if (!Number.isFinite(seconds)) {
    problems.push({ field, message: `${what} must be a number of seconds.` });
    return false;
  }
  if (seconds <= 0) {
    problems.push({ field, message: `${what} must be more than 0 seconds.` });
    return false;
  }
  return true;
}

function checkOneOf(
  problems: Problem[],
  field: string,
  value: string,
  allowed: readonly LabeledValue[],
  what: string,
): void {
  if (allowed.some((option) => option.id === value)) return;
  const ids = allowed.map((option) => option.id);
  problems.push({
    field,
    message: isFilled(value)
      ? `"${value}" is not a ${what}: choose ${orList(ids)}.`
      : `Choose a ${what}: ${orList(ids)}.`,
  });
}

function checkTextLengths(problems: Problem[], settings: { prompt?: string; name?: string }): void {
  const { prompt, name } = settings;
  if (typeof prompt === 'string' && prompt.length > PROMPT_MAX_LENGTH) {
    problems.push({
      field: 'prompt',
      message: `The prompt is ${formatCount(prompt.length)} characters long: keep it to ${formatCount(PROMPT_MAX_LENGTH)} or fewer.`,
    });
  }
  if (typeof name === 'string' && name.length > NAME_MAX_LENGTH) {
    problems.push({
      field: 'name',
      message: `The name is ${formatCount(name.length)} characters long: keep it to ${formatCount(NAME_MAX_LENGTH)} or fewer.`,
    });
  }
}

/** "Kling 2.5 makes 5 or 10 second videos." and the like. */
function durationMessage(model: ImageToVideoModel, rule: DurationRule, resolution: string): string {
  const atResolution = rule === model.durations ? '' : ` at ${resolution}`;
  if (!isDurationRange(rule)) {
    return `${model.label} makes ${orList(rule.map(String))} second videos${atResolution}.`;
  }
  const steps = rule.step === 1 ? 'in whole seconds' : `in steps of ${rule.step} seconds`;
  return `${model.label} makes ${rule.min} to ${rule.max} second videos${atResolution} ${steps}.`;
}

function isFilled(text: string | undefined): boolean {
  return typeof text === 'string' && text.trim() !== '';
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Seconds with at most two decimals, rounded down so "at most" stays true: 8.2, 12, 3.33. */
function formatSeconds(seconds: number): string {
  return String(Math.floor(seconds * 100 + 1e-6) / 100);
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
