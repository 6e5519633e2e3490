/** The video-to-video fields: trim window (bounded by the clip's length), style, model and prompt. */
import {
  FPS_RESOLUTIONS,
  PROMPT_TYPES,
  PROMPT_TYPES_NEEDING_A_PROMPT,
  VERSIONS,
  VIDEO_TO_VIDEO_MODELS,
  validateVideoToVideo,
  type LabeledValue,
  type VideoToVideoSettings,
} from '../../catalog';
import { NAME_MAX_LENGTH, PROMPT_MAX_LENGTH } from '../../catalog/settings';
import type { VideoToVideoDefaults } from '../../protocol/form';
import { formatSeconds, h } from '../shared/dom';
import { artStylePicker } from './art-style-picker';
import { Field, numberInput, readNumber, readText, select, textArea, textInput, type Choice } from './fields';
import type { ModeSection } from './section';

/** Trim times are entered to a tenth of a second. */
const TRIM_STEP = 0.1;

/**
 * Builds the fields, starting from `defaults`. `lengthKnown` is false for a YouTube link:
 * nothing tells the form how long that video is.
 */
export function videoToVideoSection(
  defaults: VideoToVideoDefaults,
  sourceCount: number,
  namePlaceholder: string,
  lengthKnown: boolean,
): ModeSection<VideoToVideoSettings> {
  let sourceDuration: number | undefined;
  let endEdited = false;

  const start = new Field('startSeconds', 'Start', numberInput({ min: 0, step: TRIM_STEP, value: 0 }), {
    hint: 'Seconds into the clip.',
  });
  const end = new Field('endSeconds', 'End', numberInput({ min: TRIM_STEP, step: TRIM_STEP }), {
    hint: lengthKnown
      ? 'Reading the length of the clip…'
      : 'Seconds into the video. Its length is not known here: Magic Hour checks it.',
  });
  const picker = artStylePicker(defaults.artStyle);
  const artStyle = new Field('artStyle', 'Art style', picker.list, { extra: picker.filter });
  const model = new Field(
    'model',
    'Model',
    select(choicesOf(VIDEO_TO_VIDEO_MODELS, defaults.model), defaults.model),
  );
  const promptType = new Field(
    'promptType',
    'Prompt type',
    select(choicesOf(PROMPT_TYPES, defaults.promptType), defaults.promptType),
  );
  const prompt = new Field(
    'prompt',
    'Prompt',
    textArea({
      maxlength: PROMPT_MAX_LENGTH,
      placeholder: 'Describe the look you want',
      value: defaults.prompt,
    }),
  );
  const version = new Field(
    'version',
    'Version',
    select(choicesOf(VERSIONS, defaults.version), defaults.version),
  );
  const fps = new Field(
    'fpsResolution',
    'Frame rate',
    select(choicesOf(FPS_RESOLUTIONS, defaults.fpsResolution), defaults.fpsResolution),
  );
  const name = new Field(
    'name',
    sourceCount > 1 ? 'Name of every job' : 'Name',
    textInput({ maxlength: NAME_MAX_LENGTH, placeholder: namePlaceholder }),
    { hint: 'Shown on Magic Hour and in the Jobs view.' },
  );

  /** The prompt is required for some prompt types and says so. */
  function followPromptType(): void {
    const needed = PROMPT_TYPES_NEEDING_A_PROMPT.includes(promptType.control.value);
    prompt.control.required = needed;
    prompt.setHint(
      needed ? 'Required for this prompt type.' : "Optional: the art style's own prompt is used.",
    );
    prompt.row.classList.toggle('required', needed);
  }
  promptType.control.addEventListener('change', followPromptType);
  followPromptType();
  end.control.addEventListener('input', () => (endEdited = true));

  const fields = [start, end, artStyle, model, promptType, prompt, version, fps, name];
  const trim = h('div', { class: 'trim' }, start.row, end.row);
  return {
    element: h('div', { class: 'fields' }, trim, ...fields.slice(2).map((f) => f.row)),
    fields: new Map(fields.map((f) => [f.id, f as Field])),
    read() {
      const settings: VideoToVideoSettings = {
        startSeconds: readNumber(start.control),
        endSeconds: readNumber(end.control),
        artStyle: artStyle.control.value,
        model: model.control.value,
        promptType: promptType.control.value,
        version: version.control.value,
        fpsResolution: fps.control.value,
      };
      if (sourceDuration !== undefined) settings.sourceDurationSeconds = sourceDuration;
      const promptText = readText(prompt.control);
      if (promptText !== undefined) settings.prompt = promptText;
      const nameText = readText(name.control);
      if (nameText !== undefined) settings.name = nameText;
      return settings;
    },
    problems: validateVideoToVideo,
    estimate() {
      const jobs = sourceCount > 1 ? `${sourceCount} jobs` : 'this job';
      return `Magic Hour publishes no price for video to video: the credits charged for ${jobs} show after submit.`;
    },
    setSourceDuration(seconds) {
      // Rounded down to what the fields show, so "the whole clip" stays inside the clip.
      sourceDuration = Math.floor(seconds * 100) / 100;
      const max = Math.floor(seconds * 10) / 10;
      start.control.max = String(max);
      end.control.max = String(max);
      const many = sourceCount > 1 ? 'The shortest clip is' : 'The clip is';
      end.setHint(`${many} ${formatSeconds(seconds)} long.`);
      if (!endEdited) end.control.value = String(max);
    },
  };
}

/** Select choices for catalog values, plus the current value if it is one the catalog lacks. */
function choicesOf(values: readonly LabeledValue[], current: string): Choice[] {
  const choices = values.map((v) => ({ value: v.id, label: v.label }));
  if (!choices.some((c) => c.value === current)) choices.push({ value: current, label: current });
  return choices;
}
