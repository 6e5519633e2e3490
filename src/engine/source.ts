import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { currentLocale, t } from '../l10n';
import type { JobSource, Mode } from './job';
import type { SourceInput } from './submit-request';

/** Image extensions Magic Hour accepts for upload (lower case, no dot). */
export const IMAGE_EXTENSIONS = [
  'png',
  'jpg',
  'jpeg',
  'webp',
  'avif',
  'jp2',
  'tiff',
  'bmp',
  'heic',
  'heif',
  'gif',
];
/** Video extensions Magic Hour accepts for upload. */
export const VIDEO_EXTENSIONS = ['mp4', 'm4v', 'mov', 'webm'];

/** 2 GB: the Creator plan's upload cap, the default limit before anything is uploaded. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1000 ** 3;

/** A problem with the file the user chose, found before anything was uploaded. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

/** The extension without its dot, lower case (`Cat.PNG` → `png`). */
export function extensionOf(file: string): string {
  return path.extname(file).slice(1).toLowerCase();
}

/** The kind of asset a mode uploads. */
export function assetTypeFor(mode: Mode): 'image' | 'video' {
  return mode === 'image-to-video' ? 'image' : 'video';
}

/** Megabytes with one decimal, for messages: `2000.0 MB`. */
function megabytes(count: number): string {
  const value = (count / 1000 ** 2).toLocaleString(currentLocale(), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  });
  return t('{0} MB', value);
}

/** An exact size, for messages: `2,000,000,001 bytes`. */
function bytes(count: number): string {
  return t('{0} bytes', count.toLocaleString(currentLocale()));
}

/**
 * Checks a file the user chose for a mode and records its size and time, so a later change
 * is noticed before upload. Throws {@link SourceError} with a message for the user.
 */
export async function inspectSource(file: string, mode: Mode, maxBytes: number): Promise<JobSource> {
  const name = path.basename(file);
  const ext = extensionOf(file);
  const allowed = mode === 'image-to-video' ? IMAGE_EXTENSIONS : VIDEO_EXTENSIONS;
  if (!allowed.includes(ext)) {
    const types = allowed.join(', ');
    throw new SourceError(
      mode === 'image-to-video'
        ? t('{0} is not an image Magic Hour accepts ({1}).', name, types)
        : t('{0} is not a video Magic Hour accepts ({1}).', name, types),
    );
  }
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new SourceError(t('{0} does not exist any more.', name));
  if (!stat.isFile()) throw new SourceError(t('{0} is not a file.', name));
  if (stat.size === 0) throw new SourceError(t('{0} is empty (0 bytes).', name));
  if (stat.size > maxBytes) {
    let [size, limit] = [megabytes(stat.size), megabytes(maxBytes)];
    // Just over the limit, both round alike ("2000.0 MB, more than 2000.0 MB"): give the bytes.
    if (size === limit) [size, limit] = [bytes(stat.size), bytes(maxBytes)];
    throw new SourceError(
      t(
        '{0} is {1}, more than your upload limit of {2} (setting magicHour.maxUploadSizeMB).',
        name,
        size,
        limit,
      ),
    );
  }
  return { kind: 'file', path: file, size: stat.size, mtimeMs: stat.mtimeMs };
}

/** Throws {@link SourceError} when the file was deleted or changed since it was chosen. */
export async function assertUnchanged(source: JobSource & { kind: 'file' }): Promise<void> {
  const name = path.basename(source.path);
  const stat = await fs.stat(source.path).catch(() => undefined);
  if (!stat) throw new SourceError(t('{0} was deleted or moved before it could be uploaded.', name));
  if (stat.size !== source.size || stat.mtimeMs !== source.mtimeMs) {
    throw new SourceError(
      t('{0} changed after it was chosen. Start the job again to use the new version.', name),
    );
  }
}

/** Checks a source given as a link: https only, and a YouTube link only for video to video. */
export function inspectUrlSource(source: Exclude<SourceInput, { kind: 'file' }>, mode: Mode): JobSource {
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    throw new SourceError(t('{0} is not a URL.', source.url));
  }
  if (url.protocol !== 'https:') throw new SourceError(t('Only https URLs can be sent to Magic Hour.'));
  if (source.kind === 'youtube') {
    if (mode !== 'video-to-video') {
      throw new SourceError(t('A YouTube video can only be used for video to video.'));
    }
    if (!/(^|\.)(youtube\.com|youtu\.be)$/.test(url.hostname)) {
      throw new SourceError(t('{0} is not a YouTube link.', source.url));
    }
  }
  return { kind: source.kind, url: url.toString() };
}
