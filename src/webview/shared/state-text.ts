import type { JobState } from '../../engine/job';

/** How the webviews name a job's state. */
export const STATE_TEXT: Record<JobState, string> = {
  uploading: 'Uploading the source',
  creating: 'Creating the project',
  queued: 'Queued on Magic Hour',
  rendering: 'Rendering',
  downloading: 'Saving the video',
  done: 'Done',
  failed: 'Failed',
  lost: 'Submitted, answer lost',
  unsaved: 'Rendered, not saved',
  deleted: 'Deleted on Magic Hour',
  stopped: 'Stopped tracking',
};
