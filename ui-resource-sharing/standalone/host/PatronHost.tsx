/** @jsxRuntime automatic @jsxImportSource react */
import { Fragment, useEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { PatronApp } from '../../src/patron/PatronApp';
import { readHostConfig } from './config';
import { AVAILABLE_LOCALES, messagesFor } from './translations';

// The public patron page of the standalone build: `<basename>/patron/<tenant>`, no staff login.
// In a FOLIO installation the same PatronApp is embedded by whatever page the library gives its
// patrons (discovery layer, web site), which passes the patron token it signed.

function initialLocale(search: string): string {
  const fromUrl = new URLSearchParams(search).get('locale');
  if (fromUrl) return fromUrl.startsWith('de') ? 'de-DE' : fromUrl;
  return typeof navigator !== 'undefined' && navigator.language?.startsWith('de') ? 'de-DE' : 'en-US';
}

/** Keeps only the page's own parameter (locale) in the address once the OpenURL has been used. */
function dropOpenUrl(): void {
  const params = new URLSearchParams(window.location.search);
  const locale = params.get('locale');
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${locale ? `?locale=${encodeURIComponent(locale)}` : ''}`);
}

export function PatronHost({ tenant, search }: { tenant: string; search: string }) {
  const config = useMemo(readHostConfig, []);
  const [locale, setLocale] = useState(() => initialLocale(search));
  const messages = useMemo(() => messagesFor(locale), [locale]);
  useEffect(() => { document.documentElement.lang = locale; }, [locale]);
  return (
    <IntlProvider locale={locale} messages={messages} textComponent={Fragment}>
      <PatronApp
        okapiUrl={config.okapiUrl}
        tenant={tenant}
        search={search}
        initialToken={config.patronToken}
        signInUrl={config.patronSignInUrl}
        locale={locale}
        locales={AVAILABLE_LOCALES}
        onLocaleChange={setLocale}
        onRequestPlaced={dropOpenUrl}
      />
    </IntlProvider>
  );
}
