// Interactors for the FOLIO components, located by what the real stripes-components render and
// keep in every build: roles, labels, ids and `data-test-*` attributes. CSS-module class names are
// not used to find anything: a platform build hashes them (`mclRow---a1B2c`), FOLIO's jest maps
// them to the bare local name, the stand-in emits `<local>---sTnd1`. Where the real DOM carries a
// state only in a class (selected row, callout type), `hasClassToken` accepts all three spellings.
import { HTML, createInteractor, fillIn } from '@bigtest/interactor';

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').trim();
}

/** The element has the CSS-module class `local`, built (`local---hash`) or identity-mapped (`local`). */
export function hasClassToken(el: Element, local: string): boolean {
  return Array.from(el.classList).some((c) => c === local || c.startsWith(`${local}---`));
}

/** Header labels without the sort indicator. */
function headerText(el: Element): string {
  return text(el).replace(/[▲▼↕]/g, '').trim();
}

const isEmptyState = (el: Element) => el.getAttribute('role') !== 'grid';

/**
 * MultiColumnList, located by its id: the `role=grid` element carries it, or, when the list has no
 * rows, the empty message alone is rendered with id `<id>-empty` (as the real MCL does).
 */
export const MultiColumnList = createInteractor<HTMLElement>('multi column list')
  .selector('[role=grid][id], div[id$="-empty"]')
  .locator((el) => (isEmptyState(el) ? el.id.replace(/-empty$/, '') : el.id))
  .filters({
    rowCount: (el) => el.querySelectorAll('[data-row-inner]').length,
    columns: (el) => Array.from(el.querySelectorAll('[role=columnheader]')).map(headerText),
    totalCount: (el) => Number(el.getAttribute('data-total-count') ?? 0),
    emptyMessage: (el) => (isEmptyState(el) ? text(el) : ''),
    /** the text of every cell of one column, top to bottom */
    columnValues: (el) => (column: number) => Array.from(el.querySelectorAll('[data-row-inner]')).map((row) => text(row.querySelectorAll('[role=gridcell]')[column])),
    hrids: (el) => Array.from(el.querySelectorAll('[data-row-inner]')).map((row) => text(row.querySelector('[role=gridcell]'))),
  })
  .actions({
    clickHeader: ({ perform }, label: string) => perform((el) => {
      const header = Array.from(el.querySelectorAll<HTMLElement>('[data-test-clickable-header]')).find((h) => headerText(h) === label);
      if (!header) throw new Error(`no clickable header "${label}"`);
      header.click();
    }),
  });

/** One row (`[data-row-inner]`), located by its full text. */
export const MultiColumnListRow = HTML.extend<HTMLElement>('multi column list row')
  .selector('[data-row-inner]')
  .filters({
    index: (el) => Number(el.getAttribute('data-row-inner')),
    selected: (el) => hasClassToken(el, 'mclSelected'),
    cells: (el) => Array.from(el.querySelectorAll('[role=gridcell]')).map(text),
  });

/** A pane (`<section>` whose own header, `[data-test-pane-header]`, holds the title), located by its title. */
export const Pane = HTML.extend<HTMLElement>('pane')
  .selector('section')
  .locator((el) => text(el.querySelector(':scope > [data-test-pane-header] [data-test-pane-header-title]')))
  .filters({
    subtitle: (el) => text(el.querySelector(':scope > [data-test-pane-header] [data-test-pane-header-sub]')),
  });

/** KeyValue, located by its label: the value (`[data-test-kv-value]`) follows the label element. */
export const KeyValue = HTML.extend<HTMLElement>('key value')
  .selector('[data-test-kv-value]')
  .locator((el) => text(el.previousElementSibling))
  .filters({
    value: (el) => text(el),
  });

/** A callout toast (`[data-test-callout-element]`); its type is a class of the element. */
export const Callout = HTML.extend<HTMLElement>('callout')
  .selector('[data-test-callout-element]')
  .filters({
    type: (el) => ['success', 'error', 'warning', 'info'].find((t) => hasClassToken(el, t)) ?? '',
  });

/** The id of the form control a `role="alert"` region follows inside the same field wrapper, or ''. */
export function alertControlId(el: Element): string {
  for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
    const control = sib.matches('input, select, textarea') ? sib : sib.querySelector('input, select, textarea');
    if (control) return control.id;
  }
  return '';
}

/**
 * A form field's validation message: TextField, TextArea, Select (and the app's InputField) render
 * warning and error inside a `role="alert"` region beside the control.
 */
export const FieldError = HTML.extend<HTMLElement>('field error')
  .selector('[role=alert]')
  .filters({
    /** the id of the control the message belongs to */
    control: alertControlId,
  });

/** A labelled textarea (bigtest's TextField covers inputs only). */
export const TextArea = HTML.extend<HTMLTextAreaElement>('text area')
  .selector('textarea')
  .locator((el) => (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '').replace(/\*$/, '').trim())
  .actions({ fillIn: ({ perform }, value: string) => perform((el) => fillIn(el, value)) });
