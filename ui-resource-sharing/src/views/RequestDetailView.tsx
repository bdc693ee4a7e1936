/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { useState } from 'react';
import { Accordion, AccordionSet, Button, Col, KeyValue, LoadingPane, MessageBanner, Pane, PaneMenu, Row } from '@folio/stripes/components';
import { TitleManager, useStripes } from '@folio/stripes/core';
import { DateOnly, DateTime } from '../components/DateTime';
import { useRequestActionsUi } from '../components/RequestActions';
import { RequestConditionsRow } from '../components/RequestConditionsRow';
import { RequestMessages } from '../components/RequestMessages';
import { RequestRota } from '../components/RequestRota';
import { RequestTimeline } from '../components/RequestTimeline';
import { StateLabel } from '../components/StateLabel';
import { StoredCopyRow } from '../components/StoredCopyRow';
import css from './RequestDetailView.css';
import { useReferenceData } from '../settings/editors/config-api';
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
        <Col xs={4}><KeyValue label={label(`request.partner.${r.role}`)} value={r.partner?.name ?? partner} subValue={r.partner?.name ? partner : undefined} /></Col>
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
      <StoredCopyRow r={r} />
    </>
  );
}

function PatronSection({ r }: { r: ResourceSharingRequest }) {
  const p = r.patron ?? {};
  // a pickup point by its name (the request may name it by code or id)
  const pickupName = (useReferenceData().data?.pickupLocations ?? [])
    .find((l) => p.pickupLocation && (l.code === p.pickupLocation || l.id === p.pickupLocation))?.name;
  return (
    <>
      <Row>
        <Col xs={4}><KeyValue label={label('patron.name')} value={p.name} /></Col>
        <Col xs={4}><KeyValue label={label('patron.barcode')} value={p.barcode} /></Col>
        <Col xs={4}><KeyValue label={label('patron.pickupLocation')} value={pickupName ?? p.pickupLocation} subValue={pickupName ? p.pickupLocation : undefined} /></Col>
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
  const canManage = useStripes().hasPerm(PERM_MANAGE) === true;
  const shown = request.data;
  const [chatOpen, setChatOpen] = useState(false);
  const actionsUi = useRequestActionsUi(
    { id, state: shown?.state ?? '', _version: shown?._version, attention: shown?.attention },
    canManage && !!shown,
  );

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
  const unread = r.unreadMessages ?? 0;
  const partnerName = r.partner?.name ?? (r.role === 'borrowing' ? r.supplierSymbol : r.requesterSymbol) ?? '';
  const chatLabel = intl.formatMessage({ id: `${T}.chat.button` }, { unread });
  const chatButton = (
    <PaneMenu>
      <Button
        id="rs-request-chat-button"
        marginBottom0
        buttonStyle={chatOpen ? 'primary' : 'default'}
        aria-pressed={chatOpen}
        aria-describedby="rs-request-chat-status"
        title={chatLabel}
        onClick={() => setChatOpen(!chatOpen)}
      >
        <FormattedMessage id={`${T}.chat.buttonText`} />
        {unread > 0 ? <span className={css.unreadBadge} data-test-chat-unread aria-hidden="true">{unread}</span> : null}
      </Button>
      <span id="rs-request-chat-status" className={css.visuallyHidden}>{chatLabel}</span>
    </PaneMenu>
  );
  return (
    <>
    <Pane
      id="rs-request-detail"
      defaultWidth={chatOpen ? '35%' : '40%'}
      paneTitle={r.hrid}
      paneSub={<span className={css.paneSubTitle}>{r.citation?.title}</span>}
      dismissible
      onClose={onClose}
      actionMenu={actionsUi?.actionMenu}
      lastMenu={chatButton}
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
      {actionsUi?.form}
      <AccordionSet>
        <Accordion id="rs-accordion-request" label={label('section.request')}>
          <RequestSection r={r} />
        </Accordion>
        <Accordion id="rs-accordion-citation" label={label('section.citation')}>
          <CitationSection r={r} />
        </Accordion>
        <Accordion id="rs-accordion-patron" label={label('section.patron')}>
          <PatronSection r={r} />
        </Accordion>
        {r.role === 'borrowing' ? (
          <Accordion id="rs-accordion-rota" label={label('section.rota')}>
            <RequestRota rota={r.rota ?? []} rotaIndex={r.rotaIndex} />
          </Accordion>
        ) : null}
        <Accordion id="rs-accordion-timeline" label={label('section.timeline')}>
          {auditError ? <MessageBanner type="error">{auditError.join(' ')}</MessageBanner> : null}
          {audit.data ? <RequestTimeline records={audit.data.auditRecords} partner={r.partner} /> : null}
        </Accordion>
      </AccordionSet>
    </Pane>
    {chatOpen ? (
      <Pane
        id="rs-request-chat"
        defaultWidth="25%"
        paneTitle={intl.formatMessage({ id: `${T}.chat.title` }, { partner: partnerName })}
        paneSub={<FormattedMessage id={`${T}.section.messages`} values={{ unread }} />}
        dismissible
        onClose={() => setChatOpen(false)}
      >
        <RequestMessages requestId={r.id} />
      </Pane>
    ) : null}
    </>
  );
}
