/**
 * The preview webview: the output (looping, with controls) beside its source, and the job's
 * details below. Asks the host for the job with `ready`; redraws on each `update`.
 */
import { setL10nBundle, t } from '../../l10n';
import type { PreviewJob, PreviewSource, PreviewToHostMessage } from '../../protocol/preview';
import { hostToPreviewSchema, previewToHostSchema } from '../../protocol/preview';
import { parseMessage } from '../../protocol/parse';
import { byId, h, icon } from '../shared/dom';
import { connectToHost, logLine, onHostMessage } from '../shared/vscode-api';
import { jobDetails } from './details';

const host = connectToHost<PreviewToHostMessage>();
const app = byId('app');
/** What is on screen, so an update that changes nothing visible does not restart the videos. */
let shownMedia = '';

function send(message: PreviewToHostMessage): void {
  if (previewToHostSchema.safeParse(message).success) host.post(message);
  else logLine(`preview webview: not sending an invalid ${message.type} message`);
}

onHostMessage((data) => {
  const message = parseMessage(hostToPreviewSchema, data, logLine, 'preview webview');
  if (!message) return;
  switch (message.type) {
    case 'init':
      setL10nBundle(message.l10n?.bundle, message.l10n?.locale);
      show(message.job);
      return;
    case 'update':
      show(message.job);
      return;
    default: {
      const unexpected: never = message;
      logLine(`preview webview: unhandled message ${JSON.stringify(unexpected).slice(0, 100)}`);
    }
  }
});

function show(job: PreviewJob): void {
  const media = JSON.stringify([job.source, job.output]);
  const details = jobDetails(job);
  const existing = document.querySelector('.details');
  if (media === shownMedia && existing) {
    existing.replaceWith(details);
    byId('job-title').textContent = job.name;
    return;
  }
  shownMedia = media;
  const compare = h(
    'button',
    { type: 'button', class: 'secondary', hidden: true },
    icon('debug-restart'),
    ' ',
    t('Play both from the start'),
  );
  const sourcePane = pane(t('Source'), sourceMedia(job.source));
  const outputPane = pane(t('Result'), outputMedia(job));
  app.replaceChildren(
    h('h1', { id: 'job-title' }, job.name),
    h('div', { class: 'panes' }, sourcePane, outputPane),
    h('div', { class: 'actions' }, compare),
    details,
  );
  app.removeAttribute('aria-busy');

  const videos = [...app.querySelectorAll('video')];
  if (videos.length === 2) {
    compare.hidden = false;
    compare.addEventListener('click', () => {
      const trimStart = job.mode === 'video-to-video' ? Number(job.settings.startSeconds) || 0 : 0;
      const [source, output] = videos;
      if (source) source.currentTime = trimStart;
      if (output) output.currentTime = 0;
      for (const video of videos) void video.play().catch(() => undefined);
    });
  }
}

function pane(title: string, content: HTMLElement): HTMLElement {
  return h('section', { class: 'pane', 'aria-label': title }, h('h2', {}, title), content);
}

function sourceMedia(source: PreviewSource): HTMLElement {
  switch (source.kind) {
    case 'image':
      return figure(
        h('img', { src: source.src, alt: t('Source image {0}', source.label) }),
        source.label,
        'source',
      );
    case 'video':
      return figure(
        h('video', {
          src: source.src,
          controls: true,
          loop: true,
          muted: true,
          preload: 'metadata',
          'aria-label': t('Source video {0}', source.label),
        }),
        source.label,
        'source',
      );
    case 'youtube':
    case 'url':
      // The CSP lets the page load nothing from the web: name the link instead.
      return h(
        'div',
        { class: 'placeholder' },
        icon(source.kind === 'youtube' ? 'device-camera-video' : 'link'),
        h('p', {}, source.kind === 'youtube' ? t('A YouTube video:') : t('A file on the web:')),
        h('code', {}, source.url),
      );
    default: {
      const unexpected: never = source;
      throw new Error(`unknown source ${JSON.stringify(unexpected)}`);
    }
  }
}

function outputMedia(job: PreviewJob): HTMLElement {
  if (!job.output) {
    return h(
      'div',
      { class: 'placeholder' },
      icon('sync', 'spin'),
      h('p', {}, t('No video saved yet: it shows here once it is.')),
    );
  }
  const video = h('video', {
    src: job.output.src,
    controls: true,
    loop: true,
    autoplay: true,
    muted: true,
    playsinline: true,
    'aria-label': t('Result video {0}', job.output.label),
  });
  return figure(video, job.output.label, 'output');
}

/** A medium with its file name; a load failure shows in place and is reported to the host. */
function figure(
  media: HTMLImageElement | HTMLVideoElement,
  label: string,
  which: 'source' | 'output',
): HTMLElement {
  const element = h('figure', {}, media, h('figcaption', { title: label }, label));
  media.addEventListener('error', () => {
    const reason =
      media instanceof HTMLVideoElement && media.error
        ? media.error.message || `code ${media.error.code}`
        : 'unreadable';
    media.replaceWith(
      h(
        'div',
        { class: 'placeholder' },
        icon('warning'),
        h('p', {}, t('This editor cannot show this file.')),
      ),
    );
    send({ type: 'mediaError', which, message: reason.slice(0, 500) } satisfies PreviewToHostMessage);
  });
  return element;
}

send({ type: 'ready' } satisfies PreviewToHostMessage);
