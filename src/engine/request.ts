import type { ImageToVideoRequest, VideoToVideoRequest } from '../api/schemas';
import { audioChoice, findImageToVideoModel } from '../catalog/models';
import type { ImageToVideoSettings, VideoToVideoSettings } from '../catalog/settings';
import type { JobSource } from './job';

/** The asset the create request names: an uploaded `file_path`, an https URL or a YouTube URL. */
export type Asset = { kind: 'path'; value: string } | { kind: 'youtube'; url: string };

/** The asset for a source once its upload (if any) is done. */
export function assetFor(source: JobSource, uploadedPath: string | undefined): Asset {
  if (source.kind === 'youtube') return { kind: 'youtube', url: source.url };
  if (source.kind === 'url') return { kind: 'path', value: source.url };
  if (!uploadedPath) throw new Error('The file was not uploaded yet');
  return { kind: 'path', value: uploadedPath };
}

/** The image-to-video create body for the user's settings. */
export function imageToVideoRequest(
  settings: ImageToVideoSettings,
  asset: Asset,
  name: string,
): ImageToVideoRequest {
  if (asset.kind !== 'path') throw new Error('Image to video needs an image file or URL');
  const request: ImageToVideoRequest = {
    name,
    assets: { image_file_path: asset.value },
    end_seconds: settings.endSeconds,
    resolution: settings.resolution,
    model: settings.model,
  };
  // Send `audio` only where the user has a choice: the API rejects it for some models.
  if (audioChoice(findImageToVideoModel(settings.model)) === 'toggle' && settings.audio !== undefined) {
    request.audio = settings.audio;
  }
  if (settings.prompt?.trim()) request.style = { prompt: settings.prompt.trim() };
  return request;
}

/** The video-to-video create body for the user's settings. */
export function videoToVideoRequest(
  settings: VideoToVideoSettings,
  asset: Asset,
  name: string,
): VideoToVideoRequest {
  const prompt = settings.prompt?.trim();
  return {
    name,
    assets:
      asset.kind === 'youtube'
        ? { video_source: 'youtube', youtube_url: asset.url }
        : { video_source: 'file', video_file_path: asset.value },
    start_seconds: settings.startSeconds,
    end_seconds: settings.endSeconds,
    fps_resolution: settings.fpsResolution as VideoToVideoRequest['fps_resolution'],
    style: {
      art_style: settings.artStyle,
      model: settings.model,
      prompt_type: settings.promptType as VideoToVideoRequest['style']['prompt_type'],
      version: settings.version as VideoToVideoRequest['style']['version'],
      ...(prompt ? { prompt } : {}),
    },
  };
}
