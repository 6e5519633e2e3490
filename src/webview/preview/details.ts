/** The job's facts under the videos: state, credits and each setting, in words. */
import {
  FPS_RESOLUTIONS,
  PROMPT_TYPES,
  VERSIONS,
  VIDEO_TO_VIDEO_MODELS,
  findImageToVideoModel,
  type LabeledValue,
} from '../../catalog';
import { currentLocale, t } from '../../l10n';
import type { PreviewJob } from '../../protocol/preview';
import { formatCredits, h } from '../shared/dom';
import { stateText } from '../shared/state-text';

type SettingValue = PreviewJob['settings'][string];

/** How each known setting is named and shown; others appear under their own key. */
function settingRows(): Record<
  string,
  { label: string; show?: (value: SettingValue, job: PreviewJob) => string }
> {
  return {
    model: {
      label: t('Model'),
      show: (value, job) =>
        job.mode === 'image-to-video'
          ? (findImageToVideoModel(String(value))?.label ?? String(value))
          : labelOf(VIDEO_TO_VIDEO_MODELS, value),
    },
    artStyle: { label: t('Art style') },
    resolution: { label: t('Resolution') },
    endSeconds: { label: t('Duration'), show: seconds },
    audio: { label: t('Audio'), show: (value) => (value ? t('On') : t('Off')) },
    promptType: { label: t('Prompt type'), show: (value) => labelOf(PROMPT_TYPES, value) },
    prompt: { label: t('Prompt') },
    version: { label: t('Version'), show: (value) => labelOf(VERSIONS, value) },
    fpsResolution: { label: t('Frame rate'), show: (value) => labelOf(FPS_RESOLUTIONS, value) },
    sourceDurationSeconds: { label: t('Source length'), show: seconds },
  };
}

/** A definition list of the job's state, credits and settings. */
export function jobDetails(job: PreviewJob): HTMLElement {
  const rows: [string, string][] = [[t('State'), stateText(job.state)]];
  if (job.error) rows.push([t('Problem'), job.error]);
  if (job.creditsCharged !== undefined) rows.push([t('Credits charged'), formatCredits(job.creditsCharged)]);
  else if (job.creditsEstimated !== undefined) {
    rows.push([t('Credits (estimate)'), t('about {0}', formatCredits(job.creditsEstimated))]);
  }
  // Video to video trims the source: one row for the window reads better than two.
  const { startSeconds, endSeconds } = job.settings;
  const trimmed =
    job.mode === 'video-to-video' && typeof startSeconds === 'number' && typeof endSeconds === 'number';
  if (trimmed) {
    rows.push([t('Trim'), t('{0} to {1} of the source', seconds(startSeconds), seconds(endSeconds))]);
  }
  const known = settingRows();
  for (const [key, value] of Object.entries(job.settings)) {
    if (key === 'name' || value === null || value === '') continue;
    if (trimmed && (key === 'startSeconds' || key === 'endSeconds')) continue;
    const row = Object.hasOwn(known, key) ? known[key] : undefined;
    rows.push([row?.label ?? key, row?.show ? row.show(value, job) : String(value)]);
  }
  rows.push([t('Created'), new Date(job.createdAt).toLocaleString(currentLocale())]);
  if (job.projectId) rows.push([t('Project id'), job.projectId]);
  return h(
    'dl',
    { class: 'details' },
    ...rows.flatMap(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)]),
  );
}

/** Seconds with at most two decimals: 2.03 s. */
function seconds(value: SettingValue): string {
  return t(
    '{0} s',
    typeof value === 'number'
      ? (Math.round(value * 100) / 100).toLocaleString(currentLocale(), { useGrouping: false })
      : String(value),
  );
}

function labelOf(values: readonly LabeledValue[], value: SettingValue): string {
  return values.find((v) => v.id === value)?.label ?? String(value);
}
