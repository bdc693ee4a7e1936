/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ChangeEvent, type FocusEvent, type ReactNode, type Ref } from 'react';
import { css, uniqueId } from './class-names';

function useControlId(id?: string, prefix = 'textfield'): string {
  const [generated] = useState(() => uniqueId(prefix));
  return id ?? generated;
}

/** As stripes-components renders it: an always-present `role="alert"` region holding the warning and the error. */
function Feedback({ error, warning }: { error?: ReactNode; warning?: ReactNode }) {
  return (
    <div role="alert">
      {warning ? <div className={css('feedbackWarning')}>{warning}</div> : null}
      {error ? <div className={css('feedbackError')}>{error}</div> : null}
    </div>
  );
}

function FieldLabel({ htmlFor, label, required, readOnly }: { htmlFor: string; label?: ReactNode; required?: boolean; readOnly?: boolean }) {
  if (!label) return null;
  return (
    <label htmlFor={htmlFor} className={css('label')}>
      {label}
      {required ? <span className={css('asterisk')} aria-hidden="true">*</span> : null}
      {readOnly ? <span className="sr-only"> (read only)</span> : null}
    </label>
  );
}

export interface TextFieldProps {
  label?: ReactNode;
  id?: string;
  name?: string;
  value?: string;
  /** stripes-types: `type?: 'text'` for a string field (date, password and number inputs are refused) */
  type?: 'text';
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void;
  onFocus?: (event: FocusEvent<HTMLInputElement>) => void;
  onClearField?: () => void;
  hasClearIcon?: boolean;
  placeholder?: string;
  required?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  error?: ReactNode;
  warning?: ReactNode;
  loading?: boolean;
  startControl?: ReactNode;
  endControl?: ReactNode;
  fullWidth?: boolean;
  marginBottom0?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  'aria-label'?: string;
  min?: string | number;
  max?: string | number;
}

export function TextField(props: TextFieldProps) {
  const { label, id, name, value, type = 'text', onChange, onBlur, onFocus, placeholder, required, readOnly, disabled, autoFocus, error, warning, startControl, endControl, fullWidth, marginBottom0, inputRef, min, max } = props;
  const inputId = useControlId(id);
  return (
    <div className={css('textField', fullWidth && 'fullWidth', marginBottom0 && 'marginBottom0', error ? 'hasError' : null)}>
      <FieldLabel htmlFor={inputId} label={label} required={required} readOnly={readOnly} />
      <div className={css('inputGroup')}>
        {startControl ? <div className={css('startControls')}>{startControl}</div> : null}
        <input
          id={inputId}
          name={name}
          type={type}
          className={css('formControl')}
          value={value ?? ''}
          onChange={onChange}
          onBlur={onBlur}
          onFocus={onFocus}
          placeholder={placeholder}
          required={required}
          readOnly={readOnly}
          disabled={disabled}
          autoFocus={autoFocus}
          min={min}
          max={max}
          ref={inputRef}
          aria-label={props['aria-label']}
          aria-invalid={error ? true : undefined}
          aria-required={required ? true : undefined}
        />
        {endControl ? <div className={css('endControls')}>{endControl}</div> : null}
      </div>
      <Feedback error={error} warning={warning} />
    </div>
  );
}

export interface TextAreaProps {
  label?: ReactNode;
  id?: string;
  name?: string;
  value?: string;
  onChange?: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  placeholder?: string;
  required?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  error?: ReactNode;
  warning?: ReactNode;
  fullWidth?: boolean;
  rows?: number;
}

export function TextArea({ label, id, name, value, onChange, placeholder, required, readOnly, disabled, error, warning, fullWidth, rows }: TextAreaProps) {
  const inputId = useControlId(id, 'textarea');
  return (
    <div className={css('textArea', fullWidth && 'fullWidth')}>
      <FieldLabel htmlFor={inputId} label={label} required={required} readOnly={readOnly} />
      <textarea
        id={inputId}
        name={name}
        className={css('formControl')}
        value={value ?? ''}
        onChange={onChange}
        placeholder={placeholder}
        required={required}
        readOnly={readOnly}
        disabled={disabled}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
      />
      <Feedback error={error} warning={warning} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps {
  dataOptions?: SelectOption[];
  label?: ReactNode;
  id?: string;
  name?: string;
  value?: string;
  placeholder?: string;
  onChange?: (event: ChangeEvent<HTMLSelectElement>) => void;
  required?: boolean;
  readOnly?: boolean;
  disabled?: boolean;
  fullWidth?: boolean;
  marginBottom0?: boolean;
  error?: ReactNode;
  warning?: ReactNode;
  children?: ReactNode;
  'aria-label'?: string;
}

export function Select({ dataOptions, label, id, name, value, placeholder, onChange, required, readOnly, disabled, fullWidth, marginBottom0, error, warning, children, ...rest }: SelectProps) {
  const selectId = useControlId(id, 'select');
  return (
    <div className={css('select', fullWidth && 'fullWidth', marginBottom0 && 'marginBottom0')}>
      <FieldLabel htmlFor={selectId} label={label} required={required} readOnly={readOnly} />
      <select
        id={selectId}
        name={name}
        className={css('formControl')}
        value={value ?? ''}
        onChange={onChange}
        required={required}
        disabled={disabled || readOnly}
        aria-label={rest['aria-label']}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
      >
        {placeholder !== undefined ? <option value="" disabled>{placeholder}</option> : null}
        {dataOptions?.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
        {children}
      </select>
      <Feedback error={error} warning={warning} />
    </div>
  );
}

export interface CheckboxProps {
  label?: ReactNode;
  checked?: boolean;
  value?: string;
  name?: string;
  id?: string;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  disabled?: boolean;
  readOnly?: boolean;
  inline?: boolean;
  vertical?: boolean;
  fullWidth?: boolean;
  error?: ReactNode;
  warning?: ReactNode;
  labelInfo?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

export function Checkbox({ label, checked = false, value, name, id, onChange, disabled, readOnly, inline, error, warning, labelInfo, inputRef }: CheckboxProps) {
  const inputId = useControlId(id, 'checkbox');
  return (
    <div className={css('checkbox', inline && 'inline', error ? 'hasError' : null, warning ? 'hasWarning' : null)} data-test-checkbox>
      <label htmlFor={inputId} className={css('checkboxLabel')}>
        <input
          id={inputId}
          type="checkbox"
          className={css('checkboxInput')}
          checked={checked}
          value={value}
          name={name}
          onChange={onChange}
          disabled={disabled || readOnly}
          ref={inputRef}
        />
        <span className={css('labelText')}>{label}</span>
      </label>
      {labelInfo}
      <Feedback error={error} warning={warning} />
    </div>
  );
}
