/** Valid messages the protocol tests start from and vary. */

/** A form `init` for one image. */
export const formInit = {
  type: 'init',
  form: {
    mode: 'image-to-video',
    sources: [
      { kind: 'image', label: 'cat.png', src: 'https://file+.vscode-resource.vscode-cdn.net/w/cat.png' },
    ],
    defaults: { model: 'default', endSeconds: 5, resolution: '720p', audio: false, prompt: '' },
  },
};

/** A finished image-to-video job as the preview shows it. */
export const previewJob = {
  id: '0123456789abcdef',
  name: 'cat',
  mode: 'image-to-video',
  state: 'done',
  createdAt: 1_700_000_000_000,
  projectId: 'cm1234',
  creditsCharged: 300,
  settings: { model: 'kling-2.5', endSeconds: 5, resolution: '720p', audio: true },
  source: { kind: 'image', src: 'https://file+.vscode-resource.vscode-cdn.net/w/cat.png', label: 'cat.png' },
  output: {
    src: 'https://file+.vscode-resource.vscode-cdn.net/w/cat.image-to-video.mp4',
    label: 'cat.image-to-video.mp4',
  },
};
