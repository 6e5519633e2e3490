/** After submit: one line per job with its state, upload progress and credits, and one per error. */
import type { JobState } from '../../engine/job';
import { t } from '../../l10n';
import type { HostToFormMessage } from '../../protocol/form';
import { formatCredits, h, icon } from '../shared/dom';
import { stateText } from '../shared/state-text';

type Submitted = Extract<HostToFormMessage, { type: 'submitted' }>;
type JobUpdate = Extract<HostToFormMessage, { type: 'job' }>;

const STATE_ICON: Partial<Record<JobState, string>> = {
  done: 'pass',
  failed: 'error',
  lost: 'warning',
  unsaved: 'warning',
  deleted: 'trash',
  stopped: 'circle-slash',
};

export class ResultsView {
  readonly element = h('section', {
    class: 'results',
    'aria-live': 'polite',
    'aria-label': t('Submitted jobs'),
    hidden: true,
  });
  private readonly rows = new Map<string, { state: HTMLElement; credits: HTMLElement; icon: HTMLElement }>();

  /** Lists what the submit produced. */
  show({ jobs, errors }: Submitted): void {
    this.rows.clear();
    const list = h('ul', {});
    for (const job of jobs) {
      const state = h('span', { class: 'state' }, t('Submitted'));
      const credits = h('span', { class: 'credits' });
      const stateIcon = icon('sync', 'spin');
      list.append(h('li', {}, stateIcon, h('span', { class: 'label' }, job.source), state, credits));
      this.rows.set(job.jobId, { state, credits, icon: stateIcon });
    }
    for (const error of errors) {
      list.append(
        h(
          'li',
          { class: 'failed' },
          icon('error'),
          h('span', { class: 'label' }, error.source),
          h('span', { class: 'state' }, error.message),
        ),
      );
    }
    this.element.replaceChildren(h('h2', {}, heading(jobs.length, errors.length)), list);
    this.element.hidden = false;
  }

  /** Shows a job's new state and credits. */
  update(job: JobUpdate): void {
    const row = this.rows.get(job.jobId);
    if (!row) return;
    let text =
      job.state === 'uploading' && job.uploadedPercent !== undefined
        ? t('Uploading the source {0}%', Math.round(job.uploadedPercent))
        : stateText(job.state);
    if (job.error) text = t('{0}: {1}', text, job.error);
    row.state.textContent = text;
    const settledIcon = STATE_ICON[job.state];
    const stateIcon = settledIcon ? icon(settledIcon) : icon('sync', 'spin');
    row.icon.replaceWith(stateIcon);
    row.icon = stateIcon;
    if (job.creditsCharged !== undefined) {
      row.credits.textContent = t('{0} charged', formatCredits(job.creditsCharged));
    } else if (job.creditsEstimated !== undefined) {
      row.credits.textContent = t('about {0}', formatCredits(job.creditsEstimated));
    }
  }
}

/** "Submitted one job. Follow it in the Jobs view." and the like, with the sources that failed. */
function heading(submitted: number, failed: number): string {
  if (submitted === 0) return t('Nothing was submitted.');
  if (submitted === 1) {
    return failed === 0
      ? t('Submitted one job. Follow it in the Jobs view.')
      : t('Submitted one job; {0} could not be submitted. Follow it in the Jobs view.', failed);
  }
  return failed === 0
    ? t('Submitted {0} jobs. Follow them in the Jobs view.', submitted)
    : t('Submitted {0} jobs; {1} could not be submitted. Follow them in the Jobs view.', submitted, failed);
}
