/** The image-to-video fields: model, resolution, duration and audio follow the chosen model's rules. */
import {
  IMAGE_TO_VIDEO_MODELS,
  RESOLUTIONS,
  allowedDurations,
  audioChoice,
  durationChoices,
  estimateImageToVideoCredits,
  findImageToVideoModel,
  isDurationRange,
  validateImageToVideo,
  type DurationRule,
  type ImageToVideoModel,
  type ImageToVideoSettings,
} from '../../catalog';
import { NAME_MAX_LENGTH, PROMPT_MAX_LENGTH } from '../../catalog/settings';
import { currentLocale, orList, t } from '../../l10n';
import type { ImageToVideoDefaults } from '../../protocol/form';
import { h, formatCredits } from '../shared/dom';
import {
  Field,
  checkbox,
  numberInput,
  readNumber,
  readText,
  select,
  setChoices,
  textArea,
  textInput,
  type Choice,
} from './fields';
import type { ModeSection } from './section';

/** Builds the fields, starting from `defaults`; `sourceCount` images get one job each. */
export function imageToVideoSection(
  defaults: ImageToVideoDefaults,
  sourceCount: number,
  namePlaceholder: string,
): ModeSection<ImageToVideoSettings> {
  const modelChoices: Choice[] = IMAGE_TO_VIDEO_MODELS.map((m) => ({ value: m.id, label: m.label }));
  // A model from a newer API, named in the user's settings, stays selectable.
  if (!findImageToVideoModel(defaults.model)) {
    modelChoices.push({
      value: defaults.model,
      label: t("{0} (not in this version's list)", defaults.model),
    });
  }
  const model = new Field('model', t('Model'), select(modelChoices, defaults.model));
  const resolution = new Field('resolution', t('Resolution'), select([], defaults.resolution));
  const duration = new Field<HTMLInputElement | HTMLSelectElement>(
    'endSeconds',
    t('Duration'),
    numberInput({}),
  );
  const audio = new Field('audio', t('Add audio'), checkbox(defaults.audio ?? false), {
    checkbox: true,
    hint: t('The model can add a soundtrack to the video.'),
  });
  const prompt = new Field(
    'prompt',
    t('Prompt'),
    textArea({
      maxlength: PROMPT_MAX_LENGTH,
      placeholder: t('Describe the motion (optional)'),
      value: defaults.prompt,
    }),
  );
  const name = new Field(
    'name',
    sourceCount > 1 ? t('Name of every job') : t('Name'),
    textInput({ maxlength: NAME_MAX_LENGTH, placeholder: namePlaceholder }),
    { hint: t('Shown on Magic Hour and in the Jobs view.') },
  );

  let lastDuration = defaults.endSeconds;
  let lastResolution = defaults.resolution;

  /** Offers what the chosen model allows, keeping the current values where it allows them. */
  function followModel(): void {
    const chosen = findImageToVideoModel(model.control.value);
    model.setHint([chosen?.note, audioHint(chosen)].filter(Boolean).join(' '));

    const resolutions: string[] = chosen ? [...chosen.resolutions] : [...RESOLUTIONS];
    if (!chosen && !resolutions.includes(lastResolution)) resolutions.push(lastResolution);
    const keepResolution = resolutions.includes(lastResolution)
      ? lastResolution
      : resolutions.includes('720p')
        ? '720p'
        : (resolutions[0] ?? '720p');
    setChoices(
      resolution.control,
      resolutions.map((r) => ({ value: r, label: r })),
      keepResolution,
    );
    resolution.setHint(
      keepResolution === lastResolution
        ? ''
        : chosen
          ? t('{0} does not render at {1}.', chosen.label, lastResolution)
          : t('This model does not render at {0}.', lastResolution),
    );
    lastResolution = resolution.control.value;
    followResolution();

    audio.setHidden(audioChoice(chosen) !== 'toggle');
  }

  /** Offers the durations the model allows at the chosen resolution. */
  function followResolution(): void {
    const chosen = findImageToVideoModel(model.control.value);
    const current = readNumber(duration.control);
    const wanted = Number.isFinite(current) ? current : lastDuration;
    if (!chosen) {
      duration.replaceControl(numberInput({ min: 1, step: 1, value: wanted }));
      duration.setHint(t('Seconds. Magic Hour checks the length for this model.'));
      return;
    }
    const rule = allowedDurations(chosen, resolution.control.value);
    const choices = durationChoices(chosen, resolution.control.value);
    const value = choices.includes(wanted) ? wanted : nearest(choices, wanted);
    if (isDurationRange(rule)) {
      duration.replaceControl(numberInput({ min: rule.min, max: rule.max, step: rule.step, value }));
    } else {
      const items = choices.map((seconds) => ({
        value: String(seconds),
        label: t('{0} seconds', number(seconds)),
      }));
      duration.replaceControl(select(items, String(value)));
    }
    const rules = describeRule(chosen.label, rule);
    duration.setHint(value === wanted ? rules : t('Changed from {0} s: {1}', number(wanted), rules));
  }

  model.control.addEventListener('change', followModel);
  resolution.control.addEventListener('change', () => {
    lastResolution = resolution.control.value;
    resolution.setHint('');
    followResolution();
  });
  // Delegated: the duration control is replaced when the model changes.
  duration.row.addEventListener('change', () => {
    const value = readNumber(duration.control);
    if (Number.isFinite(value)) lastDuration = value;
  });
  followModel();

  const fields = [model, resolution, duration, audio, prompt, name];
  return {
    element: h('div', { class: 'fields' }, ...fields.map((f) => f.row)),
    fields: new Map(fields.map((f) => [f.id, f as Field])),
    read() {
      const chosen = findImageToVideoModel(model.control.value);
      const settings: ImageToVideoSettings = {
        model: model.control.value,
        resolution: resolution.control.value,
        endSeconds: readNumber(duration.control),
      };
      if (audioChoice(chosen) === 'toggle') settings.audio = audio.control.checked;
      const promptText = readText(prompt.control);
      if (promptText !== undefined) settings.prompt = promptText;
      const nameText = readText(name.control);
      if (nameText !== undefined) settings.name = nameText;
      return settings;
    },
    problems: validateImageToVideo,
    estimate(settings) {
      const each = estimateImageToVideoCredits(settings);
      const label = findImageToVideoModel(settings.model)?.label ?? settings.model;
      if (each === undefined) {
        return t(
          'Magic Hour publishes no price for {0} at {1}: the charged credits show after submit.',
          label,
          settings.resolution,
        );
      }
      if (sourceCount === 1) return t('Estimated cost: about {0}.', formatCredits(each));
      return t(
        'Estimated cost: about {0} per image, {1} for {2} images.',
        formatCredits(each),
        formatCredits(each * sourceCount),
        sourceCount,
      );
    },
  };
}

function audioHint(model: ImageToVideoModel | undefined): string {
  if (!model) return '';
  if (model.audio === 'always') return t('It always adds audio.');
  if (model.audio === 'none') return t('It makes silent videos.');
  return '';
}

/** "Kling 2.5 makes 5 or 10 second videos.", "Kling 3.0 makes 3 to 15 second videos, in whole seconds."… */
function describeRule(label: string, rule: DurationRule): string {
  if (!isDurationRange(rule)) return t('{0} makes {1} second videos.', label, orList(rule.map(number)));
  const [min, max] = [number(rule.min), number(rule.max)];
  return rule.step === 1
    ? t('{0} makes {1} to {2} second videos, in whole seconds.', label, min, max)
    : t('{0} makes {1} to {2} second videos, in steps of {3}.', label, min, max, number(rule.step));
}

/** A number of seconds as the user's language writes it. */
function number(value: number): string {
  return value.toLocaleString(currentLocale());
}

/** The allowed value closest to `wanted` (the shorter one on a tie, as it costs less). */
function nearest(choices: readonly number[], wanted: number): number {
  let best = choices[0] ?? wanted;
  for (const choice of choices) {
    if (Math.abs(choice - wanted) < Math.abs(best - wanted)) best = choice;
  }
  return best;
}
