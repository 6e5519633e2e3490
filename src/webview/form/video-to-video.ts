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
import { t } from '../../l10n';
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

  const start = new Field('startSeconds', t('Start'), numberInput({ min: 0, step: TRIM_STEP, value: 0 }), {
    hint: t('Seconds into the clip.'),
  });
  const end = new Field('endSeconds', t('End'), numberInput({ min: TRIM_STEP, step: TRIM_STEP }), {
    hint: lengthKnown
      ? t('Reading the length of the clip…')
      : t('Seconds into the video. Its length is not known here: Magic Hour checks it.'),
  });
  const picker = artStylePicker(defaults.artStyle);
  const artStyle = new Field('artStyle', t('Art style'), picker.list, { extra: picker.filter });
  const model = new Field(
    'model',
    t('Model'),
    select(choicesOf(VIDEO_TO_VIDEO_MODELS, defaults.model), defaults.model),
  );
  const promptType = new Field(
    'promptType',
    t('Prompt type'),
    select(choicesOf(PROMPT_TYPES, defaults.promptType), defaults.promptType),
  );
  const prompt = new Field(
    'prompt',
    t('Prompt'),
    textArea({
      maxlength: PROMPT_MAX_LENGTH,
      placeholder: t('Describe the look you want'),
      value: defaults.prompt,
    }),
  );
  const version = new Field(
    'version',
    t('Version'),
    select(choicesOf(VERSIONS, defaults.version), defaults.version),
  );
  const fps = new Field(
    'fpsResolution',
    t('Frame rate'),
    select(choicesOf(FPS_RESOLUTIONS, defaults.fpsResolution), defaults.fpsResolution),
  );
  const name = new Field(
    'name',
    sourceCount > 1 ? t('Name of every job') : t('Name'),
    textInput({ maxlength: NAME_MAX_LENGTH, placeholder: namePlaceholder }),
    { hint: t('Shown on Magic Hour and in the Jobs view.') },
  );

  /** The prompt is required for some prompt types and says so. */
  function followPromptType(): void {
    const needed = PROMPT_TYPES_NEEDING_A_PROMPT.includes(promptType.control.value);
    prompt.control.required = needed;
    prompt.setHint(
      needed ? t('Required for this prompt type.') : t("Optional: the art style's own prompt is used."),
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
      return sourceCount > 1
        ? t(
            'Magic Hour publishes no price for video to video: the credits charged for {0} jobs show after submit.',
            sourceCount,
          )
        : t(
            'Magic Hour publishes no price for video to video: the credits charged for this job show after submit.',
          );
    },
    setSourceDuration(seconds) {
      // Rounded down to what the fields show, so "the whole clip" stays inside the clip.
      sourceDuration = Math.floor(seconds * 100) / 100;
      const max = Math.floor(seconds * 10) / 10;
      start.control.max = String(max);
      end.control.max = String(max);
      const length = formatSeconds(seconds);
      end.setHint(
        sourceCount > 1 ? t('The shortest clip is {0} long.', length) : t('The clip is {0} long.', length),
      );
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
