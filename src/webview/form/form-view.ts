/**
 * The whole form page for one `init`: sources, the mode's fields, the cost line and the
 * buttons. Checks with the catalog as the user types, and sends only settings it accepts.
 */
import type { Problem } from '../../catalog/validate';
import { t } from '../../l10n';
import type { FormSetup, HostToFormMessage, Submission } from '../../protocol/form';
import { submissionSchema } from '../../protocol/form';
import { h, icon } from '../shared/dom';
import { isEmpty, type ModeSection } from './section';
import { imageToVideoSection } from './image-to-video';
import { ResultsView } from './results';
import { sourceStrip } from './sources';
import { videoToVideoSection } from './video-to-video';

type Refused = Extract<HostToFormMessage, { type: 'refused' }>;
type Submitted = Extract<HostToFormMessage, { type: 'submitted' }>;
type JobUpdate = Extract<HostToFormMessage, { type: 'job' }>;

export interface FormActions {
  submit(submission: Submission): void;
  close(): void;
}

export class FormView {
  readonly element: HTMLElement;
  private readonly section: ModeSection<Submission['settings']>;
  private readonly fieldset = h('fieldset', {});
  private readonly estimate = h('p', { class: 'estimate', 'aria-live': 'polite' });
  private readonly formProblem = h('div', { class: 'form-problem', role: 'alert', hidden: true });
  private readonly submitButton: HTMLButtonElement;
  private readonly closeButton: HTMLButtonElement;
  private readonly results = new ResultsView();
  private readonly keys = h('span', { class: 'keys' }, t('Enter to generate · Escape to close'));
  /** Empty fields show no problem until the user has done something. */
  private interacted = false;
  private busy = false;
  private done = false;

  constructor(
    private readonly setup: FormSetup,
    private readonly actions: FormActions,
  ) {
    const count = setup.sources.length;
    const first = setup.sources[0];
    const namePlaceholder =
      count > 1
        ? t('Each job is named after its file')
        : first?.kind === 'youtube'
          ? first.url
          : (first?.label ?? '');
    this.section = (
      setup.mode === 'image-to-video'
        ? imageToVideoSection(setup.defaults, count, namePlaceholder)
        : videoToVideoSection(setup.defaults, count, namePlaceholder, first?.kind !== 'youtube')
    ) as ModeSection<Submission['settings']>;

    const strip = sourceStrip(setup.sources, (seconds) => {
      if (seconds !== undefined) this.section.setSourceDuration?.(seconds);
      else {
        this.section.fields
          .get('endSeconds')
          ?.setHint(t('The length of the clip could not be read: Magic Hour checks it.'));
      }
      this.refresh();
    });

    this.submitButton = h(
      'button',
      { type: 'submit', class: 'primary' },
      icon('sparkle'),
      ' ',
      count > 1 ? t('Generate {0} videos', count) : t('Generate video'),
    );
    this.closeButton = h('button', { type: 'button', class: 'secondary' }, t('Cancel'));
    this.closeButton.addEventListener('click', () => this.actions.close());

    this.fieldset.append(this.section.element);
    const form = h(
      'form',
      { 'aria-labelledby': 'form-title', novalidate: true },
      this.fieldset,
      this.estimate,
      this.formProblem,
      h('div', { class: 'actions' }, this.submitButton, this.closeButton, this.keys),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.trySubmit();
    });
    form.addEventListener('input', () => this.changed());
    form.addEventListener('change', () => this.changed());

    const heading = h(
      'h1',
      { id: 'form-title' },
      icon(setup.mode === 'image-to-video' ? 'file-media' : 'device-camera-video'),
      ' ',
      setup.mode === 'image-to-video' ? t('Image to Video') : t('Video to Video'),
    );
    // Wide panels: sources on the left, fields on the right; narrow ones stack them.
    this.element = h(
      'div',
      { class: 'form-page' },
      heading,
      strip,
      h('div', { class: 'form-main' }, form, this.results.element),
    );
    document.addEventListener('keydown', (event) => this.onKey(event));
    this.refresh();
  }

  /** The host refused the submit: show why, and let the user fix it. */
  refused({ problems, message }: Refused): void {
    this.setBusy(false);
    this.interacted = true;
    this.showProblems(problems);
    this.showFormProblem(message ?? (problems.length ? t('Fix the fields marked above.') : undefined));
    this.focusFirstProblem(problems);
  }

  /** The host submitted: show the jobs; the form stays read-only once a job exists. */
  submitted(message: Submitted): void {
    this.setBusy(false);
    this.results.show(message);
    if (message.jobs.length > 0) {
      this.done = true;
      this.fieldset.disabled = true;
      this.submitButton.hidden = true;
      this.closeButton.textContent = t('Close');
      this.closeButton.className = 'primary';
      this.keys.textContent = t('Escape to close');
      this.closeButton.focus();
    }
  }

  /** Puts the keyboard in the first field. */
  focusFirstField(): void {
    this.section.fields.values().next().value?.control.focus();
  }

  jobChanged(message: JobUpdate): void {
    this.results.update(message);
  }

  private changed(): void {
    this.interacted = true;
    this.refresh();
  }

  /** Re-checks the settings; shows problems and the cost line. */
  private refresh(): Problem[] {
    const settings = this.section.read();
    const problems = this.section.problems(settings);
    this.showProblems(problems);
    this.estimate.replaceChildren(icon('credit-card'), ` ${this.section.estimate(settings)}`);
    if (problems.length === 0) this.showFormProblem(undefined);
    return problems;
  }

  private showProblems(problems: readonly Problem[]): void {
    for (const [key, field] of this.section.fields) {
      const problem = problems.find((p) => p.field === key);
      const quiet = !this.interacted && isEmpty(field);
      field.setProblem(problem && !quiet ? problem.message : undefined);
    }
  }

  private trySubmit(): void {
    if (this.busy || this.done) return;
    this.interacted = true;
    const problems = this.refresh();
    if (problems.length) {
      this.showFormProblem(
        problems.length === 1 ? t('Fix the field marked above.') : t('Fix the fields marked above.'),
      );
      this.focusFirstProblem(problems);
      return;
    }
    const parsed = submissionSchema.safeParse({ mode: this.setup.mode, settings: this.section.read() });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // A bug, not a user error: zod's own words, which are English.
      const where = issue?.path.slice(1).join('.') || t('The form');
      this.showFormProblem(t('{0}: {1}', where, issue?.message ?? t('invalid')));
      return;
    }
    this.setBusy(true);
    this.showFormProblem(undefined);
    this.actions.submit(parsed.data);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.actions.close();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    const withModifier = event.ctrlKey || event.metaKey;
    // Enter activates buttons and links, and adds a line in the prompt: leave those alone.
    if (
      !withModifier &&
      target &&
      (target.closest('button, a, summary') || target instanceof HTMLTextAreaElement)
    ) {
      return;
    }
    event.preventDefault();
    this.trySubmit();
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.submitButton.disabled = busy;
    this.submitButton.setAttribute('aria-busy', String(busy));
    this.fieldset.disabled = busy || this.done;
  }

  private showFormProblem(message: string | undefined): void {
    this.formProblem.replaceChildren(
      ...(message ? [icon('error'), document.createTextNode(` ${message}`)] : []),
    );
    this.formProblem.hidden = !message;
  }

  private focusFirstProblem(problems: readonly Problem[]): void {
    for (const [key, field] of this.section.fields) {
      if (problems.some((p) => p.field === key)) {
        field.control.focus();
        return;
      }
    }
  }
}
