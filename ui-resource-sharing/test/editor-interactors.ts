import { HTML, createInteractor } from '@bigtest/interactor';

/** The validation message under one form control, located by the control's id. */
export const FieldErrorAt = HTML.extend<HTMLElement>('field error at')
  .selector('[class*=feedbackError---]')
  .locator((el) => el.id.replace(/-error$/, ''));

/** One bar of a dashboard chart, located by its key (a state code or partner symbol). */
export const ChartBar = createInteractor<Element>('chart bar')
  .selector('g[data-test-bar]')
  .locator((el) => el.getAttribute('data-test-bar') ?? '')
  .filters({
    label: (el) => el.getAttribute('data-label') ?? '',
    value: (el) => Number(el.getAttribute('data-value')),
    chart: (el) => el.closest('svg')?.id ?? '',
  });
