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
    modelChoices.push({ value: defaults.model, label: `${defaults.model} (not in this version's list)` });
  }
  const model = new Field('model', 'Model', select(modelChoices, defaults.model));
  const resolution = new Field('resolution', 'Resolution', select([], defaults.resolution));
  const duration = new Field<HTMLInputElement | HTMLSelectElement>('endSeconds', 'Duration', numberInput({}));
  const audio = new Field('audio', 'Add audio', checkbox(defaults.audio ?? false), {
    checkbox: true,
    hint: 'The model can add a soundtrack to the video.',
  });
  const prompt = new Field(
    'prompt',
    'Prompt',
    textArea({
      maxlength: PROMPT_MAX_LENGTH,
      placeholder: 'Describe the motion (optional)',
      value: defaults.prompt,
    }),
  );
  const name = new Field(
    'name',
    sourceCount > 1 ? 'Name of every job' : 'Name',
    textInput({ maxlength: NAME_MAX_LENGTH, placeholder: namePlaceholder }),
    { hint: 'Shown on Magic Hour and in the Jobs view.' },
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
        : `${chosen?.label ?? 'This model'} does not render at ${lastResolution}.`,
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
      duration.setHint('Seconds. Magic Hour checks the length for this model.');
      return;
    }
    const rule = allowedDurations(chosen, resolution.control.value);
    const choices = durationChoices(chosen, resolution.control.value);
    const value = choices.includes(wanted) ? wanted : nearest(choices, wanted);
    if (isDurationRange(rule)) {
      duration.replaceControl(numberInput({ min: rule.min, max: rule.max, step: rule.step, value }));
    } else {
      const items = choices.map((seconds) => ({ value: String(seconds), label: `${seconds} seconds` }));
      duration.replaceControl(select(items, String(value)));
    }
    const changed = value === wanted ? '' : `Changed from ${wanted} s: `;
    duration.setHint(`${changed}${chosen.label} makes ${describeRule(rule)}.`);
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
        return `Magic Hour publishes no price for ${label} at ${settings.resolution}: the charged credits show after submit.`;
      }
      if (sourceCount === 1) return `Estimated cost: about ${formatCredits(each)}.`;
      return `Estimated cost: about ${formatCredits(each)} per image, ${formatCredits(each * sourceCount)} for ${sourceCount} images.`;
    },
  };
}

function audioHint(model: ImageToVideoModel | undefined): string {
  if (!model) return '';
  if (model.audio === 'always') return 'It always adds audio.';
  if (model.audio === 'none') return 'It makes silent videos.';
  return '';
}

/** "5 or 10 second videos", "3 to 15 second videos in whole seconds"… */
function describeRule(rule: DurationRule): string {
  if (!isDurationRange(rule)) {
    const list = rule.map(String);
    const last = list.pop();
    return `${list.length ? `${list.join(', ')} or ${last}` : last} second videos`;
  }
  const steps = rule.step === 1 ? 'in whole seconds' : `in steps of ${rule.step}`;
  return `${rule.min} to ${rule.max} second videos, ${steps}`;
}

/** The allowed value closest to `wanted` (the shorter one on a tie, as it costs less). */
function nearest(choices: readonly number[], wanted: number): number {
  let best = choices[0] ?? wanted;
  for (const choice of choices) {
    if (Math.abs(choice - wanted) < Math.abs(best - wanted)) best = choice;
  }
  return best;
}
