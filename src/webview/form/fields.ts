/**
 * Labelled form fields. Each field's id is the settings key it edits (`endSeconds`), which is
 * also the `field` of the catalog's problems, so a problem finds its field by name.
 */
import { h, icon } from '../shared/dom';

/** A choice in a select: the value sent and the text shown. */
export interface Choice {
  value: string;
  label: string;
}

/** One labelled control with a hint line and a problem line, both read by screen readers. */
export class Field<C extends HTMLElement = HTMLElement> {
  readonly row: HTMLDivElement;
  private readonly hint: HTMLDivElement;
  private readonly problem: HTMLDivElement;

  constructor(
    readonly id: string,
    label: string,
    public control: C,
    options: { hint?: string; checkbox?: boolean; extra?: HTMLElement } = {},
  ) {
    this.hint = h('div', { class: 'hint', id: `${id}-hint` }, options.hint ?? '');
    this.problem = h('div', { class: 'problem', id: `${id}-problem`, hidden: true });
    const labelElement = h('label', { for: id }, label);
    this.row = options.checkbox
      ? h('div', { class: 'field checkbox', 'data-field': id }, control, labelElement)
      : h('div', { class: 'field', 'data-field': id }, labelElement, options.extra, control);
    this.row.append(this.hint, this.problem);
    this.prepare(control);
  }

  /** Puts a new control in place of the current one (same id, label and descriptions). */
  replaceControl(control: C): void {
    this.prepare(control);
    this.control.replaceWith(control);
    this.control = control;
  }

  setHint(text: string): void {
    this.hint.textContent = text;
  }

  /** Shows what is wrong with the value, or clears it. */
  setProblem(message: string | undefined): void {
    this.problem.replaceChildren(...(message ? [icon('error'), document.createTextNode(` ${message}`)] : []));
    this.problem.hidden = !message;
    this.row.classList.toggle('invalid', Boolean(message));
    if (message) this.control.setAttribute('aria-invalid', 'true');
    else this.control.removeAttribute('aria-invalid');
  }

  setHidden(hidden: boolean): void {
    this.row.hidden = hidden;
  }

  private prepare(control: C): void {
    control.id = this.id;
    control.setAttribute('aria-describedby', `${this.id}-hint ${this.id}-problem`);
  }
}

/** A dropdown of choices. */
export function select(choices: readonly Choice[], value: string): HTMLSelectElement {
  const element = h('select', {});
  setChoices(element, choices, value);
  return element;
}

/** Replaces a select's choices and selects `value` (or the first choice if it is not among them). */
export function setChoices(element: HTMLSelectElement, choices: readonly Choice[], value: string): void {
  element.replaceChildren(
    ...choices.map((choice) =>
      h('option', { value: choice.value, selected: choice.value === value }, choice.label),
    ),
  );
  if (!choices.some((choice) => choice.value === value) && choices[0]) element.value = choices[0].value;
}

/** A number input; an empty or unreadable entry reads as NaN, which the catalog explains. */
export function numberInput(attributes: {
  min?: number;
  max?: number;
  step?: number;
  value?: number;
}): HTMLInputElement {
  const { value, ...bounds } = attributes;
  const element = h('input', { type: 'number', inputmode: 'decimal', ...bounds });
  if (value !== undefined && Number.isFinite(value)) element.value = String(value);
  return element;
}

/** A one-line text input. */
export function textInput(attributes: {
  maxlength: number;
  placeholder?: string;
  value?: string;
}): HTMLInputElement {
  const { value, ...rest } = attributes;
  const element = h('input', { type: 'text', spellcheck: false, ...rest });
  element.value = value ?? '';
  return element;
}

/** A multi-line text input (Enter adds a line; Ctrl+Enter submits). */
export function textArea(attributes: {
  maxlength: number;
  placeholder?: string;
  value?: string;
}): HTMLTextAreaElement {
  const { value, ...rest } = attributes;
  const element = h('textarea', { rows: 3, ...rest });
  element.value = value ?? '';
  return element;
}

/** A checkbox. */
export function checkbox(checked: boolean): HTMLInputElement {
  const element = h('input', { type: 'checkbox' });
  element.checked = checked;
  return element;
}

/** The number in an input, or NaN when it is empty or not a number. */
export function readNumber(input: HTMLInputElement | HTMLSelectElement): number {
  return input.value.trim() === '' ? NaN : Number(input.value);
}

/** Trimmed text, or undefined when empty (the API then uses its own default). */
export function readText(input: HTMLInputElement | HTMLTextAreaElement): string | undefined {
  const text = input.value.trim();
  return text === '' ? undefined : text;
}
