/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { css } from './class-names';

export function NoValue({ ariaLabel }: { ariaLabel?: string }) {
  return (
    <span data-test-no-value className={css('noValue')}>
      <span aria-hidden="true">-</span>
      <span className="sr-only">{ariaLabel ?? <FormattedMessage id="stripes-components.noValue.noValueSet" />}</span>
    </span>
  );
}

export function KeyValue({ label, value, subValue, children, ...rest }: { label?: ReactNode; value?: ReactNode; subValue?: ReactNode; children?: ReactNode; [dataTest: `data-test-${string}`]: unknown }) {
  const content = children ?? value;
  const empty = content === null || content === undefined || content === '';
  return (
    <div className={css('kvRoot')} {...rest}>
      <div className={css('kvLabel')}>{label}</div>
      <div className={css('kvValue')} data-test-kv-value>{empty ? <NoValue /> : content}</div>
      {subValue ? <div className={css('kvSub')} data-test-kv-sub-value>{subValue}</div> : null}
    </div>
  );
}

export interface AccordionProps {
  label: ReactNode;
  id?: string;
  open?: boolean;
  closedByDefault?: boolean;
  onToggle?: (args: { id?: string; label: ReactNode }) => void;
  displayWhenOpen?: ReactNode;
  displayWhenClosed?: ReactNode;
  headerProps?: { headingLevel?: 1 | 2 | 3 | 4 | 5 | 6 };
  children?: ReactNode | ((open: boolean) => ReactNode);
}

export function Accordion({ label, id, open, closedByDefault = false, onToggle, displayWhenOpen, displayWhenClosed, headerProps, children }: AccordionProps) {
  const [ownOpen, setOwnOpen] = useState(!closedByDefault);
  const isOpen = open ?? ownOpen;
  const level = headerProps?.headingLevel ?? 3;
  const Heading = `h${level}` as 'h3';
  const toggle = () => {
    if (open === undefined) setOwnOpen(!isOpen);
    onToggle?.({ id, label });
  };
  return (
    <section id={id} className={css('accordion', isOpen && 'expanded')} data-test-accordion-section>
      <div className={css('headerWrapper')}>
        <Heading className={css('labelArea')}>
          <button
            type="button"
            id={id ? `accordion-toggle-button-${id}` : undefined}
            className={css('defaultCollapseButton')}
            aria-expanded={isOpen}
            aria-controls={id ? `${id}-content` : undefined}
            onClick={toggle}
          >
            <span className={css('headline')}>{label}</span>
          </button>
        </Heading>
        <div className={css('accordionHeaderRight')}>{isOpen ? displayWhenOpen : displayWhenClosed}</div>
      </div>
      <div className={css('content-wrap', isOpen && 'expanded')} data-test-accordion-wrapper hidden={!isOpen}>
        <div className={css('content-region')} id={id ? `${id}-content` : undefined} role="region">
          {typeof children === 'function' ? children(isOpen) : children}
        </div>
      </div>
    </section>
  );
}

export function AccordionSet({ children, id }: { children?: ReactNode; id?: string }) {
  return <div id={id} className={css('accordionSet')}>{children}</div>;
}

export function MessageBanner({ type = 'default', show = true, children, marginTop0, 'aria-live': ariaLive = 'assertive' }: { type?: 'default' | 'error' | 'success' | 'warning'; show?: boolean; children?: ReactNode; marginTop0?: boolean; 'aria-live'?: 'assertive' | 'polite' | 'off' }) {
  if (!show) return null;
  // as stripes-components: an outer `role="alert"` live region, the banner itself inside it
  // (`data-test-message-banner`, class `type-<type>`)
  return (
    <div role="alert" aria-live={ariaLive} className={css('root', marginTop0 && 'marginTop0')}>
      <div data-test-message-banner className={css('inner', `type-${type}`)}>
        {children}
      </div>
    </div>
  );
}

export function EmptyMessage({ children }: { children?: ReactNode }) {
  return <div className={css('emptyMessage')}>{children}</div>;
}
