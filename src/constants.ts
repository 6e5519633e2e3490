/** Command ids, view ids, setting keys and context keys: defined once, used everywhere. */
export const Commands = {
  imageToVideo: 'magicHour.imageToVideo',
  videoToVideo: 'magicHour.videoToVideo',
  videoToVideoFromUrl: 'magicHour.videoToVideoFromUrl',
  setToken: 'magicHour.setToken',
  clearToken: 'magicHour.clearToken',
  refreshJobs: 'magicHour.refreshJobs',
  clearFinished: 'magicHour.clearFinished',
  showLog: 'magicHour.showLog',
  preview: 'magicHour.job.preview',
  openOutput: 'magicHour.job.openOutput',
  revealOutput: 'magicHour.job.revealOutput',
  rerun: 'magicHour.job.rerun',
  copyProjectId: 'magicHour.job.copyProjectId',
  retryDownload: 'magicHour.job.retryDownload',
  stopTracking: 'magicHour.job.stopTracking',
  deleteRemote: 'magicHour.job.deleteRemote',
  showDetails: 'magicHour.job.showDetails',
} as const;

export const Views = {
  container: 'magicHour',
  jobs: 'magicHour.jobs',
} as const;

/** Setting keys, relative to the `magicHour` section. */
export const Settings = {
  section: 'magicHour',
  apiBaseUrl: 'apiBaseUrl',
  outputFolder: 'outputFolder',
  openPreviewOnCompletion: 'openPreviewOnCompletion',
  historySize: 'historySize',
  maxUploadSizeMB: 'maxUploadSizeMB',
  imageToVideoModel: 'imageToVideo.defaultModel',
  imageToVideoResolution: 'imageToVideo.defaultResolution',
  imageToVideoDuration: 'imageToVideo.defaultDuration',
  videoToVideoArtStyle: 'videoToVideo.defaultArtStyle',
  videoToVideoModel: 'videoToVideo.defaultModel',
} as const;

/** Context keys for `when` clauses and welcome views. */
export const ContextKeys = {
  hasToken: 'magicHour.hasToken',
  hasJobs: 'magicHour.hasJobs',
} as const;

/** SecretStorage key of the API token (the token lives nowhere else). */
export const TOKEN_SECRET_KEY = 'magicHour.apiToken';

export const DEFAULT_API_BASE_URL = 'https://api.magichour.ai';
