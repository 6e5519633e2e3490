/**
 * The row of sources at the top of the form: image thumbnails, video players (whose metadata
 * gives the clip length) or the YouTube link. One source is shown large, several as a strip.
 */
import { t } from '../../l10n';
import type { FormSource } from '../../protocol/form';
import { h, icon } from '../shared/dom';

/**
 * Builds the strip. `onShortestDuration` is called once every video has reported its length
 * (or failed to), with the shortest length known, if any.
 */
export function sourceStrip(
  sources: readonly FormSource[],
  onShortestDuration: (seconds: number | undefined) => void,
): HTMLElement {
  const single = sources.length === 1;
  const strip = h('section', {
    class: single ? 'sources single' : 'sources',
    'aria-label': single ? t('Source') : t('{0} sources', sources.length),
  });
  const durations: (number | undefined)[] = [];
  let pending = sources.filter((s) => s.kind === 'video').length;
  const settle = (seconds: number | undefined) => {
    durations.push(seconds);
    if (--pending > 0) return;
    const known = durations.filter((d): d is number => d !== undefined);
    onShortestDuration(known.length ? Math.min(...known) : undefined);
  };

  for (const source of sources) {
    switch (source.kind) {
      case 'image':
        strip.append(
          card(source.label, h('img', { src: source.src, alt: t('Source image {0}', source.label) })),
        );
        break;
      case 'video':
        strip.append(card(source.label, videoElement(source.src, source.label, single, settle)));
        break;
      case 'youtube':
        strip.append(
          card(
            t('YouTube video'),
            h('div', { class: 'link-source' }, icon('device-camera-video'), h('code', {}, source.url)),
          ),
        );
        break;
      default: {
        const unknown: never = source;
        throw new Error(`unknown source ${String(unknown)}`);
      }
    }
  }
  return strip;
}

function card(label: string, media: HTMLElement): HTMLElement {
  return h('figure', { class: 'source' }, media, h('figcaption', { title: label }, label));
}

function videoElement(
  src: string,
  label: string,
  withControls: boolean,
  settle: (seconds: number | undefined) => void,
): HTMLVideoElement {
  const video = h('video', {
    src,
    preload: 'metadata',
    muted: true,
    controls: withControls,
    'aria-label': t('Source video {0}', label),
  });
  let settled = false;
  const once = (seconds: number | undefined) => {
    if (settled) return;
    settled = true;
    settle(seconds);
  };
  video.addEventListener('loadedmetadata', () =>
    once(Number.isFinite(video.duration) && video.duration > 0 ? video.duration : undefined),
  );
  video.addEventListener('error', () => {
    video.replaceWith(
      h('div', { class: 'unplayable' }, icon('warning'), ' ', t('This editor cannot play this video.')),
    );
    once(undefined);
  });
  return video;
}
