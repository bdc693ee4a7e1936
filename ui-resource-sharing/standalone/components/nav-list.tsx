/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { css } from './class-names';

export function NavList({ children }: { children?: ReactNode }) {
  return <nav className={css('NavList')} data-test-nav-list>{children}</nav>;
}

export function NavListSection({ label, children }: { label?: ReactNode; children?: ReactNode }) {
  return (
    <div className={css('NavListSection')}>
      {label ? <div className={css('NavListSectionHeader')}>{label}</div> : null}
      <div className={css('NavListSectionContent')}>{children}</div>
    </div>
  );
}

export function NavListItem({ to, children }: { to: string; children?: ReactNode }) {
  return (
    <NavLink to={to} className={css('NavListItem')} activeClassName={css('isActive')} data-test-nav-list-item>
      {children}
    </NavLink>
  );
}
