/** The job's facts under the videos: state, credits and each setting, in words. */
import {
  FPS_RESOLUTIONS,
  PROMPT_TYPES,
  VERSIONS,
  VIDEO_TO_VIDEO_MODELS,
  findImageToVideoModel,
  type LabeledValue,
} from '../../catalog';
import type { PreviewJob } from '../../protocol/preview';
import { formatCredits, h } from '../shared/dom';
import { STATE_TEXT } from '../shared/state-text';

type SettingValue = PreviewJob['settings'][string];

/** How each known setting is named and shown; others appear under their own key. */
const SETTING_ROWS: Record<
  string,
  { label: string; show?: (value: SettingValue, job: PreviewJob) => string }
> = {
  model: {
    label: 'Model',
    show: (value, job) =>
      job.mode === 'image-to-video'
        ? (findImageToVideoModel(String(value))?.label ?? String(value))
        : labelOf(VIDEO_TO_VIDEO_MODELS, value),
  },
  artStyle: { label: 'Art style' },
  resolution: { label: 'Resolution' },
  endSeconds: { label: 'Duration', show: seconds },
  audio: { label: 'Audio', show: (value) => (value ? 'On' : 'Off') },
  promptType: { label: 'Prompt type', show: (value) => labelOf(PROMPT_TYPES, value) },
  prompt: { label: 'Prompt' },
  version: { label: 'Version', show: (value) => labelOf(VERSIONS, value) },
  fpsResolution: { label: 'Frame rate', show: (value) => labelOf(FPS_RESOLUTIONS, value) },
  sourceDurationSeconds: { label: 'Source length', show: seconds },
};

/** A definition list of the job's state, credits and settings. */
export function jobDetails(job: PreviewJob): HTMLElement {
  const rows: [string, string][] = [['State', STATE_TEXT[job.state]]];
  if (job.error) rows.push(['Problem', job.error]);
  if (job.creditsCharged !== undefined) rows.push(['Credits charged', formatCredits(job.creditsCharged)]);
  else if (job.creditsEstimated !== undefined) {
    rows.push(['Credits (estimate)', `about ${formatCredits(job.creditsEstimated)}`]);
  }
  // Video to video trims the source: one row for the window reads better than two.
  const { startSeconds, endSeconds } = job.settings;
  const trimmed =
    job.mode === 'video-to-video' && typeof startSeconds === 'number' && typeof endSeconds === 'number';
  if (trimmed) rows.push(['Trim', `${seconds(startSeconds)} to ${seconds(endSeconds)} of the source`]);
  for (const [key, value] of Object.entries(job.settings)) {
    if (key === 'name' || value === null || value === '') continue;
    if (trimmed && (key === 'startSeconds' || key === 'endSeconds')) continue;
    const row = SETTING_ROWS[key];
    rows.push([row?.label ?? key, row?.show ? row.show(value, job) : String(value)]);
  }
  rows.push(['Created', new Date(job.createdAt).toLocaleString()]);
  if (job.projectId) rows.push(['Project id', job.projectId]);
  return h(
    'dl',
    { class: 'details' },
    ...rows.flatMap(([term, detail]) => [h('dt', {}, term), h('dd', {}, detail)]),
  );
}

/** Seconds with at most two decimals: 2.03 s. */
function seconds(value: SettingValue): string {
  return typeof value === 'number' ? `${Math.round(value * 100) / 100} s` : `${String(value)} s`;
}

function labelOf(values: readonly LabeledValue[], value: SettingValue): string {
  return values.find((v) => v.id === value)?.label ?? String(value);
}
