import { HTML, createInteractor } from '@bigtest/interactor';
import { alertControlId } from './interactors';

/**
 * The validation message of one form control, located by the control's id: the `role="alert"`
 * region stripes-components renders beside the control, inside the same field wrapper.
 */
export const FieldErrorAt = HTML.extend<HTMLElement>('field error at')
  .selector('[role=alert]')
  .locator(alertControlId);

/** One bar of a dashboard chart, located by its key (a state code or partner symbol). */
export const ChartBar = createInteractor<Element>('chart bar')
  .selector('g[data-test-bar]')
  .locator((el) => el.getAttribute('data-test-bar') ?? '')
  .filters({
    label: (el) => el.getAttribute('data-label') ?? '',
    value: (el) => Number(el.getAttribute('data-value')),
    chart: (el) => el.closest('svg')?.id ?? '',
  });
