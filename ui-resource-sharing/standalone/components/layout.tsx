/** @jsxRuntime automatic @jsxImportSource react */
import { createElement, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { css } from './class-names';
import { Loading } from './loading';

/**
 * stripes-types' PanesetProps: the real component also reads `nested` and `static`, but its typings
 * do not declare them, so a platform build refuses them; so does the stand-in.
 */
export interface PanesetProps {
  children?: ReactNode;
  id?: string;
  isRoot?: boolean;
}

export function Paneset({ children, id, isRoot }: PanesetProps) {
  return <div id={id} className={css('paneset', isRoot && 'root')}>{children}</div>;
}

/** What Pane's `actionMenu` function is called with (stripes-components PaneHeader). */
export interface ActionMenuArgs {
  onToggle: () => void;
  open: boolean;
  keyHandler: (e: KeyboardEvent) => void;
}

export interface PaneProps {
  /** required: a width such as '25%' or 'fill' */
  defaultWidth: string;
  /** the header's "Actions" dropdown: called with the menu's toggle while it is open */
  actionMenu?: (args: ActionMenuArgs) => ReactNode;
  id?: string;
  paneTitle?: ReactNode;
  paneSub?: ReactNode;
  appIcon?: ReactNode;
  firstMenu?: ReactNode;
  lastMenu?: ReactNode;
  dismissible?: boolean | 'first' | 'last';
  onClose?: () => void;
  renderHeader?: ((props: PaneHeaderProps) => ReactNode) | null;
  padContent?: boolean;
  centerContent?: boolean;
  footer?: ReactNode;
  subheader?: ReactNode;
  tagName?: string;
  children?: ReactNode;
}

export interface PaneHeaderProps {
  id?: string;
  paneTitle?: ReactNode;
  paneSub?: ReactNode;
  appIcon?: ReactNode;
  firstMenu?: ReactNode;
  lastMenu?: ReactNode;
  actionMenu?: (args: ActionMenuArgs) => ReactNode;
  dismissible?: boolean | 'first' | 'last';
  onClose?: () => void;
}

/**
 * The header's action menu as stripes-components' PaneHeader renders it: a primary button
 * "Actions" (`data-test-pane-header-actions-button`, `aria-haspopup`, `aria-expanded`) opening a
 * DropdownMenu (`data-pane-header-actions-dropdown-menu`, role `menu`) with what `actionMenu`
 * returns; Escape or a click outside closes it and gives focus back to the button.
 */
function PaneActionMenu({ headerId, actionMenu }: { headerId: string; actionMenu: (args: ActionMenuArgs) => ReactNode }) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const onToggle = () => setOpen((o) => !o);
  const keyHandler = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      setOpen(false);
      trigger.current?.focus();
    }
  };
  useEffect(() => {
    if (!open) return undefined;
    const outside = (e: Event) => { if (root.current && !root.current.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  const content = actionMenu({ onToggle, open, keyHandler });
  if (content === null || content === undefined || content === false) return null;
  return (
    <div className={css('dropdown')} ref={root} onKeyDown={keyHandler}>
      <button
        type="button"
        ref={trigger}
        id={`${headerId}-actions-button`}
        className={css('button', 'primary', 'actionMenuToggle')}
        data-test-pane-header-actions-button
        aria-haspopup="true"
        aria-expanded={open}
        onClick={onToggle}
      >
        <span className={css('inner')}>{intl.formatMessage({ id: 'stripes-components.paneMenuActionsToggleLabel' })}
          <svg className={css('icon')} aria-hidden="true" width="10" height="10" viewBox="0 0 10 10"><path d="M1 3h8L5 8z" fill="currentColor" /></svg>
        </span>
      </button>
      {open ? (
        <div className={css('DropdownMenu')} role="menu" data-pane-header-actions-dropdown-menu aria-labelledby={`${headerId}-actions-button`}>
          {content}
        </div>
      ) : null}
    </div>
  );
}

let paneCounter = 0;
function usePaneId(id?: string): string {
  if (id) return id;
  paneCounter += 1;
  return `pane-${paneCounter}`;
}

export function PaneHeader({ id, paneTitle, paneSub, appIcon, firstMenu, lastMenu, actionMenu, dismissible, onClose }: PaneHeaderProps) {
  const headerId = `paneHeader${id ?? ''}`;
  const intl = useIntl();
  const titleText = typeof paneTitle === 'string' ? paneTitle : '';
  const dismiss = dismissible ? (
    <button
      type="button"
      className={css('iconButton', 'paneHeaderButton')}
      data-test-pane-header-dismiss-button
      aria-label={intl.formatMessage({ id: 'stripes-components.closeItem' }, { item: titleText }).trim()}
      onClick={onClose}
    >
      <span aria-hidden="true">×</span>
    </button>
  ) : null;
  return (
    <div id={headerId} role="region" className={css('paneHeader')} data-test-pane-header aria-labelledby={`${headerId}-pane-title`}>
      <div className={css('paneHeaderButtonsArea', 'first')}>
        {dismissible !== 'last' && dismiss}
        {firstMenu}
      </div>
      <div className={css('paneTitle')} id={`${headerId}-pane-title`}>
        {appIcon}
        <h2 className={css('paneTitleLabel')} data-test-pane-header-title>{paneTitle}</h2>
        {paneSub ? <p className={css('paneSub')} id={`${headerId}-subtitle`} data-test-pane-header-sub>{paneSub}</p> : null}
      </div>
      <div className={css('paneHeaderButtonsArea', 'last')}>
        {actionMenu ? <PaneActionMenu headerId={headerId} actionMenu={actionMenu} /> : null}
        {lastMenu}
        {dismissible === 'last' && dismiss}
      </div>
    </div>
  );
}

export function Pane(props: PaneProps) {
  const { defaultWidth, id, padContent = true, centerContent = false, footer, subheader, children, tagName = 'section' } = props;
  const paneId = usePaneId(id);
  const style: CSSProperties = defaultWidth === 'fill' ? { flex: '1 1 0%', minWidth: 0 } : { flex: `0 0 ${defaultWidth}`, width: defaultWidth };
  const headerProps: PaneHeaderProps = { ...props, id: paneId };
  const header = props.renderHeader === null ? null : (props.renderHeader ?? ((p: PaneHeaderProps) => <PaneHeader {...p} />))(headerProps);
  return createElement(tagName, { id, className: css('pane'), style },
    header,
    subheader ? <div className={css('paneSubheader')}>{subheader}</div> : null,
    <div id={`${paneId}-content`} className={css('paneContent', padContent && 'paneContentPadding', centerContent && 'centerContent')}>{children}</div>,
    footer ?? null);
}

export function PaneMenu({ children }: { children?: ReactNode }) {
  return <div className={css('paneMenu')}>{children}</div>;
}

export function PaneFooter({ renderStart, renderEnd, className }: { renderStart?: ReactNode; renderEnd?: ReactNode; className?: string }) {
  return (
    <div className={[css('paneFooter'), className].filter(Boolean).join(' ')}>
      <div className={css('paneFooterStart')}>{renderStart}</div>
      <div className={css('paneFooterEnd')}>{renderEnd}</div>
    </div>
  );
}

export function LoadingPane(props: Partial<PaneProps>) {
  return (
    <Pane defaultWidth="fill" {...props}>
      <Loading size="xlarge" />
    </Pane>
  );
}

type BreakpointSize = 'xs' | 'sm' | 'md' | 'lg' | 'xl';

export function Row({ children, tagName = 'div', ...rest }: { children?: ReactNode; tagName?: string } & Partial<Record<'start' | 'center' | 'end' | 'top' | 'middle' | 'bottom' | 'around' | 'between', BreakpointSize>>) {
  const extra = Object.entries(rest).map(([mod, size]) => `${mod}-${size}`);
  return createElement(tagName, { className: ['row', ...extra].join(' ') }, children);
}

export function Col({ children, tagName = 'div', ...sizes }: { children?: ReactNode; tagName?: string } & Partial<Record<BreakpointSize, number | boolean>>) {
  const classes = Object.entries(sizes).map(([size, span]) => (span === true ? `col-${size}` : `col-${size}-${String(span)}`));
  return createElement(tagName, { className: classes.join(' ') || 'col-xs' }, children);
}

export function Layout({ className = '', element = 'div', children }: { className?: string; element?: string; children?: ReactNode }) {
  return createElement(element, { className: className.split(/\s+/).filter(Boolean).map((t) => css(t)).join(' '), 'data-test-layout': true }, children);
}

export function Headline({ size = 'medium', margin, tag = 'div', weight = 'bold', children }: { size?: string; margin?: string; tag?: string; weight?: string; children?: ReactNode }) {
  return createElement(tag, { className: css('headline', `size-${size}`, `margin-${margin ?? size}`, `weight-${weight}`), 'data-test-headline': true }, children);
}
