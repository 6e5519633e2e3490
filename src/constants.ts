/** Command ids, view ids, setting keys and context keys: defined once, used everywhere. */
export const Commands = {
  imageToVideo: 'magicHour.imageToVideo',
  videoToVideo: 'magicHour.videoToVideo',
} as const;

export const Views = {
  container: 'magicHour',
  jobs: 'magicHour.jobs',
} as const;

export const Settings = {
  section: 'magicHour',
  apiBaseUrl: 'apiBaseUrl',
} as const;

export const DEFAULT_API_BASE_URL = 'https://api.magichour.ai';
