/** @jsxRuntime automatic @jsxImportSource react */
import { createContext, useContext, type ComponentType } from 'react';
import type { Stripes, StripesType } from './stripes';

export const StripesContext = createContext<StripesType | undefined>(undefined);

/** Typed as stripes-types types it: only currency, hasPerm and hasInterface are known members. */
export function useStripes(): StripesType {
  const stripes = useContext(StripesContext);
  if (!stripes) throw new Error('useStripes() used outside a StripesContext.Provider');
  return stripes;
}

/**
 * The stand-in's own components read the host's full Stripes object (the host always provides
 * one); not exported from index.ts, the app only sees `useStripes()`'s StripesType.
 */
export function useHostStripes(): Stripes {
  return useStripes() as unknown as Stripes;
}

/** HOC: injects `stripes`; an explicit `stripes` prop wins over the context. */
export function withStripes<P extends { stripes: StripesType }>(Wrapped: ComponentType<P>): ComponentType<Omit<P, 'stripes'> & { stripes?: StripesType }> {
  function WithStripes(props: Omit<P, 'stripes'> & { stripes?: StripesType }) {
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
export function stripesConnect<P extends { stripes: StripesType }>(Wrapped: ComponentType<P>): ComponentType<Omit<P, 'stripes'> & { stripes?: StripesType }> {
  return withStripes(Wrapped);
}
