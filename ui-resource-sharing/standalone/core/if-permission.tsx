/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { useHostStripes } from './stripes-context';

type PermissionChildren = ReactNode | ((state: { hasPermission: boolean }) => ReactNode);

function renderGuarded(children: PermissionChildren, allowed: boolean): ReactNode {
  if (typeof children === 'function') return children({ hasPermission: allowed });
  return allowed ? children : null;
}

/** Renders children iff the user holds every permission of the comma-separated `perm`. */
export function IfPermission({ perm, children }: { perm: string; children?: PermissionChildren }) {
  const stripes = useHostStripes();
  return <>{renderGuarded(children, stripes.hasPerm(perm) === true)}</>;
}

/** Renders children iff the user holds any permission of the comma-separated `perm`. */
export function IfAnyPermission({ perm, children }: { perm: string; children?: PermissionChildren }) {
  const stripes = useHostStripes();
  return <>{renderGuarded(children, stripes.hasAnyPerm(perm) === true)}</>;
}

type InterfaceChildren = ReactNode | ((state: { hasInterface: boolean }) => ReactNode);

/** Renders children iff the interface is available in a compatible version. */
export function IfInterface({ name, version, children }: { name: string; version?: string; children?: InterfaceChildren }) {
  const stripes = useHostStripes();
  const available = Boolean(stripes.hasInterface(name, version));
  if (typeof children === 'function') return <>{children({ hasInterface: available })}</>;
  return available ? <>{children}</> : null;
}
