/** @jsxRuntime automatic @jsxImportSource react */
import { useCallback, useEffect, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Button, Headline, Loading, MessageBanner } from '@folio/stripes/components';
import { T } from '../utils/labels';
import { saveFile } from '../utils/save-file';
import { PatronApiError, type PatronApi, type PatronRequestView } from './patron-api';

export interface MyRequestsProps {
  api: PatronApi;
  /** changes when the list must be read again (a request was placed) */
  refreshKey: number;
  onUnauthorized(): void;
}

type Notice = { type: 'success' | 'error'; text: string };

const day = (iso: string) => <FormattedDate value={iso} year="numeric" month="short" day="numeric" />;

/** What the status means for the patron now: where and until when, by when to return, the copy's link. */
function StatusDetail({ request: r, onOpenCopy, opening }: { request: PatronRequestView; onOpenCopy(r: PatronRequestView): void; opening: boolean }) {
  const parts: JSX.Element[] = [];
  if (r.status === 'readyForPickup' && r.pickupLocationName) {
    parts.push(<div key="at"><FormattedMessage id={`${T}.myRequests.pickupAt`} values={{ place: r.pickupLocationName }} /></div>);
  }
  if (r.status === 'readyForPickup' && r.pickupUntil) {
    parts.push(<div key="until"><FormattedMessage id={`${T}.myRequests.pickupUntil`} values={{ date: day(r.pickupUntil) }} /></div>);
  }
  if ((r.status === 'recalled' || r.status === 'overdue') && r.dueDate) {
    parts.push(<div key="return"><FormattedMessage id={`${T}.myRequests.returnBy`} values={{ date: day(r.dueDate) }} /></div>);
  }
  if (r.status === 'notAvailable') parts.push(<div key="next"><FormattedMessage id={`${T}.myRequests.notAvailableNext`} /></div>);
  if (r.documentUrl) {
    parts.push(
      <div key="copy" data-test-patron-copy>
        {r.copyStored ? (
          // the library's copy: fetched with the patron's token (a plain link would carry none)
          <Button buttonStyle="link" marginBottom0 disabled={opening} onClick={() => onOpenCopy(r)}>
            <FormattedMessage id={`${T}.myRequests.openCopy`} /><span className="sr-only">{`: ${r.title}`}</span>
          </Button>
        ) : (
          <a href={r.documentUrl} target="_blank" rel="noopener noreferrer"><FormattedMessage id={`${T}.myRequests.openCopy`} /><span className="sr-only">{`: ${r.title}`}</span></a>
        )}
        {r.documentExpires ? <> (<FormattedMessage id={`${T}.myRequests.copyUntil`} values={{ date: day(r.documentExpires) }} />)</> : null}
      </div>,
    );
  } else if (r.documentExpired) {
    parts.push(<div key="expired"><FormattedMessage id={`${T}.myRequests.copyExpired`} /></div>);
  }
  return parts.length ? <div className="rs-patron-muted">{parts}</div> : null;
}

/** The patron's own requests with a status they understand, and Renew where the loan allows it. */
export function MyRequests({ api, refreshKey, onUnauthorized }: MyRequestsProps) {
  const intl = useIntl();
  const [requests, setRequests] = useState<PatronRequestView[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [renewing, setRenewing] = useState<string | undefined>();
  const [opening, setOpening] = useState<string | undefined>();
  const msg = (key: string, values?: Record<string, string>) => intl.formatMessage({ id: `${T}.${key}` }, values);

  const statusLabel = (r: PatronRequestView) => {
    const id = `${T}.patronStatus.${r.status}`;
    return Object.prototype.hasOwnProperty.call(intl.messages, id) ? intl.formatMessage({ id }) : r.stateName ?? r.status;
  };

  const failed = useCallback((error: unknown): string => {
    if (error instanceof PatronApiError && error.status === 401) onUnauthorized();
    return error instanceof Error ? error.message : String(error);
  }, [onUnauthorized]);

  useEffect(() => {
    let live = true;
    api.myRequests().then(
      (list) => { if (live) { setRequests(list); setLoadError(undefined); } },
      (error: unknown) => { if (live) setLoadError(failed(error)); },
    );
    return () => { live = false; };
  }, [api, refreshKey, failed]);

  const renew = async (r: PatronRequestView) => {
    setRenewing(r.id);
    setNotice(undefined);
    try {
      const updated = await api.renew(r.id);
      setRequests((list) => list?.map((x) => (x.id === updated.id ? updated : x)));
      setNotice({ type: 'success', text: msg('myRequests.renewed', { title: r.title }) });
    } catch (error) {
      setNotice({ type: 'error', text: msg('myRequests.renewFailed', { title: r.title, message: failed(error) }) });
    } finally {
      setRenewing(undefined);
    }
  };

  const openCopy = async (r: PatronRequestView) => {
    setOpening(r.id);
    setNotice(undefined);
    try {
      const { blob, filename } = await api.openCopy(r.id);
      saveFile(blob, filename ?? r.copyFilename ?? `${r.hrid}.pdf`);
    } catch (error) {
      const gone = error instanceof PatronApiError && error.status === 410;
      setNotice({ type: 'error', text: gone ? msg('myRequests.copyGone', { title: r.title }) : msg('myRequests.copyFailed', { title: r.title, message: failed(error) }) });
    } finally {
      setOpening(undefined);
    }
  };

  return (
    <section id="rs-patron-my-requests" aria-labelledby="rs-patron-my-requests-heading">
      <Headline size="large" tag="h2"><span id="rs-patron-my-requests-heading"><FormattedMessage id={`${T}.myRequests.heading`} /></span></Headline>
      {notice ? <MessageBanner type={notice.type}>{notice.text}</MessageBanner> : null}
      {loadError ? <MessageBanner type="error"><FormattedMessage id={`${T}.myRequests.loadFailed`} values={{ message: loadError }} /></MessageBanner> : null}
      {!requests && !loadError ? <Loading /> : null}
      {requests && requests.length === 0 ? <p><FormattedMessage id={`${T}.myRequests.none`} /></p> : null}
      {requests && requests.length > 0 ? (
        <table className="rs-patron-table">
          <thead>
            <tr>
              <th scope="col"><FormattedMessage id={`${T}.myRequests.column.title`} /></th>
              <th scope="col"><FormattedMessage id={`${T}.myRequests.column.status`} /></th>
              <th scope="col"><FormattedMessage id={`${T}.myRequests.column.dueDate`} /></th>
              <th scope="col"><FormattedMessage id={`${T}.myRequests.column.requestId`} /></th>
              <th scope="col"><span className="sr-only"><FormattedMessage id={`${T}.myRequests.column.actions`} /></span></th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} data-test-patron-request={r.hrid}>
                <td>
                  <strong>{r.title}</strong>
                  {r.author ? <div>{r.author}</div> : null}
                  <div className="rs-patron-muted">
                    <FormattedMessage id={`${T}.patronForm.serviceType.${r.serviceType === 'copy' ? 'copy' : 'loan'}`} />
                  </div>
                </td>
                <td>
                  <span data-test-patron-status>{statusLabel(r)}</span>
                  <StatusDetail request={r} onOpenCopy={(x) => { void openCopy(x); }} opening={opening === r.id} />
                </td>
                <td>{r.dueDate ? <FormattedDate value={r.dueDate} year="numeric" month="short" day="numeric" /> : null}</td>
                <td>{r.hrid}</td>
                <td>
                  {r.canRenew ? (
                    <Button id={`rs-patron-renew-${r.hrid}`} disabled={renewing === r.id} onClick={() => { void renew(r); }} marginBottom0>
                      <FormattedMessage id={`${T}.myRequests.renew`} />
                      <span className="sr-only">{`: ${r.title}`}</span>
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
