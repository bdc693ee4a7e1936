/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { Accordion, AccordionSet, Col, KeyValue, LoadingPane, MessageBanner, Pane, Row } from '@folio/stripes/components';
import { IfPermission, TitleManager } from '@folio/stripes/core';
import { DateOnly, DateTime } from '../components/DateTime';
import { RequestActions } from '../components/RequestActions';
import { RequestConditionsRow } from '../components/RequestConditionsRow';
import { RequestMessages } from '../components/RequestMessages';
import { RequestRota } from '../components/RequestRota';
import { RequestTimeline } from '../components/RequestTimeline';
import { StateLabel } from '../components/StateLabel';
import { useApiError } from '../components/useApiError';
import { useRequestDetail } from '../graphql/useRequestDetail';
import type { RequestRole, ResourceSharingRequest } from '../types/request';
import type { RequestDetail } from '../graphql/types';
import { T, attentionLabel } from '../utils/labels';
import { PERM_MANAGE } from '../utils/permissions';
import { useLiveUpdates } from '../live/useLiveUpdates';

function label(key: string) {
  return <FormattedMessage id={`${T}.${key}`} />;
}

function CitationSection({ r }: { r: ResourceSharingRequest }) {
  const c = r.citation ?? { title: '' };
  return (
    <>
      <Row>
        <Col xs={8}><KeyValue label={label('citation.title')} value={c.title} /></Col>
        <Col xs={4}><KeyValue label={label('citation.author')} value={c.author} /></Col>
      </Row>
      <Row>
        <Col xs={3}><KeyValue label={label('citation.isbn')} value={c.isbn} /></Col>
        <Col xs={3}><KeyValue label={label('citation.issn')} value={c.issn} /></Col>
        <Col xs={3}><KeyValue label={label('citation.publisher')} value={c.publisher} /></Col>
        <Col xs={3}><KeyValue label={label('citation.publicationDate')} value={c.publicationDate} /></Col>
      </Row>
      {(c.articleTitle || c.volume || c.issue || c.pages || c.edition) ? (
        <Row>
          <Col xs={3}><KeyValue label={label('citation.articleTitle')} value={c.articleTitle} /></Col>
          <Col xs={3}><KeyValue label={label('citation.edition')} value={c.edition} /></Col>
          <Col xs={2}><KeyValue label={label('citation.volume')} value={c.volume} /></Col>
          <Col xs={2}><KeyValue label={label('citation.issue')} value={c.issue} /></Col>
          <Col xs={2}><KeyValue label={label('citation.pages')} value={c.pages} /></Col>
        </Row>
      ) : null}
    </>
  );
}

function RequestSection({ r }: { r: RequestDetail }) {
  const partner = r.role === 'borrowing' ? r.supplierSymbol : r.requesterSymbol;
  return (
    <>
      <Row>
        <Col xs={4}><KeyValue label={label('request.state')} value={<StateLabel state={r.state} />} /></Col>
        <Col xs={4}><KeyValue label={label('request.needsAttention')} value={label(r.needsAttention ? 'common.yes' : 'common.no')} /></Col>
        <Col xs={4}><KeyValue label={label('request.serviceType')} value={label(`serviceType.${r.serviceType}`)} /></Col>
      </Row>
      <Row>
        <Col xs={4}><KeyValue label={label(`request.partner.${r.role}`)} value={partner} subValue={r.partner?.name} /></Col>
        <Col xs={4}><KeyValue label={label('request.peerRequestId')} value={r.peerRequestId} /></Col>
        <Col xs={4}><KeyValue label={label('request.itemBarcode')} value={r.itemBarcode} /></Col>
      </Row>
      <Row>
        <Col xs={3}><KeyValue label={label('request.dueDate')} value={r.dueDate ? <DateTime value={r.dueDate} /> : undefined} /></Col>
        <Col xs={3}><KeyValue label={label('request.patronDueDate')} value={r.patronDueDate ? <DateTime value={r.patronDueDate} /> : undefined} /></Col>
        <Col xs={3}><KeyValue label={label('request.created')} value={r.metadata?.createdDate ? <DateTime value={r.metadata?.createdDate} /> : undefined} /></Col>
        <Col xs={3}><KeyValue label={label('request.updated')} value={r.metadata?.updatedDate ? <DateTime value={r.metadata?.updatedDate} /> : undefined} /></Col>
      </Row>
      <RequestConditionsRow conditions={r.conditions} />
    </>
  );
}

function PatronSection({ r }: { r: ResourceSharingRequest }) {
  const p = r.patron ?? {};
  return (
    <>
      <Row>
        <Col xs={4}><KeyValue label={label('patron.name')} value={p.name} /></Col>
        <Col xs={4}><KeyValue label={label('patron.barcode')} value={p.barcode} /></Col>
        <Col xs={4}><KeyValue label={label('patron.pickupLocation')} value={p.pickupLocation} /></Col>
      </Row>
      <Row>
        <Col xs={4}><KeyValue label={label('patron.neededBefore')} value={p.neededBefore ? <DateOnly value={p.neededBefore} /> : undefined} /></Col>
        <Col xs={8}><KeyValue label={label('patron.notes')} value={p.notes} /></Col>
      </Row>
    </>
  );
}

/** One request: what to do next (actions), the citation, patron, loan dates, and the timeline. */
export function RequestDetailView({ id, role, onClose }: { id: string; role: RequestRole; onClose(): void }) {
  const intl = useIntl();
  // read through the GraphQL API (record, rota, partner, audit in one query); actions stay REST
  const { request, audit } = useRequestDetail(id);
  useLiveUpdates({ id });
  const requestError = useApiError(request.error);
  const auditError = useApiError(audit.error);
  const closeLabel = intl.formatMessage({ id: `${T}.request.detail` });

  if (request.isLoading) {
    return <LoadingPane id="rs-request-detail" defaultWidth="40%" paneTitle={closeLabel} dismissible onClose={onClose} />;
  }
  if (!request.data) {
    return (
      <Pane id="rs-request-detail" defaultWidth="40%" paneTitle={closeLabel} dismissible onClose={onClose}>
        <MessageBanner type="error">
          <FormattedMessage id={`${T}.request.loadFailed`} values={{ message: (requestError ?? []).join(' ') }} />
        </MessageBanner>
      </Pane>
    );
  }
  const r = request.data;
  return (
    <Pane
      id="rs-request-detail"
      defaultWidth="40%"
      paneTitle={r.hrid}
      paneSub={r.citation?.title}
      dismissible
      onClose={onClose}
    >
      <TitleManager page={intl.formatMessage({ id: `${T}.${role}.paneTitle` })} record={r.hrid} />
      {r.lastError ? (
        <MessageBanner type="warning">
          <span id="rs-request-last-error"><FormattedMessage id={`${T}.request.lastError`} values={{ message: r.lastError }} /></span>
        </MessageBanner>
      ) : null}
      {(r.attention ?? []).length > 0 ? (
        <MessageBanner type="warning">
          <span id="rs-request-attention">
            <FormattedMessage id={`${T}.request.attentionReasons`} values={{ reasons: (r.attention ?? []).map((a) => attentionLabel(intl, a)).join(', ') }} />
          </span>
        </MessageBanner>
      ) : null}
      <AccordionSet>
        <IfPermission perm={PERM_MANAGE}>
          <Accordion id="rs-accordion-actions" label={label('section.actions')}>
            <RequestActions requestId={r.id} attention={r.attention} />
          </Accordion>
        </IfPermission>
        <Accordion id="rs-accordion-request" label={label('section.request')}>
          <RequestSection r={r} />
        </Accordion>
        <Accordion id="rs-accordion-citation" label={label('section.citation')}>
          <CitationSection r={r} />
        </Accordion>
        <Accordion id="rs-accordion-patron" label={label('section.patron')}>
          <PatronSection r={r} />
        </Accordion>
        <Accordion
          id="rs-accordion-messages"
          label={<FormattedMessage id={`${T}.section.messages`} values={{ unread: r.unreadMessages ?? 0 }} />}
        >
          <RequestMessages requestId={r.id} />
        </Accordion>
        {r.role === 'borrowing' ? (
          <Accordion id="rs-accordion-rota" label={label('section.rota')}>
            <RequestRota rota={r.rota ?? []} rotaIndex={r.rotaIndex} />
          </Accordion>
        ) : null}
        <Accordion id="rs-accordion-timeline" label={label('section.timeline')}>
          {auditError ? <MessageBanner type="error">{auditError.join(' ')}</MessageBanner> : null}
          {audit.data ? <RequestTimeline records={audit.data.auditRecords} /> : null}
        </Accordion>
      </AccordionSet>
    </Pane>
  );
}
