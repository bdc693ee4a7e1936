// Interactors for the patron page, pull slips and scan screens (beside test/interactors.ts).
import { HTML } from '@bigtest/interactor';
import { hasClassToken } from './interactors';

/** A labelled `<input type=date>`: bigtest's TextField leaves date inputs out. */
export const DateField = HTML.extend<HTMLInputElement>('date field')
  .selector('input[type=date]')
  .locator((el) => (el.labels?.[0]?.textContent ?? '').replace(/\*$/, '').trim())
  .filters({ value: (el) => el.value })
  // a date input takes the whole value at once (typing "2" first would be refused as no date)
  .actions({
    fillIn: ({ perform }, value: string) => perform((el) => {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set?.call(el, value);
      const view = el.ownerDocument.defaultView as (Window & typeof globalThis) | null;
      el.dispatchEvent(new (view ?? window).Event('input', { bubbles: true }));
    }),
  });

/** A MessageBanner (`[data-test-message-banner]`), located by its text; its type is the class `type-<type>`. */
export const Banner = HTML.extend<HTMLElement>('message banner')
  .selector('[data-test-message-banner]')
  .filters({ type: (el) => (['success', 'error', 'warning'].find((t) => hasClassToken(el, `type-${t}`)) ?? 'default') });
