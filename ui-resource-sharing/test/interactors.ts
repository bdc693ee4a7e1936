// Interactors for the FOLIO components, located by the DOM hooks real Stripes renders
// (the same selectors as stripes-components' own BigTest interactors and stripes-testing).
import { HTML, createInteractor, fillIn } from '@bigtest/interactor';

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').trim();
}

/** MultiColumnList, located by the id of its `role=grid`. */
export const MultiColumnList = createInteractor<HTMLElement>('multi column list')
  .selector('[class*=mclContainer---]')
  .locator((el) => el.querySelector('[role=grid]')?.id ?? '')
  .filters({
    rowCount: (el) => el.querySelectorAll('[data-row-inner]').length,
    /** header labels, without the sort indicator */
    columns: (el) => Array.from(el.querySelectorAll('[role=columnheader]')).map((h) => text(h).replace(/[▲▼↕]/g, '').trim()),
    totalCount: (el) => Number(el.querySelector('[role=grid]')?.getAttribute('data-total-count') ?? 0),
    emptyMessage: (el) => text(el.querySelector('[class*=mclEmptyMessage---]')),
    /** the text of every cell of one column, top to bottom */
    columnValues: (el) => (column: number) => Array.from(el.querySelectorAll('[data-row-inner]')).map((row) => text(row.querySelectorAll('[class*=mclCell-]')[column])),
    hrids: (el) => Array.from(el.querySelectorAll('[data-row-inner]')).map((row) => text(row.querySelector('[class*=mclCell-]'))),
  })
  .actions({
    clickHeader: ({ perform }, label: string) => perform((el) => {
      const header = Array.from(el.querySelectorAll<HTMLElement>('[data-test-clickable-header]')).find((h) => text(h).replace(/[▲▼↕]/g, '').trim() === label);
      if (!header) throw new Error(`no clickable header "${label}"`);
      header.click();
    }),
  });

/** One row (`[data-row-inner]`), located by its full text. */
export const MultiColumnListRow = HTML.extend<HTMLElement>('multi column list row')
  .selector('[data-row-inner]')
  .filters({
    index: (el) => Number(el.getAttribute('data-row-inner')),
    selected: (el) => /mclSelected---/.test(el.className),
    cells: (el) => Array.from(el.querySelectorAll('[class*=mclCell-]')).map(text),
  });

/** A pane, located by its title (`[class^=paneTitle]` h2). */
export const Pane = HTML.extend<HTMLElement>('pane')
  .selector('[class*=pane---]')
  .locator((el) => text(el.querySelector('[data-test-pane-header-title]')))
  .filters({
    subtitle: (el) => text(el.querySelector('[data-test-pane-header-sub]')),
  });

/** KeyValue, located by its label. */
export const KeyValue = HTML.extend<HTMLElement>('key value')
  .selector('[class*=kvRoot---]')
  .locator((el) => text(el.querySelector('[class*=kvLabel---]')))
  .filters({
    value: (el) => text(el.querySelector('[data-test-kv-value]')),
  });

/** A callout toast. */
export const Callout = HTML.extend<HTMLElement>('callout')
  .selector('[data-test-callout-element]')
  .filters({
    type: (el) => (['success', 'error', 'warning', 'info'].find((t) => el.className.includes(`${t}---`)) ?? ''),
  });

/** A field's validation message (`feedbackError`). */
export const FieldError = HTML.extend<HTMLElement>('field error').selector('[class*=feedbackError---]');

/** A labelled textarea (bigtest's TextField covers inputs only). */
export const TextArea = HTML.extend<HTMLTextAreaElement>('text area')
  .selector('textarea')
  .locator((el) => (el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '').replace(/\*$/, '').trim())
  .actions({ fillIn: ({ perform }, value: string) => perform((el) => fillIn(el, value)) });
