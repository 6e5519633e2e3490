import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { t } from '../l10n';

/** Errors from the disk, not the network: the clip rendered but could not be written. */
const DISK_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EFBIG']);

/** True when `error` says the disk refused the write (full, read-only, no permission). */
export function isDiskError(error: unknown): boolean {
  return DISK_ERRORS.has((error as NodeJS.ErrnoException)?.code ?? '');
}

/**
 * Makes a file name part that cannot leave its folder or surprise a shell: no separators, no
 * control or reserved characters, no leading dots or dashes, at most 120 characters.
 */
export function safeStem(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '_')
    .replace(/^[\s.-]+/, '')
    .replace(/[\s.]+$/, '')
    .trim();
  const short = Array.from(cleaned).slice(0, 120).join('');
  return short || 'magic-hour';
}

/** `cat.png` + image-to-video → `cat.image-to-video`: the output's name before ` (2)` and `.mp4`. */
export function outputStem(sourceName: string, mode: string): string {
  const base = path.basename(sourceName);
  const ext = path.extname(base);
  return `${safeStem(ext ? base.slice(0, -ext.length) : base)}.${safeStem(mode)}`;
}

/** The hidden file a download streams into, in the target folder (so publishing is a link). */
export function tempPathFor(folder: string, stem: string, jobId: string): string {
  return path.join(folder, `.${stem}.${jobId}.part`);
}

/** `cat.image-to-video.mp4`, then `cat.image-to-video (2).mp4`, `(3)`… */
export function candidateName(stem: string, n: number): string {
  return n <= 1 ? `${stem}.mp4` : `${stem} (${n}).mp4`;
}

/**
 * Publishes a finished temp file under the first free name in `folder`, never overwriting: a
 * hard link fails if the name exists, even when another process takes it at the same moment.
 * Where hard links are not supported, the name is reserved with an exclusive create and the
 * temp file renamed onto the reservation. Returns the final path; the temp file is gone after.
 */
export async function publishExclusive(tempPath: string, folder: string, stem: string): Promise<string> {
  const root = path.resolve(folder);
  for (let n = 1; n < 10_000; n++) {
    const finalPath = path.join(root, candidateName(stem, n));
    if (path.dirname(finalPath) !== root) throw new Error(`Refusing to write outside ${root}: ${finalPath}`);
    try {
      await fs.link(tempPath, finalPath);
      await fs.rm(tempPath, { force: true });
      return finalPath;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    }
    // No hard links here (FAT, some network drives): reserve the name, then move onto it.
    try {
      await (await fs.open(finalPath, 'wx')).close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await fs.rename(tempPath, finalPath);
    return finalPath;
  }
  throw new Error(t('No free name for {0} in {1}', `${stem}.mp4`, root));
}

/** Flushes a file's data to the disk. */
export async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
