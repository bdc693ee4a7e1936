/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, FormattedNumber } from 'react-intl';
import { Col, KeyValue, Row } from '@folio/stripes/components';
import type { RequestConditions } from '../types/request';
import { T } from '../utils/labels';

function money(amount: number | undefined, currency: string | undefined) {
  if (amount === undefined || amount === null) return undefined;
  return currency ? <FormattedNumber value={amount} style="currency" currency={currency} /> : <FormattedNumber value={amount} />;
}

/**
 * The supplier's conditions and costs on the request (borrowing: what staff agree to; lending:
 * the most the borrower will pay), so nobody agrees to conditions they cannot see. Nothing when
 * there are none.
 */
export function RequestConditionsRow({ conditions }: { conditions?: RequestConditions | null }) {
  if (!conditions || Object.values(conditions).every((v) => v === undefined || v === null || v === '')) return null;
  const c = conditions;
  return (
    <div id="rs-request-conditions">
    <Row>
      <Col xs={3}>
        <KeyValue
          label={<FormattedMessage id={`${T}.conditions.loanCondition`} />}
          value={c.loanCondition ? <FormattedMessage id={`${T}.actionParameterValue.${c.loanCondition}`} defaultMessage={c.loanCondition} /> : undefined}
        />
      </Col>
      <Col xs={3}><KeyValue label={<FormattedMessage id={`${T}.conditions.cost`} />} value={money(c.cost, c.currency)} /></Col>
      <Col xs={3}><KeyValue label={<FormattedMessage id={`${T}.conditions.maximumCost`} />} value={money(c.maximumCost, c.currency)} /></Col>
      <Col xs={3}><KeyValue label={<FormattedMessage id={`${T}.conditions.note`} />} value={c.note} /></Col>
    </Row>
    </div>
  );
}
