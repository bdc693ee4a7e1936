/** @jsxRuntime automatic @jsxImportSource react */
import { useCallback, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Field, Form } from 'react-final-form';
import type { SubmissionErrors } from 'final-form';
import { Button, Col, Datepicker, Headline, MessageBanner, Row, Select, TextArea, TextField } from '@folio/stripes/components';
import { T } from '../utils/labels';
import { EMPTY_BORROWING_REQUEST, validateBorrowingRequest, type BorrowingRequestValues } from './borrowing-request-values';
import { UnsavedChangesPrompt } from './UnsavedChangesPrompt';
import css from './forms.css';

export interface BorrowingRequestFormProps {
  /**
   * Sends the request. The form counts as saved (no unsaved-changes prompt) once the promise resolves
   * without errors; resolve with `{ [FORM_ERROR]: … }` when it was not saved.
   */
  onSubmit(values: BorrowingRequestValues): Promise<SubmissionErrors | void>;
  onCancel(): void;
  /** YYYY-MM-DD; "needed before" may not be earlier */
  today: string;
  /** the pickup points to choose from; without them the pickup location is typed */
  pickupLocations?: Array<{ value: string; label: string }>;
  /** offers "Preview rota": what the rota of this request would be (needs a title) */
  onPreviewRota?(values: BorrowingRequestValues): void;
}

type TextKey = Exclude<keyof BorrowingRequestValues, 'serviceType' | 'neededBefore' | 'notes'>;

/**
 * The staff form for a new borrowing request (react-final-form, as Stripes apps). Refuses to send
 * without a title; asks before leaving with unsaved changes.
 */
export function BorrowingRequestForm({ onSubmit, onCancel, today, pickupLocations = [], onPreviewRota }: BorrowingRequestFormProps) {
  const intl = useIntl();
  // stable, or react-final-form re-validates (and re-renders the whole form) on every render
  const validate = useCallback((values: BorrowingRequestValues) => validateBorrowingRequest(values, today), [today]);
  const msg = (key: string) => intl.formatMessage({ id: `${T}.${key}` });
  // validation answers translation keys; a field shows its problem once touched (every field is on submit)
  const shown = (meta: { touched?: boolean; error?: unknown }): ReactNode => (meta.touched && typeof meta.error === 'string' ? msg(meta.error) : undefined);

  const text = (key: TextKey, labelKey: string, required?: boolean) => (
    <Field<string> name={key}>
      {({ input, meta }) => (
        <TextField
          id={`rs-new-${key}`}
          name={input.name}
          label={msg(labelKey)}
          value={input.value}
          onChange={input.onChange}
          onBlur={input.onBlur}
          onFocus={input.onFocus}
          error={shown(meta)}
          required={required}
        />
      )}
    </Field>
  );

  return (
    <Form<BorrowingRequestValues>
      onSubmit={onSubmit}
      initialValues={EMPTY_BORROWING_REQUEST}
      validate={validate}
      render={({ handleSubmit, submitting, submitFailed, hasValidationErrors, dirty, submitSucceeded, values }) => (
        <form id="rs-new-borrowing-request-form" onSubmit={handleSubmit} noValidate>
          <UnsavedChangesPrompt when={dirty && !submitSucceeded && !submitting} />
          {submitFailed && hasValidationErrors ? (
            <MessageBanner type="error"><FormattedMessage id={`${T}.validation.summary`} /></MessageBanner>
          ) : null}
          <Headline size="large" tag="h3"><FormattedMessage id={`${T}.section.citation`} /></Headline>
          <Row>
            <Col xs={12}>{text('title', 'citation.title', true)}</Col>
          </Row>
          <Row>
            <Col xs={6}>{text('author', 'citation.author')}</Col>
            <Col xs={3}>{text('isbn', 'citation.isbn')}</Col>
            <Col xs={3}>{text('issn', 'citation.issn')}</Col>
          </Row>
          <Row>
            <Col xs={4}>
              <Field<string> name="serviceType">
                {({ input }) => (
                  <Select
                    id="rs-new-serviceType"
                    name={input.name}
                    label={msg('request.serviceType')}
                    value={input.value}
                    dataOptions={[
                      { value: 'loan', label: msg('serviceType.loan') },
                      { value: 'copy', label: msg('serviceType.copy') },
                    ]}
                    onChange={input.onChange}
                  />
                )}
              </Field>
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
                <Field<string> name="pickupLocation">
                  {({ input, meta }) => (
                    <Select
                      id="rs-new-pickupLocation"
                      name={input.name}
                      label={msg('patron.pickupLocation')}
                      value={input.value}
                      placeholder={msg('action.choose')}
                      dataOptions={pickupLocations}
                      onChange={input.onChange}
                      error={shown(meta)}
                    />
                  )}
                </Field>
              ) : text('pickupLocation', 'patron.pickupLocation')}
            </Col>
            <Col xs={6}>
              <Field<string> name="neededBefore">
                {({ input, meta }) => (
                  <Datepicker
                    id="rs-new-neededBefore"
                    label={msg('patron.neededBefore')}
                    input={input}
                    meta={{ ...meta, error: shown(meta) }}
                    useInput
                    backendDateStandard="YYYY-MM-DD"
                  />
                )}
              </Field>
            </Col>
          </Row>
          <Field<string> name="notes">
            {({ input }) => (
              <TextArea id="rs-new-notes" name={input.name} label={msg('patron.notes')} value={input.value} onChange={input.onChange} />
            )}
          </Field>
          <div className={css.formButtons}>
            <Button onClick={onCancel} disabled={submitting} id="rs-new-cancel">
              <FormattedMessage id={`${T}.common.cancel`} />
            </Button>
            {onPreviewRota ? (
              <Button onClick={() => onPreviewRota(values)} disabled={submitting || !values.title?.trim()} id="rs-new-preview-rota">
                <FormattedMessage id={`${T}.rota.preview.button`} />
              </Button>
            ) : null}
            <Button type="submit" buttonStyle="primary" disabled={submitting} id="rs-new-save">
              <FormattedMessage id={`${T}.common.saveAndClose`} />
            </Button>
          </div>
        </form>
      )}
    />
  );
}
