/** @jsxRuntime automatic @jsxImportSource react */
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useQueryClient } from 'react-query';
import { Button, MessageBanner } from '@folio/stripes/components';
import { useOkapiKy } from '@folio/stripes/core';
import { REQUESTS_KEY } from '../data/hooks';
import { performRequestAction } from '../data/work-api';
import type { ResourceSharingRequest } from '../types/request';
import { readApiError } from '../utils/errors';
import { T } from '../utils/labels';

type Outcome = { kind: 'pdf'; count: number } | { kind: 'marked'; printed: string[]; failed: Array<{ hrid: string; message: string }> } | { kind: 'error'; message: string };

/**
 * The batch as one PDF made by the module (one slip a page, the request id as a Code 128 barcode,
 * shelving location and call number, the requesting library's address), opened in a new tab to
 * print; then "Mark all printed" records the batch as printed (each moves on to awaiting picking).
 */
export function PullSlipPdf({ requests }: { requests: ResourceSharingRequest[] }) {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  const [batch, setBatch] = useState<ResourceSharingRequest[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  const makePdf = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const pdf = await ky.get('resource-sharing/pull-slips.pdf', { searchParams: { ids: requests.map((r) => r.id).join(',') } }).blob();
      const url = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
      window.open(url, '_blank');
      setBatch(requests);
      setOutcome({ kind: 'pdf', count: requests.length });
    } catch (error) {
      setOutcome({ kind: 'error', message: (await readApiError(error)).messages.join(' ') });
    } finally {
      setBusy(false);
    }
  };

  const markAll = async () => {
    setBusy(true);
    const printed: string[] = [];
    const failed: Array<{ hrid: string; message: string }> = [];
    for (const r of batch) {
      try {
        await performRequestAction(ky, r.id, 'printPullSlip');
        printed.push(r.hrid);
      } catch (error) {
        failed.push({ hrid: r.hrid, message: (await readApiError(error)).messages.join(' ') });
      }
    }
    setBatch([]);
    setOutcome({ kind: 'marked', printed, failed });
    setBusy(false);
    await queryClient.invalidateQueries(REQUESTS_KEY);
  };

  if (requests.length === 0 && batch.length === 0 && !outcome) return null;
  return (
    <div id="rs-pull-slips-pdf" data-test-pull-slips-pdf>
      <Button id="rs-pull-slips-pdf-button" marginBottom0 disabled={busy || requests.length === 0} onClick={() => void makePdf()}>
        <FormattedMessage id={`${T}.pullSlips.pdf`} values={{ count: requests.length }} />
      </Button>
      {batch.length > 0 ? (
        <Button id="rs-pull-slips-mark-all" buttonStyle="primary" marginBottom0 disabled={busy} onClick={() => void markAll()}>
          <FormattedMessage id={`${T}.pullSlips.markAllPrinted`} values={{ count: batch.length }} />
        </Button>
      ) : null}
      <div role="status" id="rs-pull-slips-pdf-result">
        {outcome?.kind === 'pdf' ? <MessageBanner type="success"><FormattedMessage id={`${T}.pullSlips.pdfReady`} values={{ count: outcome.count }} /></MessageBanner> : null}
        {outcome?.kind === 'error' ? <MessageBanner type="error"><FormattedMessage id={`${T}.pullSlips.pdfFailed`} values={{ message: outcome.message }} /></MessageBanner> : null}
        {outcome?.kind === 'marked' && outcome.printed.length > 0 ? (
          <MessageBanner type="success">
            <FormattedMessage id={`${T}.pullSlips.printed`} values={{ count: outcome.printed.length, hrids: outcome.printed.join(', ') }} />
          </MessageBanner>
        ) : null}
        {outcome?.kind === 'marked'
          ? outcome.failed.map((f) => (
            <MessageBanner key={f.hrid} type="error"><FormattedMessage id={`${T}.pullSlips.notMarked`} values={{ hrid: f.hrid, message: f.message }} /></MessageBanner>
          ))
          : null}
      </div>
    </div>
  );
}
