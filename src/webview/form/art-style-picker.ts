/**
 * The art style picker: a filter box above a list of the ~75 styles. Typing narrows the list;
 * Arrow Down moves into it; Enter in the box picks the first match.
 */
import { VIDEO_TO_VIDEO_ART_STYLES } from '../../catalog';
import { t } from '../../l10n';
import { h } from '../shared/dom';

export interface ArtStylePicker {
  /** The filter box, shown between the label and the list. */
  filter: HTMLInputElement;
  /** The list; its value is the chosen style. */
  list: HTMLSelectElement;
}

export function artStylePicker(value: string): ArtStylePicker {
  const styles: string[] = [...VIDEO_TO_VIDEO_ART_STYLES];
  if (!styles.includes(value)) styles.unshift(value);
  const list = h('select', { size: 7, class: 'art-styles' });
  list.append(...styles.map((style) => h('option', { value: style, selected: style === value }, style)));
  const filter = h('input', {
    type: 'search',
    class: 'art-style-filter',
    placeholder: t('Search art styles'),
    'aria-label': t('Search art styles'),
    'aria-controls': 'artStyle',
    spellcheck: false,
  });

  const visibleOptions = () => [...list.options].filter((option) => !option.hidden);

  filter.addEventListener('input', () => {
    const query = filter.value.trim().toLowerCase();
    for (const option of list.options) {
      option.hidden = query !== '' && !option.value.toLowerCase().includes(query);
    }
    list.classList.toggle('no-match', visibleOptions().length === 0);
  });
  filter.addEventListener('keydown', (event) => {
    const first = visibleOptions()[0];
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      if (list.selectedOptions[0]?.hidden !== false) pick(first.value);
      list.focus();
    } else if (event.key === 'Enter' && filter.value.trim() !== '' && first && first.value !== list.value) {
      // The first Enter picks the match; the next one submits the form.
      event.preventDefault();
      event.stopPropagation();
      pick(first.value);
    } else if (event.key === 'Escape' && filter.value !== '') {
      // Escape clears the search before it closes the form.
      event.preventDefault();
      event.stopPropagation();
      filter.value = '';
      filter.dispatchEvent(new Event('input'));
      list.selectedOptions[0]?.scrollIntoView({ block: 'nearest' });
    }
  });

  function pick(style: string): void {
    list.value = style;
    list.dispatchEvent(new Event('change', { bubbles: true }));
    list.selectedOptions[0]?.scrollIntoView({ block: 'nearest' });
  }

  return { filter, list };
}
