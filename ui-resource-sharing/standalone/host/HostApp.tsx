/** @jsxRuntime automatic @jsxImportSource react */
import { useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { BrowserRouter } from 'react-router-dom';
import { readHostConfig } from './config';
import { LoginPage } from './LoginPage';
import { MainNav } from './MainNav';
import { ModuleRoutes } from './ModuleRoutes';
import { ModuleContainer, Platform } from './Platform';
import { loadSession, saveSession, stripesForSession, type Session } from './session';
import { messagesFor } from './translations';

function initialLocale(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('locale');
  return fromUrl ?? (navigator.language?.startsWith('de') ? 'de-DE' : 'en-US');
}

/** The standalone platform: login page until a session exists, then nav + the module's routes. */
export function HostApp() {
  const config = useMemo(readHostConfig, []);
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [locale, setLocale] = useState(session?.locale ?? initialLocale());
  const stripes = useMemo(() => (session ? stripesForSession(session, config.platformName) : undefined), [session, config.platformName]);

  const change = (next: Session | undefined) => {
    saveSession(next);
    setSession(next);
  };

  if (!session || !stripes) {
    return (
      <IntlProvider locale={locale} messages={messagesFor(locale)}>
        <LoginPage config={config} locale={locale} onLocaleChange={setLocale} onLogin={(s) => { setLocale(s.locale); change(s); }} />
      </IntlProvider>
    );
  }
  return (
    <BrowserRouter basename={config.basename || undefined}>
      <Platform stripes={stripes}>
        <MainNav session={session} onLogout={() => change(undefined)} />
        <ModuleContainer>
          <ModuleRoutes />
        </ModuleContainer>
      </Platform>
    </BrowserRouter>
  );
}
