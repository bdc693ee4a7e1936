/** @jsxRuntime automatic @jsxImportSource react */
import { useCallback, useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Field, Form } from 'react-final-form';
import { Button, Checkbox, Datepicker, Select, TextArea, TextField } from '@folio/stripes/components';
import type { ActionParameter, ActionParameterValues, RequestAction } from '../types/request';
import { T, actionLabel, parameterLabel, parameterValueLabel } from '../utils/labels';
import { initialValues, missingRequired, toParameterValues, type FieldValues } from './action-form-values';
import { InputField, type InputFieldType } from '../components/InputField';
import { UnsavedChangesPrompt } from './UnsavedChangesPrompt';
import css from './forms.css';

/**
 * Parameter types shown as a date-time or number input; every other one as text. A date is the
 * platform's Datepicker; a date-time stays a native input (Stripes pairs Datepicker and Timepicker).
 */
const INPUT_TYPES: Partial<Record<string, InputFieldType>> = { datetime: 'datetime-local', number: 'number', integer: 'number' };

export interface ActionFormProps {
  action: RequestAction;
  submitting: boolean;
  onSubmit(parameters: ActionParameterValues): void;
  onCancel(): void;
}

/**
 * A small form with one field per parameter the backend declares for the action (react-final-form);
 * asks before leaving with unsaved changes.
 */
export function ActionForm({ action, submitting, onSubmit, onCancel }: ActionFormProps) {
  const intl = useIntl();
  const initial = useMemo(() => initialValues(action.parameters), [action.parameters]);
  const validate = useCallback(
    (values: FieldValues) => Object.fromEntries(missingRequired(action.parameters, values).map((name) => [name, 'required'])),
    [action.parameters],
  );

  const field = (p: ActionParameter) => {
    const id = `rs-action-${action.code}-${p.name}`;
    const label = parameterLabel(intl, p.name, p.displayName);
    const errorOf = (meta: { touched?: boolean; error?: unknown }) => (meta.touched && meta.error ? <FormattedMessage id={`${T}.validation.required`} /> : undefined);
    if (p.type === 'boolean') {
      return (
        <Field<boolean> key={p.name} name={p.name} type="checkbox">
          {({ input }) => <Checkbox id={id} name={input.name} label={label} checked={input.checked === true} onChange={input.onChange} />}
        </Field>
      );
    }
    if (p.values && p.values.length > 0) {
      const values = p.values;
      return (
        <Field<string> key={p.name} name={p.name}>
          {({ input, meta }) => (
            <Select
              id={id}
              name={input.name}
              label={label}
              required={p.required}
              value={input.value ?? ''}
              placeholder={intl.formatMessage({ id: `${T}.action.choose` })}
              dataOptions={values.map((v) => ({ value: v, label: parameterValueLabel(intl, v) }))}
              onChange={input.onChange}
              error={errorOf(meta)}
            />
          )}
        </Field>
      );
    }
    return (
      <Field<string> key={p.name} name={p.name}>
        {({ input, meta }) => {
          const error = errorOf(meta);
          const value = input.value ?? '';
          if (p.type === 'text' || p.type === 'note' || p.type === 'message') {
            return <TextArea id={id} name={input.name} label={label} required={p.required} value={value} onChange={input.onChange} error={error} />;
          }
          if (p.type === 'date') {
            return <Datepicker id={id} label={label} required={p.required} input={input} meta={{ ...meta, error }} useInput backendDateStandard="YYYY-MM-DD" />;
          }
          const inputType = INPUT_TYPES[p.type];
          if (inputType) {
            return <InputField id={id} name={input.name} type={inputType} label={label} required={p.required} value={value} onChange={input.onChange} error={error} />;
          }
          return <TextField id={id} name={input.name} label={label} required={p.required} value={value} onChange={input.onChange} onBlur={input.onBlur} error={error} />;
        }}
      </Field>
    );
  };

  return (
    <Form<FieldValues>
      onSubmit={(values) => onSubmit(toParameterValues(action.parameters, values))}
      initialValues={initial}
      validate={validate}
      render={({ handleSubmit, dirty, submitSucceeded }) => (
        <form id={`rs-action-form-${action.code}`} className={css.actionForm} onSubmit={handleSubmit} noValidate>
          <UnsavedChangesPrompt when={dirty && !submitSucceeded} />
          <h4><FormattedMessage id={`${T}.action.formTitle`} values={{ action: actionLabel(intl, action) }} /></h4>
          {action.parameters.length === 0 ? <p><FormattedMessage id={`${T}.action.noParameters`} /></p> : null}
          {action.parameters.map(field)}
          <Button type="submit" buttonStyle="primary" disabled={submitting} id={`rs-action-submit-${action.code}`}>
            <FormattedMessage id={`${T}.action.perform`} values={{ action: actionLabel(intl, action) }} />
          </Button>
          <Button onClick={onCancel} disabled={submitting}>
            <FormattedMessage id={`${T}.action.cancel`} />
          </Button>
        </form>
      )}
    />
  );
}
