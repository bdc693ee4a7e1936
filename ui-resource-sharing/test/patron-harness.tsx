/** @jsxRuntime automatic @jsxImportSource react */
// Mounts the public patron page the way the standalone host's PatronHost does (react-intl with
// the app's translations, no Stripes session), with the patron fake behind `fetch`.
import { Fragment, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import { PatronApp } from '../src/patron/PatronApp.tsx';
import { installStyles } from '../standalone/host/styles.ts';
import { AVAILABLE_LOCALES, messagesFor } from '../standalone/host/translations.ts';
import type { PatronFake } from './patron-fake.ts';

export const OKAPI_URL = 'http://okapi.test';

export interface PatronMountOptions {
  fake: PatronFake;
  search?: string;
  locale?: string;
  token?: string;
  signInUrl?: string;
  today?: string;
  onRequestPlaced?(): void;
}

function Page({ options }: { options: PatronMountOptions }) {
  const [locale, setLocale] = useState(options.locale ?? 'en-US');
  return (
    <IntlProvider locale={locale} messages={messagesFor(locale)} textComponent={Fragment}>
      <PatronApp
        okapiUrl={OKAPI_URL}
        tenant="northfield"
        search={options.search ?? ''}
        initialToken={options.token}
        signInUrl={options.signInUrl ?? `${OKAPI_URL}/demo/patron-sign-in`}
        locale={locale}
        locales={AVAILABLE_LOCALES}
        onLocaleChange={setLocale}
        today={options.today ?? '2026-03-10'}
        onRequestPlaced={options.onRequestPlaced}
      />
    </IntlProvider>
  );
}

export function mountPatronPage(options: PatronMountOptions): { unmount(): void } {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = options.fake.fetch;
  sessionStorage.clear();
  installStyles(document);
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root: Root = createRoot(container);
  root.render(<Page options={options} />);
  return {
    unmount() {
      root.unmount();
      container.remove();
      document.body.innerHTML = '';
      globalThis.fetch = originalFetch;
      sessionStorage.clear();
    },
  };
}
