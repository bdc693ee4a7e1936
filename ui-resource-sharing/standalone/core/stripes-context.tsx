/** @jsxRuntime automatic @jsxImportSource react */
import { createContext, useContext, type ComponentType } from 'react';
import type { Stripes } from './stripes';

export const StripesContext = createContext<Stripes | undefined>(undefined);

export function useStripes(): Stripes {
  const stripes = useContext(StripesContext);
  if (!stripes) throw new Error('useStripes() used outside a StripesContext.Provider');
  return stripes;
}

/** HOC: injects `stripes`; an explicit `stripes` prop wins over the context. */
export function withStripes<P extends { stripes?: Stripes }>(Wrapped: ComponentType<P>): ComponentType<Omit<P, 'stripes'> & { stripes?: Stripes }> {
  function WithStripes(props: Omit<P, 'stripes'> & { stripes?: Stripes }) {
    const fromContext = useContext(StripesContext);
    const merged = { ...props, stripes: props.stripes ?? fromContext } as unknown as P;
    return <Wrapped {...merged} />;
  }
  WithStripes.displayName = `WithStripes(${Wrapped.displayName ?? Wrapped.name ?? 'Component'})`;
  return WithStripes;
}

/**
 * stripes-connect binding. The stand-in has no redux store; components without a static
 * `manifest` are returned unchanged by the real `connect` too, which is all this app needs.
 */
export function stripesConnect<P extends { stripes?: Stripes }>(Wrapped: ComponentType<P>): ComponentType<Omit<P, 'stripes'> & { stripes?: Stripes }> {
  return withStripes(Wrapped);
}
