import type { JobState } from '../../engine/job';
import { t } from '../../l10n';

/** How the webviews name a job's state. */
export function stateText(state: JobState): string {
  switch (state) {
    case 'uploading':
      return t('Uploading the source');
    case 'creating':
      return t('Creating the project');
    case 'queued':
      return t('Queued on Magic Hour');
    case 'rendering':
      return t('Rendering');
    case 'downloading':
      return t('Saving the video');
    case 'done':
      return t('Done');
    case 'failed':
      return t('Failed');
    case 'lost':
      return t('Submitted, answer lost');
    case 'unsaved':
      return t('Rendered, not saved');
    case 'deleted':
      return t('Deleted on Magic Hour');
    case 'stopped':
      return t('Stopped tracking');
  }
}
