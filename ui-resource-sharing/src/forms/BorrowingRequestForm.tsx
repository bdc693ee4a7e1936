/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Col, Headline, MessageBanner, Row, Select, TextArea, TextField } from '@folio/stripes/components';
import { T } from '../utils/labels';
import {
  EMPTY_BORROWING_REQUEST, validateBorrowingRequest, type BorrowingRequestErrors, type BorrowingRequestValues,
} from './borrowing-request-values';
import { InputField, type InputFieldType } from '../components/InputField';
import css from './forms.css';

export interface BorrowingRequestFormProps {
  submitting: boolean;
  onSubmit(values: BorrowingRequestValues): void;
  onCancel(): void;
  /** YYYY-MM-DD; "needed before" may not be earlier */
  today: string;
  /** the pickup points to choose from; without them the pickup location is typed */
  pickupLocations?: Array<{ value: string; label: string }>;
}

/** The staff form for a new borrowing request. Refuses to send without a title. */
export function BorrowingRequestForm({ submitting, onSubmit, onCancel, today, pickupLocations = [] }: BorrowingRequestFormProps) {
  const intl = useIntl();
  const [values, setValues] = useState<BorrowingRequestValues>(EMPTY_BORROWING_REQUEST);
  const [errors, setErrors] = useState<BorrowingRequestErrors>({});
  const set = <K extends keyof BorrowingRequestValues>(key: K, value: BorrowingRequestValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
  };
  const msg = (key: string) => intl.formatMessage({ id: `${T}.${key}` });
  const err = (key: keyof BorrowingRequestValues) => (errors[key] ? msg(errors[key] as string) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateBorrowingRequest(values, today);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(values);
  };

  const text = (key: keyof BorrowingRequestValues, labelKey: string, extra: { required?: boolean; type?: InputFieldType } = {}) => {
    const common = { id: `rs-new-${key}`, name: key, label: msg(labelKey), value: String(values[key]), error: err(key), required: extra.required };
    const onChange = (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.value as never);
    return extra.type
      ? <InputField {...common} type={extra.type} onChange={onChange} />
      : <TextField id={common.id} name={common.name} label={common.label} value={common.value} error={common.error} required={common.required} onChange={onChange} />;
  };

  return (
    <form id="rs-new-borrowing-request-form" onSubmit={submit} noValidate>
      {Object.keys(errors).length > 0 ? (
        <MessageBanner type="error"><FormattedMessage id={`${T}.validation.summary`} /></MessageBanner>
      ) : null}
      <Headline size="large" tag="h3"><FormattedMessage id={`${T}.section.citation`} /></Headline>
      <Row>
        <Col xs={12}>{text('title', 'citation.title', { required: true })}</Col>
      </Row>
      <Row>
        <Col xs={6}>{text('author', 'citation.author')}</Col>
        <Col xs={3}>{text('isbn', 'citation.isbn')}</Col>
        <Col xs={3}>{text('issn', 'citation.issn')}</Col>
      </Row>
      <Row>
        <Col xs={4}>
          <Select
            id="rs-new-serviceType"
            label={msg('request.serviceType')}
            value={values.serviceType}
            dataOptions={[
              { value: 'loan', label: msg('serviceType.loan') },
              { value: 'copy', label: msg('serviceType.copy') },
            ]}
            onChange={(e) => set('serviceType', e.target.value === 'copy' ? 'copy' : 'loan')}
          />
        </Col>
        {values.serviceType === 'copy' ? (
          <>
            <Col xs={5}>{text('articleTitle', 'citation.articleTitle')}</Col>
            <Col xs={3}>{text('pages', 'citation.pages')}</Col>
          </>
        ) : null}
      </Row>
      <Headline size="large" tag="h3"><FormattedMessage id={`${T}.section.patron`} /></Headline>
      <Row>
        <Col xs={6}>{text('patronBarcode', 'patron.barcode')}</Col>
        <Col xs={6}>{text('patronName', 'patron.name')}</Col>
      </Row>
      <Row>
        <Col xs={6}>
          {pickupLocations.length > 0 ? (
            <Select
              id="rs-new-pickupLocation"
              name="pickupLocation"
              label={msg('patron.pickupLocation')}
              value={values.pickupLocation}
              placeholder={msg('action.choose')}
              dataOptions={pickupLocations}
              onChange={(e) => set('pickupLocation', e.target.value)}
              error={err('pickupLocation')}
            />
          ) : text('pickupLocation', 'patron.pickupLocation')}
        </Col>
        <Col xs={6}>{text('neededBefore', 'patron.neededBefore', { type: 'date' })}</Col>
      </Row>
      <TextArea id="rs-new-notes" label={msg('patron.notes')} value={values.notes} onChange={(e) => set('notes', e.target.value)} />
      <div className={css.formButtons}>
        <Button onClick={onCancel} disabled={submitting} id="rs-new-cancel">
          <FormattedMessage id={`${T}.common.cancel`} />
        </Button>
        <Button type="submit" buttonStyle="primary" disabled={submitting} id="rs-new-save">
          <FormattedMessage id={`${T}.common.saveAndClose`} />
        </Button>
      </div>
    </form>
  );
}
