/** What each mode's part of the form offers to the page around it. */
import type { Problem } from '../../catalog/validate';
import type { Field } from './fields';

export interface ModeSection<Settings> {
  /** The mode's fields, in order. */
  readonly element: HTMLElement;
  /** Every field by settings key, to show the catalog's problems where they belong. */
  readonly fields: ReadonlyMap<string, Field>;
  /** The settings as the fields hold them now (unchecked). */
  read(): Settings;
  /** What the catalog says is wrong with them. */
  problems(settings: Settings): Problem[];
  /** One line about the cost, before submit. */
  estimate(settings: Settings): string;
  /** The length of the shortest source video, once read (video to video only). */
  setSourceDuration?(seconds: number): void;
}

/** Empty fields the user has not touched yet show no problem until they submit. */
export function isEmpty(field: Field): boolean {
  const control = field.control;
  return (
    (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) &&
    control.value.trim() === ''
  );
}
