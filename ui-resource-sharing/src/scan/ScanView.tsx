/** @jsxRuntime automatic @jsxImportSource react */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, FormattedTime, useIntl } from 'react-intl';
import { Button, MessageBanner, Pane, Paneset, TextField } from '@folio/stripes/components';
import { TitleManager, useOkapiKy } from '@folio/stripes/core';
import { actionCodes, findRequests, lendingLoanPeriodDays, performRequestAction } from '../data/work-api';
import { useQueryClient } from 'react-query';
import { REQUESTS_KEY } from '../data/hooks';
import type { ResourceSharingRequest } from '../types/request';
import { readApiError } from '../utils/errors';
import { wordApiError } from '../utils/error-words';
import { T, stateLabel } from '../utils/labels';
import {
  SCAN_WORKFLOWS, defaultDueDate, dueDateParameter, scanReceive, scanReturn, scanShipItem, scanShipRequest,
  type ScanApi, type ScanOutcome, type ScanWorkflow,
} from './scan-workflows';
import { InputField } from '../components/InputField';
import roleSwitchCss from '../components/RoleSwitch.css';
import timelineCss from '../components/RequestTimeline.css';
import { useLiveUpdates } from '../live/useLiveUpdates';

interface SessionEntry {
  n: number;
  at: string;
  workflow: ScanWorkflow;
  outcome: ScanOutcome;
}

function useScanApi(): ScanApi {
  const ky = useOkapiKy();
  const intl = useIntl();
  return useMemo(() => ({
    find: (query) => findRequests(ky, query, 10),
    actions: (id) => actionCodes(ky, id),
    perform: (id, code, parameters) => performRequestAction(ky, id, code, parameters),
    describeError: async (error) => wordApiError(intl, await readApiError(error)).join(' '),
  }), [ky, intl]);
}

/**
 * Desk scanning: receive (borrowing), ship (lending: request id from the pull slip, then the
 * item barcode) and return (either side, by item barcode). Each scan says plainly what happened
 * or why nothing did; the session's scans stay listed, newest first.
 */
export function ScanView({ workflow, appPath, onClose }: { workflow: ScanWorkflow; appPath: string; onClose(): void }) {
  const intl = useIntl();
  const ky = useOkapiKy();
  const api = useScanApi();
  const queryClient = useQueryClient();
  useLiveUpdates();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<SessionEntry[]>([]);
  const [toShip, setToShip] = useState<ResourceSharingRequest | undefined>();
  const [itemBarcode, setItemBarcode] = useState('');
  const [dueDate, setDueDate] = useState('');
  const scanInput = useRef<HTMLInputElement>(null);
  const itemInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (workflow !== 'ship') return;
    let live = true;
    void lendingLoanPeriodDays(ky).then((days) => { if (live) setDueDate((d) => d || defaultDueDate(days)); });
    return () => { live = false; };
  }, [workflow, ky]);

  useEffect(() => {
    setToShip(undefined);
    setValue('');
    scanInput.current?.focus();
  }, [workflow]);

  useEffect(() => {
    if (toShip) itemInput.current?.focus();
    else scanInput.current?.focus();
  }, [toShip, session.length]);

  const record = (outcome: ScanOutcome) => {
    setSession((s) => [{ n: s.length + 1, at: new Date().toISOString(), workflow, outcome }, ...s]);
    if (outcome.performed.length > 0) void queryClient.invalidateQueries(REQUESTS_KEY);
  };

  const run = async (work: () => Promise<ScanOutcome>, scanned: string) => {
    setBusy(true);
    try {
      const outcome = await work();
      record(outcome);
      return outcome;
    } catch (error) {
      const outcome: ScanOutcome = { ok: false, key: 'failed', scanned, performed: [], error: await api.describeError(error) };
      record(outcome);
      return outcome;
    } finally {
      setBusy(false);
    }
  };

  const submitScan = async (e: FormEvent) => {
    e.preventDefault();
    const scanned = value.trim();
    if (!scanned || busy) return;
    setValue('');
    if (workflow === 'receive') await run(() => scanReceive(api, scanned), scanned);
    if (workflow === 'return') await run(() => scanReturn(api, scanned), scanned);
    if (workflow === 'ship') {
      const outcome = await run(() => scanShipRequest(api, scanned), scanned);
      if (outcome.key === 'awaitingItem' && outcome.request) {
        setItemBarcode('');
        setToShip(outcome.request);
      }
    }
  };

  const submitItem = async (e: FormEvent) => {
    e.preventDefault();
    const barcode = itemBarcode.trim();
    if (!toShip || !barcode || busy) return;
    const outcome = await run(() => scanShipItem(api, toShip, barcode, dueDateParameter(dueDate)), barcode);
    if (outcome.ok) setToShip(undefined);
    setItemBarcode('');
  };

  const message = (o: ScanOutcome) => intl.formatMessage({ id: `${T}.scan.result.${o.key}` }, {
    hrid: o.request?.hrid ?? '',
    title: o.request?.citation.title ?? '',
    state: o.request ? stateLabel(intl, o.request.state) : '',
    requester: o.request?.requesterSymbol ?? '',
    scanned: o.scanned,
    error: o.error ?? '',
  });
  const latest = session[0];
  const scanLabel = intl.formatMessage({ id: `${T}.scan.field.${workflow}` });

  return (
    <Paneset>
      <TitleManager page={intl.formatMessage({ id: `${T}.scan.title.${workflow}` })} />
      <Pane id="rs-scan-pane" defaultWidth="fill" paneTitle={<FormattedMessage id={`${T}.scan.title.${workflow}`} />} dismissible onClose={onClose}>
        <nav className={roleSwitchCss.roleSwitch} aria-label={intl.formatMessage({ id: `${T}.scan.workflows` })}>
          {SCAN_WORKFLOWS.map((w) => (
            <Button key={w} id={`rs-scan-${w}`} to={`${appPath}/scan/${w}`} buttonStyle={w === workflow ? 'primary' : 'default'} aria-pressed={w === workflow}>
              <FormattedMessage id={`${T}.scan.nav.${w}`} />
            </Button>
          ))}
        </nav>
        <p><FormattedMessage id={`${T}.scan.help.${workflow}`} /></p>
        {!toShip ? (
          <form id="rs-scan-form" onSubmit={(e) => { void submitScan(e); }}>
            <TextField id="rs-scan-input" label={scanLabel} value={value} onChange={(e) => setValue(e.target.value)} inputRef={scanInput} autoFocus disabled={busy} />
            <Button type="submit" buttonStyle="primary" id="rs-scan-submit" disabled={busy || !value.trim()}>
              <FormattedMessage id={`${T}.scan.submit`} />
            </Button>
          </form>
        ) : (
          <form id="rs-scan-ship-item-form" onSubmit={(e) => { void submitItem(e); }}>
            <MessageBanner type="default">
              <FormattedMessage id={`${T}.scan.shipItemFor`} values={{ hrid: toShip.hrid, title: toShip.citation.title, requester: toShip.requesterSymbol ?? '' }} />
            </MessageBanner>
            <TextField id="rs-scan-item-barcode" label={intl.formatMessage({ id: `${T}.scan.field.itemBarcode` })} value={itemBarcode} onChange={(e) => setItemBarcode(e.target.value)} inputRef={itemInput} disabled={busy} required />
            <InputField id="rs-scan-due-date" type="date" label={intl.formatMessage({ id: `${T}.scan.field.dueDate` })} value={dueDate} onChange={(e) => setDueDate(e.target.value)} disabled={busy} />
            <Button id="rs-scan-ship-cancel" onClick={() => setToShip(undefined)} disabled={busy}><FormattedMessage id={`${T}.common.cancel`} /></Button>
            <Button type="submit" buttonStyle="primary" id="rs-scan-ship-submit" disabled={busy || !itemBarcode.trim()}>
              <FormattedMessage id={`${T}.scan.ship`} />
            </Button>
          </form>
        )}
        {latest ? (
          <div id="rs-scan-result">
            <MessageBanner type={latest.outcome.ok ? 'success' : 'error'}>{message(latest.outcome)}</MessageBanner>
          </div>
        ) : null}
        <h3><FormattedMessage id={`${T}.scan.session`} values={{ count: session.length }} /></h3>
        {session.length === 0 ? <p><FormattedMessage id={`${T}.scan.sessionEmpty`} /></p> : (
          <ol id="rs-scan-session" reversed className={timelineCss.timeline}>
            {session.map((entry) => (
              <li key={entry.n} data-test-scan-entry={entry.outcome.ok ? 'ok' : 'problem'}>
                <FormattedTime value={entry.at} />
                {' · '}
                <FormattedMessage id={`${T}.scan.nav.${entry.workflow}`} />
                {' · '}
                <code>{entry.outcome.scanned}</code>
                {': '}
                {message(entry.outcome)}
              </li>
            ))}
          </ol>
        )}
      </Pane>
    </Paneset>
  );
}
