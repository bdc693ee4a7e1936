/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button } from '../components/button';
import { Select, TextField } from '../components/form-controls';
import { css } from '../components/class-names';
import type { HostConfig } from './config';
import { AVAILABLE_LOCALES } from './translations';
import { LoginError, devSession, login, type Session } from './session';
import { InputField } from '../../src/components/InputField';

export interface LoginPageProps {
  config: HostConfig;
  locale: string;
  onLocaleChange(locale: string): void;
  onLogin(session: Session): void;
}

/** Tenant, username, password; plus the token-less development login when enabled. */
export function LoginPage({ config, locale, onLocaleChange, onLogin }: LoginPageProps) {
  const intl = useIntl();
  const [tenant, setTenant] = useState(config.tenant || config.tenants[0] || '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onLogin(await login(config.okapiUrl, tenant.trim(), username.trim(), password, locale));
    } catch (err) {
      setError(err instanceof LoginError ? t('stripes-core.errors.default.error') : t('stripes-core.errors.network', { message: String((err as Error)?.message ?? err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={css('loginPage')}>
      <form className={css('loginForm')} onSubmit={submit} aria-labelledby="login-heading">
        <h1 id="login-heading">{config.platformName}</h1>
        {config.tenants.length > 0 ? (
          <Select id="input-tenant" label={t('stripes-core.tenantLibrary')} value={tenant} dataOptions={config.tenants.map((x) => ({ value: x, label: x }))} onChange={(e) => setTenant(e.target.value)} />
        ) : (
          <TextField id="input-tenant" label={t('stripes-core.tenantLibrary')} value={tenant} onChange={(e) => setTenant(e.target.value)} required />
        )}
        <TextField id="input-username" label={t('stripes-core.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        <InputField id="input-password" type="password" label={t('stripes-core.password')} value={password} onChange={(e) => setPassword(e.target.value)} />
        <Select id="input-locale" label={t('stripes-core.language')} value={locale} dataOptions={AVAILABLE_LOCALES} onChange={(e) => onLocaleChange(e.target.value)} />
        {error ? <div className={css('feedbackError')} role="alert">{error}</div> : null}
        <Button type="submit" buttonStyle="primary" fullWidth disabled={busy || !tenant || !username} id="clickable-login">
          <FormattedMessage id="stripes-core.login" />
        </Button>
        {config.devMode ? (
          <Button fullWidth disabled={!tenant} id="clickable-dev-login" onClick={() => onLogin(devSession(config.okapiUrl, tenant.trim(), username.trim(), locale))}>
            <FormattedMessage id="stripes-core.loginViaDevMode" />
          </Button>
        ) : null}
      </form>
    </div>
  );
}
