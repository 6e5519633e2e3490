/**
 * How a job reads in the editor: its status line, its settings in words, and the facts shown in
 * the tree's tooltip and the details document. One place, so the tree, the notifications and
 * the details say the same thing.
 */
import * as path from 'node:path';
import { findImageToVideoModel, VIDEO_TO_VIDEO_MODELS } from '../catalog/models';
import { isActive, type JobRecord } from '../engine/job';

/** What the tree says about a job that was submitted but whose answer never came. */
export const LOST_TEXT = 'submitted, answer lost — check the Magic Hour dashboard';

/** The job's state in a few words, with upload or download progress when known. */
export function statusText(job: JobRecord): string {
  switch (job.state) {
    case 'uploading':
      return withPercent('uploading', job.upload);
    case 'creating':
      return 'starting';
    case 'queued':
      return 'queued';
    case 'rendering':
      return 'rendering';
    case 'downloading':
      return withPercent('downloading', job.download);
    case 'done':
      return 'done';
    case 'failed':
      return 'failed';
    case 'lost':
      return LOST_TEXT;
    case 'unsaved':
      return 'rendered, not saved';
    case 'deleted':
      return 'deleted on Magic Hour';
    case 'stopped':
      return 'stopped tracking';
  }
}

function withPercent(word: string, progress: JobRecord['upload']): string {
  if (!progress?.totalBytes) return word;
  const percent = Math.min(100, Math.floor((progress.bytes / progress.totalBytes) * 100));
  return `${word} ${percent}%`;
}

/** The tree's description: status, time taken so far (or in all, once done), and credits. */
export function descriptionText(job: JobRecord, now: number): string {
  const parts = [statusText(job)];
  if (isActive(job.state)) parts.push(formatDuration(now - job.createdAt));
  else if (job.state === 'done') parts.push(`in ${formatDuration(finishedAt(job) - job.createdAt)}`);
  const credits = creditsText(job);
  // A failed job's credits are refunded; a lost one's are unknown until the dashboard is checked.
  if (credits && job.state !== 'failed' && job.state !== 'lost') parts.push(credits);
  return parts.join(' · ');
}

/** `300 credits` once charged, `~300 credits` while only estimated. */
export function creditsText(job: JobRecord): string | undefined {
  if (job.creditsCharged !== undefined) return `${job.creditsCharged} credits`;
  if (job.creditsEstimated !== undefined) return `~${job.creditsEstimated} credits`;
  return undefined;
}

/** When the job reached its current state. */
export function finishedAt(job: JobRecord): number {
  return job.history.at(-1)?.at ?? job.updatedAt;
}

/** `42s`, `1m 05s`, `2h 03m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** The mode as people say it. */
export function modeText(job: JobRecord): string {
  return job.mode === 'image-to-video' ? 'Image to video' : 'Video to video';
}

/** The job's source: a file path or a URL. */
export function sourceText(job: JobRecord): string {
  return job.source.kind === 'file' ? job.source.path : job.source.url;
}

/** The source's short name (file name or URL). */
export function sourceName(job: JobRecord): string {
  return job.source.kind === 'file' ? path.basename(job.source.path) : job.source.url;
}

/** One labelled fact about a job; `code` values are shown in monospace. */
export interface JobFact {
  label: string;
  value: string;
  code?: boolean;
}

/** Everything worth knowing about a job, in the order the tooltip and the details show it. */
export function jobFacts(job: JobRecord): JobFact[] {
  const facts: JobFact[] = [{ label: 'Status', value: statusLine(job) }];
  facts.push(...settingsFacts(job));
  if (job.projectId) facts.push({ label: 'Project ID', value: job.projectId, code: true });
  facts.push({ label: 'Source', value: sourceText(job) });
  if (job.outputPath) facts.push({ label: 'Output', value: job.outputPath });
  else facts.push({ label: 'Output folder', value: job.outputFolder });
  const credits = creditsFact(job);
  if (credits) facts.push({ label: 'Credits', value: credits });
  facts.push({ label: 'Submitted', value: timestamp(job.createdAt) });
  if (!isActive(job.state)) facts.push({ label: 'Finished', value: timestamp(finishedAt(job)) });
  else facts.push({ label: 'Updated', value: timestamp(job.updatedAt) });
  if (job.error) {
    const hint = job.error.hint && !job.error.message.includes(job.error.hint) ? ` ${job.error.hint}` : '';
    facts.push({ label: 'Error', value: `${job.error.message}${hint}` });
  }
  if (job.warning) facts.push({ label: 'Note', value: job.warning });
  return facts;
}

function statusLine(job: JobRecord): string {
  const remote = job.remoteStatus && isActive(job.state) ? ` (Magic Hour says: ${job.remoteStatus})` : '';
  return `${statusText(job)}${remote}`;
}

function creditsFact(job: JobRecord): string | undefined {
  if (job.creditsCharged !== undefined) {
    const refunded = job.state === 'failed' ? ' (refunded on failure)' : '';
    return `${job.creditsCharged} charged${refunded}`;
  }
  if (job.creditsEstimated !== undefined) return `about ${job.creditsEstimated} (estimate)`;
  return undefined;
}

/** The form's settings, in words. Unknown values (from a newer API) are shown as they are. */
export function settingsFacts(job: JobRecord): JobFact[] {
  const s = job.settings;
  const text = (key: string): string | undefined => {
    const value = s[key];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  const number = (key: string): number | undefined =>
    typeof s[key] === 'number' ? (s[key] as number) : undefined;
  const facts: JobFact[] = [{ label: 'Mode', value: modeText(job) }];
  if (job.mode === 'image-to-video') {
    const model = text('model');
    if (model) facts.push({ label: 'Model', value: findImageToVideoModel(model)?.label ?? model });
    const resolution = text('resolution');
    const seconds = number('endSeconds');
    const shape = [resolution, seconds === undefined ? undefined : `${seconds} s`].filter(Boolean).join(', ');
    if (shape) facts.push({ label: 'Output', value: shape });
    if (typeof s.audio === 'boolean') facts.push({ label: 'Audio', value: s.audio ? 'on' : 'off' });
  } else {
    const style = text('artStyle');
    if (style) facts.push({ label: 'Art style', value: style });
    const model = text('model');
    if (model) {
      facts.push({
        label: 'Model',
        value: VIDEO_TO_VIDEO_MODELS.find((m) => m.id === model)?.label ?? model,
      });
    }
    const start = number('startSeconds');
    const end = number('endSeconds');
    if (start !== undefined && end !== undefined) {
      facts.push({ label: 'Trim', value: `${start} s to ${end} s` });
    }
    const details = [
      text('version') && `version ${text('version')}`,
      text('fpsResolution') && `${text('fpsResolution')} frame rate`,
    ];
    const joined = details.filter(Boolean).join(', ');
    if (joined) facts.push({ label: 'Options', value: joined });
    const promptType = text('promptType');
    if (promptType && promptType !== 'default') facts.push({ label: 'Prompt type', value: promptType });
  }
  const prompt = text('prompt');
  if (prompt) {
    facts.push({ label: 'Prompt', value: prompt.length > 300 ? `${prompt.slice(0, 300)}…` : prompt });
  }
  return facts;
}

function timestamp(ms: number): string {
  return new Date(ms).toLocaleString();
}
