/** @jsxRuntime automatic @jsxImportSource react */
import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery, useQueryClient } from 'react-query';
import { Button, Checkbox, Loading, MessageBanner, Pane, PaneMenu, Paneset } from '@folio/stripes/components';
import { TitleManager, useOkapiKy } from '@folio/stripes/core';
import { useApiError } from '../components/useApiError';
import { REQUESTS_KEY } from '../data/hooks';
import { findRequests, performRequestAction } from '../data/work-api';
import type { ResourceSharingRequest } from '../types/request';
import { readApiError } from '../utils/errors';
import { wordApiError } from '../utils/error-words';
import { T } from '../utils/labels';
import { PullSlip } from './PullSlip';
import { PullSlipPdf } from './PullSlipPdf';
import { PULL_SLIP_STYLES } from './pull-slip-styles';

export const AWAITING_PULL_SLIP = 'RES_NEW_AWAIT_PULL_SLIP';
const QUERY = `role=="lending" and state=="${AWAITING_PULL_SLIP}" sortby createdDate/sort.ascending`;

interface PrintResult {
  printed: string[];
  failed: Array<{ hrid: string; message: string }>;
}

/**
 * Lending requests waiting for their pull slip: pick some (or all), print them (one slip per
 * page, the request id as a Code 128 barcode), and each printed one is marked with the
 * "Print pull slip" action, so it moves on to "awaiting picking".
 */
export function PullSlipsView({ onClose }: { onClose(): void }) {
  const ky = useOkapiKy();
  const intl = useIntl();
  const queryClient = useQueryClient();
  const list = useQuery([REQUESTS_KEY, 'pullSlips'], () => findRequests(ky, QUERY, 200));
  const listError = useApiError(list.error);
  const awaiting = useMemo(() => list.data ?? [], [list.data]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<ResourceSharingRequest[] | undefined>();
  const [phase, setPhase] = useState<'idle' | 'printing' | 'marking'>('idle');
  const [result, setResult] = useState<PrintResult | undefined>();

  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const allSelected = awaiting.length > 0 && awaiting.every((r) => selected.has(r.id));

  const print = (requests: ResourceSharingRequest[]) => {
    if (requests.length === 0 || phase !== 'idle') return;
    setResult(undefined);
    setBatch(requests);
    setPhase('printing');
  };

  useEffect(() => {
    if (phase !== 'printing' || !batch) return;
    // the slips are in the DOM now: print them, then record that they were printed
    window.print();
    setPhase('marking');
    void (async () => {
      const outcome: PrintResult = { printed: [], failed: [] };
      for (const r of batch) {
        try {
          await performRequestAction(ky, r.id, 'printPullSlip');
          outcome.printed.push(r.hrid);
        } catch (error) {
          outcome.failed.push({ hrid: r.hrid, message: wordApiError(intl, await readApiError(error)).join(' ') });
        }
      }
      setResult(outcome);
      setSelected(new Set());
      setPhase('idle');
      await queryClient.invalidateQueries(REQUESTS_KEY);
    })();
  }, [phase, batch, ky, queryClient]);

  const chosen = awaiting.filter((r) => selected.has(r.id));
  const menu = (
    <PaneMenu>
      <Button id="rs-pull-slips-print-all" buttonStyle="primary" marginBottom0 disabled={awaiting.length === 0 || phase !== 'idle'} onClick={() => print(awaiting)}>
        <FormattedMessage id={`${T}.pullSlips.printAll`} values={{ count: awaiting.length }} />
      </Button>
    </PaneMenu>
  );

  return (
    <Paneset>
      <TitleManager page={intl.formatMessage({ id: `${T}.pullSlips.title` })} />
      <style>{PULL_SLIP_STYLES}</style>
      <Pane
        id="rs-pull-slips-pane"
        defaultWidth="fill"
        paneTitle={<FormattedMessage id={`${T}.pullSlips.title`} />}
        paneSub={list.data ? <FormattedMessage id={`${T}.pullSlips.count`} values={{ count: awaiting.length }} /> : undefined}
        lastMenu={menu}
        dismissible
        onClose={onClose}
      >
        {listError ? <MessageBanner type="error"><FormattedMessage id={`${T}.list.error`} values={{ message: listError.join(' ') }} /></MessageBanner> : null}
        {result ? (
          <div id="rs-pull-slips-result">
            {result.printed.length > 0 ? (
              <MessageBanner type="success">
                <FormattedMessage id={`${T}.pullSlips.printed`} values={{ count: result.printed.length, hrids: result.printed.join(', ') }} />
              </MessageBanner>
            ) : null}
            {result.failed.map((f) => (
              <MessageBanner key={f.hrid} type="error">
                <FormattedMessage id={`${T}.pullSlips.notMarked`} values={{ hrid: f.hrid, message: f.message }} />
              </MessageBanner>
            ))}
          </div>
        ) : null}
        <PullSlipPdf requests={chosen.length > 0 ? chosen : awaiting} />
        {phase === 'marking' ? <Loading /> : null}
        {list.isLoading ? <Loading /> : null}
        {list.data && awaiting.length === 0 ? <p><FormattedMessage id={`${T}.pullSlips.none`} /></p> : null}
        {awaiting.length > 0 ? (
          <>
            <div className="rs-pull-slips-actions">
              <Checkbox
                id="rs-pull-slips-select-all"
                label={<FormattedMessage id={`${T}.pullSlips.selectAll`} />}
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(awaiting.map((r) => r.id)))}
              />
              <Button id="rs-pull-slips-print-selected" marginBottom0 disabled={chosen.length === 0 || phase !== 'idle'} onClick={() => print(chosen)}>
                <FormattedMessage id={`${T}.pullSlips.printSelected`} values={{ count: chosen.length }} />
              </Button>
            </div>
            <table className="rs-pull-slips-table" id="rs-pull-slips-list">
              <thead>
                <tr>
                  <th scope="col"><span className="sr-only"><FormattedMessage id={`${T}.pullSlips.column.select`} /></span></th>
                  <th scope="col"><FormattedMessage id={`${T}.column.hrid`} /></th>
                  <th scope="col"><FormattedMessage id={`${T}.column.title`} /></th>
                  <th scope="col"><FormattedMessage id={`${T}.pullSlips.column.requester`} /></th>
                </tr>
              </thead>
              <tbody>
                {awaiting.map((r) => (
                  <tr key={r.id} data-test-pull-slip-row={r.hrid}>
                    <td>
                      <Checkbox
                        id={`rs-pull-slip-select-${r.hrid}`}
                        label={<span className="sr-only"><FormattedMessage id={`${T}.pullSlips.select`} values={{ hrid: r.hrid }} /></span>}
                        checked={selected.has(r.id)}
                        onChange={() => toggle(r.id)}
                      />
                    </td>
                    <td>{r.hrid}</td>
                    <td>{r.citation.title}</td>
                    <td>{r.requesterSymbol}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {batch ? (
          <section id="rs-pull-slips-preview" aria-label={intl.formatMessage({ id: `${T}.pullSlips.preview` })}>
            {batch.map((r) => <PullSlip key={r.id} request={r} />)}
          </section>
        ) : null}
      </Pane>
      {batch ? createPortal(<div className="rs-print-area">{batch.map((r) => <PullSlip key={r.id} request={r} />)}</div>, document.body) : null}
    </Paneset>
  );
}
