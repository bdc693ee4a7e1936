/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Headline, MessageBanner, TextField } from '@folio/stripes/components';
import { T } from '../utils/labels';
import { PatronApiError, signInPatron, type PatronSignInResult } from './patron-api';
import { InputField } from '../components/InputField';

export interface PatronSignInProps {
  /** DEMO ONLY: where barcode and PIN are exchanged for a patron token */
  signInUrl: string;
  tenant: string;
  onSignedIn(result: PatronSignInResult): void;
}

/** Library card and PIN, exchanged for a patron token by the demo's sign-in stand-in. */
export function PatronSignIn({ signInUrl, tenant, onSignedIn }: PatronSignInProps) {
  const intl = useIntl();
  const [barcode, setBarcode] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!barcode.trim() || !pin) {
      setError(intl.formatMessage({ id: `${T}.patronSignIn.missing` }));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await signInPatron(signInUrl, tenant, barcode.trim(), pin));
    } catch (err) {
      setError(err instanceof PatronApiError && (err.status === 401 || err.status === 422)
        ? intl.formatMessage({ id: `${T}.patronSignIn.wrong` })
        : intl.formatMessage({ id: `${T}.patronSignIn.failed` }, { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="rs-patron-sign-in" onSubmit={(e) => { void submit(e); }} noValidate aria-labelledby="rs-patron-sign-in-heading">
      <Headline size="large" tag="h2"><span id="rs-patron-sign-in-heading"><FormattedMessage id={`${T}.patronSignIn.heading`} /></span></Headline>
      <p><FormattedMessage id={`${T}.patronSignIn.intro`} /></p>
      {error ? <MessageBanner type="error">{error}</MessageBanner> : null}
      <TextField id="rs-patron-barcode" label={intl.formatMessage({ id: `${T}.patronSignIn.barcode` })} value={barcode} onChange={(e) => setBarcode(e.target.value)} required autoFocus />
      <InputField id="rs-patron-pin" type="password" label={intl.formatMessage({ id: `${T}.patronSignIn.pin` })} value={pin} onChange={(e) => setPin(e.target.value)} required />
      <Button type="submit" buttonStyle="primary" disabled={busy} id="rs-patron-sign-in-submit">
        <FormattedMessage id={`${T}.patronSignIn.submit`} />
      </Button>
    </form>
  );
}
