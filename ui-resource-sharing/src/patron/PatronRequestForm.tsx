/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Col, Headline, MessageBanner, Row, Select, TextArea, TextField } from '@folio/stripes/components';
import { T } from '../utils/labels';
import { PatronApiError, type PatronApi, type PatronRequestView, type PickupLocation } from './patron-api';
import {
  EMPTY_PATRON_FORM, problemsToFormErrors, toPatronRequest, validatePatronForm,
  type PatronFormErrors, type PatronFormField, type PatronFormValues,
} from './patron-form-values';
import { InputField, type InputFieldType } from '../components/InputField';

export interface PatronRequestFormProps {
  api: PatronApi;
  pickupLocations: PickupLocation[];
  initialValues?: PatronFormValues;
  /** the form was filled from an OpenURL (the referring service, when named) */
  prefilledFrom?: { source?: string };
  /** YYYY-MM-DD; "needed before" may not be earlier */
  today: string;
  onPlaced(request: PatronRequestView): void;
  /** the token was refused (expired): sign in again */
  onUnauthorized(): void;
}

/** The patron's request form: citation, loan or copy, pickup location, needed-before date, notes. */
export function PatronRequestForm({ api, pickupLocations, initialValues, prefilledFrom, today, onPlaced, onUnauthorized }: PatronRequestFormProps) {
  const intl = useIntl();
  const start = initialValues ?? EMPTY_PATRON_FORM;
  const [values, setValues] = useState<PatronFormValues>(() => ({
    ...start,
    pickupLocation: start.pickupLocation || (pickupLocations.length === 1 ? pickupLocations[0].code : ''),
  }));
  const [errors, setErrors] = useState<PatronFormErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const msg = (key: string, values?: Record<string, string>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const set = (key: PatronFormField, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const err = (key: PatronFormField) => (errors[key] ? msg(errors[key] as string) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validatePatronForm(values, today, pickupLocations.length > 0);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      const placed = await api.placeRequest(toPatronRequest(values));
      setValues({ ...EMPTY_PATRON_FORM, pickupLocation: values.pickupLocation });
      onPlaced(placed);
    } catch (error) {
      if (error instanceof PatronApiError && error.status === 422) {
        const mapped = problemsToFormErrors(error.problems);
        setErrors(mapped.fields);
        setGeneral(mapped.general);
      } else if (error instanceof PatronApiError && error.status === 401) {
        onUnauthorized();
      } else {
        setGeneral([msg('patronForm.error.failed', { message: error instanceof Error ? error.message : String(error) })]);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const text = (key: PatronFormField, extra: { required?: boolean; type?: InputFieldType; min?: string } = {}) => {
    const common = { id: `rs-patron-${key}`, name: key, label: msg(`patronForm.field.${key}`), value: String(values[key]), error: err(key), required: extra.required };
    const onChange = (e: ChangeEvent<HTMLInputElement>) => set(key, e.target.value);
    return extra.type
      ? <InputField {...common} type={extra.type} min={extra.min} onChange={onChange} />
      : <TextField id={common.id} name={common.name} label={common.label} value={common.value} error={common.error} required={common.required} onChange={onChange} />;
  };

  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <form id="rs-patron-request-form" onSubmit={(e) => { void submit(e); }} noValidate aria-labelledby="rs-patron-form-heading">
      <Headline size="large" tag="h2"><span id="rs-patron-form-heading"><FormattedMessage id={`${T}.patronForm.heading`} /></span></Headline>
      {prefilledFrom ? (
        <MessageBanner type="default" aria-live="polite">
          {prefilledFrom.source
            ? <FormattedMessage id={`${T}.patronForm.prefilledFrom`} values={{ source: prefilledFrom.source }} />
            : <FormattedMessage id={`${T}.patronForm.prefilled`} />}
        </MessageBanner>
      ) : null}
      {hasErrors ? (
        <MessageBanner type="error"><FormattedMessage id={`${T}.patronForm.error.summary`} /></MessageBanner>
      ) : null}
      {general.map((g) => <MessageBanner key={g} type="error">{g}</MessageBanner>)}
      <Row>
        <Col xs={12}>{text('title', { required: true })}</Col>
      </Row>
      <Row>
        <Col xs={12} md={6}>{text('author')}</Col>
        <Col xs={6} md={3}>{text('isbn')}</Col>
        <Col xs={6} md={3}>{text('issn')}</Col>
      </Row>
      <Row>
        <Col xs={12} md={4}>
          <Select
            id="rs-patron-serviceType"
            label={msg('patronForm.field.serviceType')}
            value={values.serviceType}
            dataOptions={[
              { value: 'loan', label: msg('patronForm.serviceType.loan') },
              { value: 'copy', label: msg('patronForm.serviceType.copy') },
            ]}
            onChange={(e) => set('serviceType', e.target.value === 'copy' ? 'copy' : 'loan')}
          />
        </Col>
        <Col xs={6} md={4}>{text('publicationDate')}</Col>
        <Col xs={3} md={2}>{text('volume')}</Col>
        <Col xs={3} md={2}>{text('issue')}</Col>
      </Row>
      {values.serviceType === 'copy' ? (
        <Row>
          <Col xs={12} md={9}>{text('articleTitle')}</Col>
          <Col xs={12} md={3}>{text('pages')}</Col>
        </Row>
      ) : null}
      <Row>
        <Col xs={12} md={6}>
          {pickupLocations.length > 0 ? (
            <Select
              id="rs-patron-pickupLocation"
              label={msg('patronForm.field.pickupLocation')}
              required
              value={values.pickupLocation}
              placeholder={msg('patronForm.pickupLocation.choose')}
              dataOptions={pickupLocations.map((l) => ({ value: l.code, label: l.name }))}
              onChange={(e) => set('pickupLocation', e.target.value)}
              error={err('pickupLocation')}
            />
          ) : null}
        </Col>
        <Col xs={12} md={6}>{text('neededBefore', { type: 'date', min: today })}</Col>
      </Row>
      <TextArea
        id="rs-patron-notes"
        label={msg('patronForm.field.notes')}
        value={values.notes}
        onChange={(e) => set('notes', e.target.value)}
        error={err('notes')}
      />
      <Button type="submit" buttonStyle="primary" disabled={submitting} id="rs-patron-submit">
        <FormattedMessage id={`${T}.patronForm.submit`} />
      </Button>
    </form>
  );
}
