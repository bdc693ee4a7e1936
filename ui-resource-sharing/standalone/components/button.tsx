/** @jsxRuntime automatic @jsxImportSource react */
import { forwardRef, type MouseEvent, type ReactNode, type Ref } from 'react';
import { Link } from 'react-router-dom';
import { css } from './class-names';

export interface ButtonProps {
  /** space-separated: default, primary, danger, success, warning, link, dropdownItem, slim, mega, noRadius, fieldControl */
  buttonStyle?: string;
  type?: 'button' | 'submit' | 'reset';
  onClick?: (event: MouseEvent<HTMLElement>) => void;
  disabled?: boolean;
  to?: string | { pathname: string; search?: string };
  href?: string;
  allowAnchorClick?: boolean;
  marginBottom0?: boolean;
  bottomMargin0?: boolean;
  paddingSide0?: boolean;
  fullWidth?: boolean;
  align?: 'start' | 'center' | 'end';
  buttonClass?: string;
  buttonRef?: Ref<HTMLElement>;
  autoFocus?: boolean;
  id?: string;
  title?: string;
  /** e.g. `menuitem` in an action menu (handed on to the element, as the real Button does) */
  role?: string;
  children?: ReactNode;
  'aria-label'?: string;
  'aria-disabled'?: boolean;
  'aria-pressed'?: boolean;
  [dataAttribute: `data-${string}`]: unknown;
}

function buttonClassName({ buttonStyle = 'default', marginBottom0, bottomMargin0, paddingSide0, fullWidth, align, buttonClass }: ButtonProps): string {
  const styles = buttonStyle.split(/\s+/).filter(Boolean);
  const local = css('button', ...styles, (marginBottom0 || bottomMargin0) && 'marginBottom0', paddingSide0 && 'paddingSide0', fullWidth && 'fullWidth', align && `align-${align}`);
  return [local, buttonClass].filter(Boolean).join(' ');
}

export const Button = forwardRef<HTMLElement, ButtonProps>(function Button(props, ref) {
  const {
    buttonStyle, type = 'button', onClick, disabled, to, href, allowAnchorClick = false,
    marginBottom0, bottomMargin0, paddingSide0, fullWidth, align, buttonClass, buttonRef, children, ...rest
  } = props;
  void buttonStyle; void marginBottom0; void bottomMargin0; void paddingSide0; void fullWidth; void align; void buttonClass;
  const className = buttonClassName(props);
  const inner = <span className={css('inner')}>{children}</span>;
  const setRef = (el: HTMLElement | null) => {
    for (const r of [ref, buttonRef]) {
      if (typeof r === 'function') r(el);
      else if (r) (r as { current: HTMLElement | null }).current = el;
    }
  };
  if (to) {
    return <Link to={to} role="button" className={className} onClick={onClick} ref={setRef as Ref<HTMLAnchorElement>} {...rest}>{inner}</Link>;
  }
  if (href) {
    const handle = (e: MouseEvent<HTMLElement>) => {
      if (!allowAnchorClick) e.preventDefault();
      onClick?.(e);
    };
    return <a href={href} role="button" className={className} onClick={handle} ref={setRef as Ref<HTMLAnchorElement>} {...rest}>{inner}</a>;
  }
  return (
    // eslint-disable-next-line react/button-has-type
    <button type={type} className={className} onClick={onClick} disabled={disabled} ref={setRef as Ref<HTMLButtonElement>} {...rest}>
      {inner}
    </button>
  );
});
