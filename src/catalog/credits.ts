import { findImageToVideoModel, isResolution } from './models';
import type { ImageToVideoSettings, VideoToVideoSettings } from './settings';

/**
 * Credits an image-to-video job should cost, pro-rated per second from the model's published
 * price; undefined when no price is published for that model and resolution.
 */
export function estimateImageToVideoCredits(
  settings: Pick<ImageToVideoSettings, 'model' | 'resolution' | 'endSeconds'>,
): number | undefined {
  const resolution = settings.resolution;
  if (!isResolution(resolution)) return undefined;
  const perFiveSeconds = findImageToVideoModel(settings.model)?.creditsPerFiveSeconds?.[resolution];
  if (perFiveSeconds === undefined) return undefined;
  if (!Number.isFinite(settings.endSeconds) || settings.endSeconds <= 0) return undefined;
  return Math.round((perFiveSeconds * settings.endSeconds) / 5);
}

/** Credits a video-to-video job should cost: always undefined, as Magic Hour publishes no rate for it. */
export function estimateVideoToVideoCredits(_settings: VideoToVideoSettings): number | undefined {
  return undefined;
}
