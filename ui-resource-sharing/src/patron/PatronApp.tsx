/** @jsxRuntime automatic @jsxImportSource react */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Loading, MessageBanner, Select } from '@folio/stripes/components';
import { T } from '../utils/labels';
import { MyRequests } from './MyRequests';
import { PatronApiError, patronApi, type OpenUrlResult, type PatronRequestView, type PickupLocation } from './patron-api';
import { hasOpenUrl, openUrlQuery, valuesFromOpenUrl } from './patron-form-values';
import { PatronRequestForm } from './PatronRequestForm';
import { PatronSignIn } from './PatronSignIn';
import { PATRON_STYLES } from './patron-styles';
import { usePatronLiveCounter } from '../live/usePatronLiveCounter';

export interface PatronAppProps {
  okapiUrl: string;
  tenant: string;
  /** the page's query string: an OpenURL (0.1 or 1.0 key/value form) fills the form */
  search: string;
  /** a patron token handed over by the discovery layer (production) */
  initialToken?: string;
  /** DEMO ONLY: the barcode + PIN sign-in stand-in; without it patrons must come with a token */
  signInUrl?: string;
  locale: string;
  locales: Array<{ value: string; label: string }>;
  onLocaleChange(locale: string): void;
  /** YYYY-MM-DD, for tests; default today */
  today?: string;
  /**
   * A request was placed (or an open one for the same title shown): the page drops the OpenURL
   * from its address, so reloading does not fill the form with it again.
   */
  onRequestPlaced?(): void;
}

interface Signed {
  token: string;
  name?: string;
}

const storageKey = (tenant: string) => `ui-resource-sharing.patron.${tenant}`;

function loadSigned(tenant: string, initialToken?: string): Signed | undefined {
  if (initialToken) return { token: initialToken };
  try {
    const raw = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(storageKey(tenant));
    return raw ? (JSON.parse(raw) as Signed) : undefined;
  } catch {
    return undefined;
  }
}

function saveSigned(tenant: string, signed: Signed | undefined): void {
  if (typeof sessionStorage === 'undefined') return;
  if (signed) sessionStorage.setItem(storageKey(tenant), JSON.stringify(signed));
  else sessionStorage.removeItem(storageKey(tenant));
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The patron-facing page: sign in (demo) or a token from the discovery layer, the request form
 * (prefilled from an OpenURL in the page address) and "my requests". Needs no Stripes session.
 */
export function PatronApp({ okapiUrl, tenant, search, initialToken, signInUrl, locale, locales, onLocaleChange, today, onRequestPlaced }: PatronAppProps) {
  const intl = useIntl();
  const [signed, setSigned] = useState<Signed | undefined>(() => loadSigned(tenant, initialToken));
  const [expired, setExpired] = useState(false);
  const api = useMemo(() => patronApi({ okapiUrl, tenant, token: signed?.token }), [okapiUrl, tenant, signed?.token]);
  const [openUrl, setOpenUrl] = useState<OpenUrlResult | 'none' | undefined>(hasOpenUrl(search) ? undefined : 'none');
  const [openUrlError, setOpenUrlError] = useState<string | undefined>();
  const [locations, setLocations] = useState<PickupLocation[] | undefined>();
  const [closed, setClosed] = useState<string | undefined>();
  const [placed, setPlaced] = useState<PatronRequestView | undefined>();
  const [refreshKey, setRefreshKey] = useState(0);
  const liveChanges = usePatronLiveCounter(okapiUrl, tenant, signed?.token);

  const signOut = useCallback((why?: 'expired') => {
    saveSigned(tenant, undefined);
    setSigned(undefined);
    setExpired(why === 'expired');
  }, [tenant]);
  const onUnauthorized = useCallback(() => signOut('expired'), [signOut]);

  useEffect(() => {
    if (!hasOpenUrl(search)) return;
    patronApi({ okapiUrl, tenant }).openUrl(openUrlQuery(search)).then(
      (result) => setOpenUrl(result),
      (error: unknown) => { setOpenUrl('none'); setOpenUrlError(error instanceof Error ? error.message : String(error)); },
    );
  }, [okapiUrl, tenant, search]);

  useEffect(() => {
    if (!signed) return;
    api.pickupLocations().then(setLocations, (error: unknown) => {
      setClosed(error instanceof PatronApiError && error.status === 404
        ? intl.formatMessage({ id: `${T}.patronApp.closed` })
        : error instanceof Error ? error.message : String(error));
    });
  }, [api, signed, intl]);

  const initialValues = useMemo(() => (openUrl && openUrl !== 'none' ? valuesFromOpenUrl(openUrl) : undefined), [openUrl]);

  let body;
  if (!signed) {
    body = signInUrl ? (
      <PatronSignIn
        signInUrl={signInUrl}
        tenant={tenant}
        onSignedIn={(r) => { const s = { token: r.token, name: r.name }; saveSigned(tenant, s); setSigned(s); setExpired(false); }}
      />
    ) : (
      <MessageBanner type="warning"><FormattedMessage id={`${T}.patronApp.noToken`} /></MessageBanner>
    );
  } else if (closed) {
    body = <MessageBanner type="error">{closed}</MessageBanner>;
  } else if (!locations || openUrl === undefined) {
    body = <Loading />;
  } else {
    body = (
      <>
        {placed && placed.duplicate ? (
          <MessageBanner type="warning">
            <FormattedMessage id={`${T}.patronApp.duplicate`} values={{ title: placed.title, hrid: placed.hrid }} />
          </MessageBanner>
        ) : placed ? (
          <MessageBanner type="success">
            <FormattedMessage id={`${T}.patronApp.placed`} values={{ title: placed.title, hrid: placed.hrid }} />
          </MessageBanner>
        ) : null}
        {openUrlError ? (
          <MessageBanner type="warning"><FormattedMessage id={`${T}.patronApp.openUrlFailed`} values={{ message: openUrlError }} /></MessageBanner>
        ) : null}
        <PatronRequestForm
          key={placed?.id ?? 'form'}
          api={api}
          pickupLocations={locations}
          initialValues={placed ? undefined : initialValues}
          prefilledFrom={!placed && openUrl !== 'none' ? { source: openUrl.source } : undefined}
          today={today ?? localToday()}
          onPlaced={(r) => { setPlaced(r); setRefreshKey((k) => k + 1); onRequestPlaced?.(); }}
          onUnauthorized={onUnauthorized}
        />
        <MyRequests api={api} refreshKey={refreshKey + liveChanges} onUnauthorized={onUnauthorized} />
      </>
    );
  }

  return (
    <div className="rs-patron-page" id="rs-patron-page">
      <style>{PATRON_STYLES}</style>
      <header className="rs-patron-header">
        <h1><FormattedMessage id={`${T}.patronApp.title`} /></h1>
        <div className="rs-patron-header-tools">
          <Select
            id="rs-patron-locale"
            label={intl.formatMessage({ id: `${T}.patronApp.language` })}
            value={locale}
            dataOptions={locales}
            onChange={(e) => onLocaleChange(e.target.value)}
            marginBottom0
          />
          {signed ? (
            <>
              <span id="rs-patron-signed-in-as">
                {signed.name ? <FormattedMessage id={`${T}.patronApp.signedInAs`} values={{ name: signed.name }} /> : null}
              </span>
              <Button id="rs-patron-sign-out" onClick={() => signOut()} marginBottom0>
                <FormattedMessage id={`${T}.patronApp.signOut`} />
              </Button>
            </>
          ) : null}
        </div>
      </header>
      <main className="rs-patron-main">
        {expired ? <MessageBanner type="warning"><FormattedMessage id={`${T}.patronApp.expired`} /></MessageBanner> : null}
        {body}
      </main>
    </div>
  );
}
