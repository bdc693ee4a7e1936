/** @jsxRuntime automatic @jsxImportSource react */
import { Fragment, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { QueryClient, QueryClientProvider } from 'react-query';
import { ApolloProvider } from '@apollo/client';
import { createApolloClient } from './apollo-client';
import { Callout } from '../components/callout';
import { CalloutContext, queueingCallout, type CalloutApi } from '../core/callout-context';
import { StripesContext } from '../core/stripes-context';
import type { Stripes } from '../core/stripes';
import { messagesFor } from './translations';

/** react-query client with stripes-core's defaults. */
export function createReactQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, cacheTime: 5 * 60 * 1000 } },
  });
}

const RICH_TEXT = Object.fromEntries(['b', 'i', 'em', 'strong', 'span', 'div', 'p', 'ul', 'ol', 'li', 'code']
  .map((tag) => [tag, (chunks: ReactNode[]) => <Fragment>{chunks}</Fragment>]));

// react-intl advises pre-compiling messages when defaultRichTextElements is set (Stripes sets it too).
function ignorePrecompileAdvice(warning: string): void {
  if (!warning.includes('pre-compile')) console.warn(warning);
}

/**
 * The providers stripes-core's Root renders around every module: StripesContext, react-query, Apollo,
 * react-intl (messages from the translation files, prefixed), and the root Callout with
 * #OverlayContainer as its portal target.
 */
export function Platform({ stripes, children, queryClient }: { stripes: Stripes; children?: ReactNode; queryClient?: QueryClient }) {
  const client = useMemo(() => queryClient ?? createReactQueryClient(), [queryClient]);
  const messages = useMemo(() => messagesFor(stripes.locale), [stripes.locale]);
  const apollo = useMemo(() => createApolloClient(stripes.okapi), [stripes.okapi.url, stripes.okapi.tenant, stripes.okapi.token]); // eslint-disable-line react-hooks/exhaustive-deps
  const calloutRef = useRef<CalloutApi>(null);
  // A stable facade over the root Callout: callouts sent before it mounts are queued, then replayed.
  const callout = useMemo<CalloutApi>(() => ({
    sendCallout: (message) => (calloutRef.current ? calloutRef.current.sendCallout(message) : queueingCallout.sendCallout(message)),
    removeCallout: (id) => calloutRef.current?.removeCallout?.(id),
  }), []);

  useEffect(() => {
    const api = calloutRef.current;
    if (api) for (const queued of queueingCallout.drain()) api.sendCallout(queued);
  }, []);

  useEffect(() => {
    document.documentElement.lang = stripes.locale;
  }, [stripes.locale]);

  return (
    <StripesContext.Provider value={stripes}>
      <QueryClientProvider client={client}>
        <ApolloProvider client={apollo}>
        <IntlProvider
          locale={stripes.locale}
          timeZone={stripes.timezone}
          messages={messages}
          textComponent={Fragment}
          defaultRichTextElements={RICH_TEXT}
          onWarn={ignorePrecompileAdvice}
        >
          <CalloutContext.Provider value={callout}>
            {children}
            <Callout ref={calloutRef} />
          </CalloutContext.Provider>
        </IntlProvider>
        </ApolloProvider>
      </QueryClientProvider>
    </StripesContext.Provider>
  );
}

/** `<main id="ModuleContainer">` with `#OverlayContainer` (portal target of overlays) first, as stripes-core renders it. */
export function ModuleContainer({ children }: { children?: ReactNode }) {
  return (
    <main id="ModuleContainer">
      <div id="OverlayContainer" />
      {children}
    </main>
  );
}
