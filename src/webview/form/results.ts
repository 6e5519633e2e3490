/** After submit: one line per job with its state, upload progress and credits, and one per error. */
import type { JobState } from '../../engine/job';
import type { HostToFormMessage } from '../../protocol/form';
import { formatCredits, h, icon } from '../shared/dom';
import { STATE_TEXT } from '../shared/state-text';

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
    'aria-label': 'Submitted jobs',
    hidden: true,
  });
  private readonly rows = new Map<string, { state: HTMLElement; credits: HTMLElement; icon: HTMLElement }>();

  /** Lists what the submit produced. */
  show({ jobs, errors }: Submitted): void {
    this.rows.clear();
    const list = h('ul', {});
    for (const job of jobs) {
      const state = h('span', { class: 'state' }, 'Submitted');
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
    const heading =
      jobs.length === 0
        ? 'Nothing was submitted.'
        : `Submitted ${jobs.length === 1 ? 'one job' : `${jobs.length} jobs`}${errors.length ? `; ${errors.length} could not be submitted` : ''}. Follow ${jobs.length === 1 ? 'it' : 'them'} in the Jobs view.`;
    this.element.replaceChildren(h('h2', {}, heading), list);
    this.element.hidden = false;
  }

  /** Shows a job's new state and credits. */
  update(job: JobUpdate): void {
    const row = this.rows.get(job.jobId);
    if (!row) return;
    let text = STATE_TEXT[job.state];
    if (job.state === 'uploading' && job.uploadedPercent !== undefined) {
      text += ` ${Math.round(job.uploadedPercent)}%`;
    }
    if (job.error) text += `: ${job.error}`;
    row.state.textContent = text;
    const settledIcon = STATE_ICON[job.state];
    const stateIcon = settledIcon ? icon(settledIcon) : icon('sync', 'spin');
    row.icon.replaceWith(stateIcon);
    row.icon = stateIcon;
    if (job.creditsCharged !== undefined) {
      row.credits.textContent = `${formatCredits(job.creditsCharged)} charged`;
    } else if (job.creditsEstimated !== undefined) {
      row.credits.textContent = `about ${formatCredits(job.creditsEstimated)}`;
    }
  }
}
