/**
 * What a create costs and what it renders to. The numbers are plausible rather than exact:
 * tests need a stable, predictable `credits_charged`, not Magic Hour's price list.
 */
import type { ImageToVideoRequest, VideoToVideoRequest } from './validation';

/** The default model's published price per 5 seconds, used for models with no published price. */
const FALLBACK_CREDITS_PER_FIVE_SECONDS: Record<string, number> = { '480p': 120, '720p': 300, '1080p': 600 };

/** Output geometry stored on a project and shown by `GET /v1/video-projects/:id`. */
export interface RenderShape {
  startSeconds: number;
  endSeconds: number;
  fps: number;
  width: number;
  height: number;
}

/** Image-to-video: the model's price per 5 seconds at the resolution, pro-rated per second. */
export function imageToVideoCredits(request: ImageToVideoRequest): number {
  const perFive =
    request.model.creditsPerFiveSeconds?.[request.resolution] ??
    FALLBACK_CREDITS_PER_FIVE_SECONDS[request.resolution] ??
    300;
  return Math.round((perFive * request.endSeconds) / 5);
}

/** Video-to-video: one credit per output frame (30 fps, or 15 at HALF), as "frames" were the old unit. */
export function videoToVideoCredits(request: VideoToVideoRequest): number {
  return Math.ceil((request.endSeconds - request.startSeconds) * videoToVideoFps(request));
}

function videoToVideoFps(request: VideoToVideoRequest): number {
  return request.fpsResolution === 'HALF' ? 15 : 30;
}

const HEIGHTS: Record<string, number> = { '480p': 480, '720p': 720, '1080p': 1080 };

export function imageToVideoShape(request: ImageToVideoRequest): RenderShape {
  const height = HEIGHTS[request.resolution] ?? 720;
  return {
    startSeconds: 0,
    endSeconds: request.endSeconds,
    fps: request.resolution === '480p' ? 24 : 30,
    width: Math.round((height * 16) / 9),
    height,
  };
}

export function videoToVideoShape(request: VideoToVideoRequest): RenderShape {
  return {
    startSeconds: request.startSeconds,
    endSeconds: request.endSeconds,
    fps: videoToVideoFps(request),
    width: 1280,
    height: 720,
  };
}
