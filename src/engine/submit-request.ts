import {
  imageToVideoSettingsSchema,
  videoToVideoSettingsSchema,
  type ImageToVideoSettings,
  type VideoToVideoSettings,
} from '../catalog/settings';
import { validateImageToVideo, validateVideoToVideo, type Problem } from '../catalog/validate';

/** Where a job's input comes from, as the user chose it. */
export type SourceInput =
  { kind: 'file'; path: string } | { kind: 'url'; url: string } | { kind: 'youtube'; url: string };

/** What a user asks for: a mode, a source, the form's settings and where the output goes. */
export type SubmitRequest =
  | { mode: 'image-to-video'; source: SourceInput; settings: ImageToVideoSettings; outputFolder?: string }
  | { mode: 'video-to-video'; source: SourceInput; settings: VideoToVideoSettings; outputFolder?: string };

/** Settings that break the catalog's rules; `problems` name the fields. */
export class InvalidSettingsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'InvalidSettingsError';
  }
}

/**
 * The request's settings, checked again whatever the form said (the webview is untrusted):
 * their shape by the zod schema, then the model's limits by the catalog.
 */
export function checkSettings(request: SubmitRequest): ImageToVideoSettings | VideoToVideoSettings {
  if (request.mode === 'image-to-video') {
    const settings = imageToVideoSettingsSchema.parse(request.settings);
    const problems = validateImageToVideo(settings);
    if (problems.length) throw new InvalidSettingsError(problems);
    return settings;
  }
  const settings = videoToVideoSettingsSchema.parse(request.settings);
  const problems = validateVideoToVideo(settings);
  if (problems.length) throw new InvalidSettingsError(problems);
  return settings;
}
