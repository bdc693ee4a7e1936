/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Checkbox, Select, TextArea, TextField } from '@folio/stripes/components';
import type { ActionParameter, ActionParameterValues, RequestAction } from '../types/request';
import { T, actionLabel, parameterLabel, parameterValueLabel } from '../utils/labels';
import { initialValues, missingRequired, toParameterValues, type FieldValues } from './action-form-values';
import { InputField, type InputFieldType } from '../components/InputField';
import css from './forms.css';

/** Parameter types shown as a date, date-time or number input; every other one as text. */
const INPUT_TYPES: Partial<Record<string, InputFieldType>> = { date: 'date', datetime: 'datetime-local', number: 'number', integer: 'number' };

export interface ActionFormProps {
  action: RequestAction;
  submitting: boolean;
  onSubmit(parameters: ActionParameterValues): void;
  onCancel(): void;
}

/** A small form with one field per parameter the backend declares for the action. */
export function ActionForm({ action, submitting, onSubmit, onCancel }: ActionFormProps) {
  const intl = useIntl();
  const [values, setValues] = useState<FieldValues>(() => initialValues(action.parameters));
  const [showErrors, setShowErrors] = useState(false);
  const missing = missingRequired(action.parameters, values);
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (missing.length > 0) {
      setShowErrors(true);
      return;
    }
    onSubmit(toParameterValues(action.parameters, values));
  };

  const field = (p: ActionParameter) => {
    const id = `rs-action-${action.code}-${p.name}`;
    const label = parameterLabel(intl, p.name, p.displayName);
    const error = showErrors && missing.includes(p.name) ? <FormattedMessage id={`${T}.validation.required`} /> : undefined;
    if (p.type === 'boolean') {
      return <Checkbox key={p.name} id={id} label={label} checked={values[p.name] === true} onChange={(e) => set(p.name, e.target.checked)} />;
    }
    if (p.values && p.values.length > 0) {
      return (
        <Select
          key={p.name}
          id={id}
          label={label}
          required={p.required}
          value={String(values[p.name] ?? '')}
          placeholder={intl.formatMessage({ id: `${T}.action.choose` })}
          dataOptions={p.values.map((v) => ({ value: v, label: parameterValueLabel(intl, v) }))}
          onChange={(e) => set(p.name, e.target.value)}
          error={error}
        />
      );
    }
    if (p.type === 'text' || p.type === 'note' || p.type === 'message') {
      return <TextArea key={p.name} id={id} label={label} required={p.required} value={String(values[p.name] ?? '')} onChange={(e) => set(p.name, e.target.value)} error={error} />;
    }
    const inputType = INPUT_TYPES[p.type];
    const value = String(values[p.name] ?? '');
    if (inputType) {
      return <InputField key={p.name} id={id} type={inputType} label={label} required={p.required} value={value} onChange={(e) => set(p.name, e.target.value)} error={error} />;
    }
    return <TextField key={p.name} id={id} label={label} required={p.required} value={value} onChange={(e) => set(p.name, e.target.value)} error={error} />;
  };

  return (
    <form id={`rs-action-form-${action.code}`} className={css.actionForm} onSubmit={submit} noValidate>
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
  );
}
