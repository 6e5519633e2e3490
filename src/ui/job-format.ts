/**
 * How a job reads in the editor: its status line, its settings in words, and the facts shown in
 * the tree's tooltip and the details document. One place, so the tree, the notifications and
 * the details say the same thing.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findImageToVideoModel, VIDEO_TO_VIDEO_MODELS } from '../catalog/models';
import { isActive, type JobRecord } from '../engine/job';

/** What the tree says about a job that was submitted but whose answer never came. */
export function lostText(): string {
  return vscode.l10n.t('submitted, answer lost — check the Magic Hour dashboard');
}

/** The job's state in a few words, with upload or download progress when known. */
export function statusText(job: JobRecord): string {
  switch (job.state) {
    case 'uploading': {
      const percent = percentOf(job.upload);
      return percent === undefined ? vscode.l10n.t('uploading') : vscode.l10n.t('uploading {0}%', percent);
    }
    case 'creating':
      return vscode.l10n.t('starting');
    case 'queued':
      return vscode.l10n.t('queued');
    case 'rendering':
      return vscode.l10n.t('rendering');
    case 'downloading': {
      const percent = percentOf(job.download);
      return percent === undefined
        ? vscode.l10n.t('downloading')
        : vscode.l10n.t('downloading {0}%', percent);
    }
    case 'done':
      return vscode.l10n.t('done');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'lost':
      return lostText();
    case 'unsaved':
      return vscode.l10n.t('rendered, not saved');
    case 'deleted':
      return vscode.l10n.t('deleted on Magic Hour');
    case 'stopped':
      return vscode.l10n.t('stopped tracking');
  }
}

/** Whole percent of a transfer, when its size is known. */
function percentOf(progress: JobRecord['upload']): number | undefined {
  if (!progress?.totalBytes) return undefined;
  return Math.min(100, Math.floor((progress.bytes / progress.totalBytes) * 100));
}

/** The tree's description: status, time taken so far (or in all, once done), and credits. */
export function descriptionText(job: JobRecord, now: number): string {
  const parts = [statusText(job)];
  if (isActive(job.state)) parts.push(formatDuration(now - job.createdAt));
  else if (job.state === 'done') {
    parts.push(vscode.l10n.t('in {0}', formatDuration(finishedAt(job) - job.createdAt)));
  }
  const credits = creditsText(job);
  // A failed job's credits are refunded; a lost one's are unknown until the dashboard is checked.
  if (credits && job.state !== 'failed' && job.state !== 'lost') parts.push(credits);
  return parts.join(' · ');
}

/** `300 credits` once charged, `~300 credits` while only estimated. */
export function creditsText(job: JobRecord): string | undefined {
  if (job.creditsCharged !== undefined) return vscode.l10n.t('{0} credits', job.creditsCharged);
  if (job.creditsEstimated !== undefined) return vscode.l10n.t('~{0} credits', job.creditsEstimated);
  return undefined;
}

/** When the job reached its current state. */
export function finishedAt(job: JobRecord): number {
  return job.history.at(-1)?.at ?? job.updatedAt;
}

/** `42s`, `1m 05s`, `2h 03m`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return vscode.l10n.t('{0}s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return vscode.l10n.t('{0}m {1}s', minutes, String(seconds % 60).padStart(2, '0'));
  return vscode.l10n.t('{0}h {1}m', Math.floor(minutes / 60), String(minutes % 60).padStart(2, '0'));
}

/** The mode as people say it. */
export function modeText(job: JobRecord): string {
  return job.mode === 'image-to-video' ? vscode.l10n.t('Image to video') : vscode.l10n.t('Video to video');
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
  const facts: JobFact[] = [{ label: vscode.l10n.t('Status'), value: statusLine(job) }];
  facts.push(...settingsFacts(job));
  if (job.projectId) facts.push({ label: vscode.l10n.t('Project ID'), value: job.projectId, code: true });
  facts.push({ label: vscode.l10n.t('Source'), value: sourceText(job) });
  if (job.outputPath) facts.push({ label: vscode.l10n.t('Output'), value: job.outputPath });
  else facts.push({ label: vscode.l10n.t('Output folder'), value: job.outputFolder });
  const credits = creditsFact(job);
  if (credits) facts.push({ label: vscode.l10n.t('Credits'), value: credits });
  facts.push({ label: vscode.l10n.t('Submitted'), value: timestamp(job.createdAt) });
  if (!isActive(job.state))
    facts.push({ label: vscode.l10n.t('Finished'), value: timestamp(finishedAt(job)) });
  else facts.push({ label: vscode.l10n.t('Updated'), value: timestamp(job.updatedAt) });
  if (job.error) {
    // The error's message and hint come from the API client and the engine, in English.
    const hint = job.error.hint && !job.error.message.includes(job.error.hint) ? ` ${job.error.hint}` : '';
    facts.push({ label: vscode.l10n.t('Error'), value: `${job.error.message}${hint}` });
  }
  if (job.warning) facts.push({ label: vscode.l10n.t('Note'), value: job.warning });
  return facts;
}

function statusLine(job: JobRecord): string {
  if (job.remoteStatus && isActive(job.state)) {
    return vscode.l10n.t('{0} (Magic Hour says: {1})', statusText(job), job.remoteStatus);
  }
  return statusText(job);
}

function creditsFact(job: JobRecord): string | undefined {
  if (job.creditsCharged !== undefined) {
    return job.state === 'failed'
      ? vscode.l10n.t('{0} charged (refunded on failure)', job.creditsCharged)
      : vscode.l10n.t('{0} charged', job.creditsCharged);
  }
  if (job.creditsEstimated !== undefined) return vscode.l10n.t('about {0} (estimate)', job.creditsEstimated);
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
  const facts: JobFact[] = [{ label: vscode.l10n.t('Mode'), value: modeText(job) }];
  if (job.mode === 'image-to-video') {
    const model = text('model');
    if (model) {
      facts.push({ label: vscode.l10n.t('Model'), value: findImageToVideoModel(model)?.label ?? model });
    }
    const resolution = text('resolution');
    const seconds = number('endSeconds');
    const length = seconds === undefined ? undefined : vscode.l10n.t('{0} s', seconds);
    const shape = [resolution, length].filter(Boolean).join(', ');
    if (shape) facts.push({ label: vscode.l10n.t('Output'), value: shape });
    if (typeof s.audio === 'boolean') {
      facts.push({
        label: vscode.l10n.t('Audio'),
        value: s.audio ? vscode.l10n.t('on') : vscode.l10n.t('off'),
      });
    }
  } else {
    const style = text('artStyle');
    if (style) facts.push({ label: vscode.l10n.t('Art style'), value: style });
    const model = text('model');
    if (model) {
      facts.push({
        label: vscode.l10n.t('Model'),
        value: VIDEO_TO_VIDEO_MODELS.find((m) => m.id === model)?.label ?? model,
      });
    }
    const start = number('startSeconds');
    const end = number('endSeconds');
    if (start !== undefined && end !== undefined) {
      facts.push({ label: vscode.l10n.t('Trim'), value: vscode.l10n.t('{0} s to {1} s', start, end) });
    }
    const version = text('version');
    const fps = text('fpsResolution');
    const details = [
      version && vscode.l10n.t('version {0}', version),
      fps && vscode.l10n.t('{0} frame rate', fps),
    ];
    const joined = details.filter(Boolean).join(', ');
    if (joined) facts.push({ label: vscode.l10n.t('Options'), value: joined });
    const promptType = text('promptType');
    if (promptType && promptType !== 'default') {
      facts.push({ label: vscode.l10n.t('Prompt type'), value: promptType });
    }
  }
  const prompt = text('prompt');
  if (prompt) {
    facts.push({
      label: vscode.l10n.t('Prompt'),
      value: prompt.length > 300 ? `${prompt.slice(0, 300)}…` : prompt,
    });
  }
  return facts;
}

function timestamp(ms: number): string {
  return new Date(ms).toLocaleString();
}
