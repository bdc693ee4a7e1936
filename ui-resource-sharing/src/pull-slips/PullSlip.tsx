/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedDate, FormattedMessage } from 'react-intl';
import type { ResourceSharingRequest } from '../types/request';
import { T } from '../utils/labels';
import { Barcode128 } from './Barcode128';

/** What the host told us about the item, when the record carries it (FOLIO paging at Will supply). */
interface HostItemInfo {
  hostRecords?: { itemBarcode?: string; callNumber?: string };
  callNumber?: string;
}

/** The facts on a pull slip, in print order; empty ones are left out. */
export function pullSlipFacts(r: ResourceSharingRequest & HostItemInfo): Array<{ key: string; value: string }> {
  const facts: Array<{ key: string; value: string | undefined }> = [
    { key: 'author', value: r.citation.author },
    { key: 'callNumber', value: r.callNumber ?? r.hostRecords?.callNumber },
    { key: 'itemBarcode', value: r.itemBarcode ?? r.hostRecords?.itemBarcode },
    { key: 'isbn', value: r.citation.isbn ?? r.citation.issn },
    { key: 'edition', value: [r.citation.edition, r.citation.publicationDate].filter(Boolean).join(', ') || undefined },
    { key: 'articleTitle', value: r.serviceType === 'copy' ? r.citation.articleTitle : undefined },
    { key: 'pages', value: r.serviceType === 'copy' ? r.citation.pages : undefined },
    { key: 'requester', value: r.requesterSymbol },
    { key: 'patron', value: r.patron?.name ?? r.patron?.id ?? r.patron?.barcode },
    { key: 'peerRequestId', value: r.peerRequestId },
  ];
  return facts.filter((f): f is { key: string; value: string } => Boolean(f.value));
}

/** One pull slip: the request id as a Code 128 barcode, what to fetch from the shelf, and for whom. */
export function PullSlip({ request }: { request: ResourceSharingRequest }) {
  return (
    <article className="rs-pull-slip" data-test-pull-slip={request.hrid}>
      <h2>
        <FormattedMessage id={`${T}.pullSlip.heading`} values={{ hrid: request.hrid }} />
        {' · '}
        <FormattedMessage id={`${T}.serviceType.${request.serviceType === 'copy' ? 'copy' : 'loan'}`} />
      </h2>
      <Barcode128 value={request.hrid} />
      <div className="rs-pull-slip-title">{request.citation.title}</div>
      <dl>
        {pullSlipFacts(request).map((f) => (
          <div key={f.key} style={{ display: 'contents' }}>
            <dt><FormattedMessage id={`${T}.pullSlip.${f.key}`} /></dt>
            <dd data-test-pull-slip-fact={f.key}>{f.value}</dd>
          </div>
        ))}
        {request.patron?.neededBefore ? (
          <div style={{ display: 'contents' }}>
            <dt><FormattedMessage id={`${T}.pullSlip.neededBefore`} /></dt>
            <dd><FormattedDate value={request.patron.neededBefore} timeZone="UTC" year="numeric" month="short" day="numeric" /></dd>
          </div>
        ) : null}
        {request.metadata?.createdDate ? (
          <div style={{ display: 'contents' }}>
            <dt><FormattedMessage id={`${T}.pullSlip.received`} /></dt>
            <dd><FormattedDate value={request.metadata.createdDate} year="numeric" month="short" day="numeric" /></dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
