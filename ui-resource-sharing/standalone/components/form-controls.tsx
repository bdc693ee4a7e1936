/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ChangeEvent, type FocusEvent, type ReactNode, type Ref } from 'react';
import { useIntl } from 'react-intl';
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

/** A date as the Datepicker reads and writes it. */
interface DateParts { y: number; m: number; d: number }

/** The locale's short numeric date (en-US `MM/DD/YYYY`, de `DD.MM.YYYY`), as moment's `L` gives the real one. */
function localeDateFormat(locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2031, 1, 1)))
    .map((p) => (p.type === 'year' ? 'YYYY' : p.type === 'month' ? 'MM' : p.type === 'day' ? 'DD' : p.value))
    .join('');
}

function parseDate(text: string, format: string): DateParts | undefined {
  const order: Array<keyof DateParts> = [];
  const pattern = format.replace(/YYYY|MM|DD|[.*+?^${}()|[\]\\/-]/g, (t) => {
    if (t === 'YYYY') { order.push('y'); return '(\\d{4})'; }
    if (t === 'MM' || t === 'DD') { order.push(t === 'MM' ? 'm' : 'd'); return '(\\d{1,2})'; }
    return `\\${t}`;
  });
  const match = new RegExp(`^${pattern}$`).exec(text.trim());
  if (!match) return undefined;
  const parts: DateParts = { y: 0, m: 0, d: 0 };
  order.forEach((k, i) => { parts[k] = Number(match[i + 1]); });
  const date = new Date(Date.UTC(parts.y, parts.m - 1, parts.d));
  return date.getUTCFullYear() === parts.y && date.getUTCMonth() === parts.m - 1 && date.getUTCDate() === parts.d ? parts : undefined;
}

function formatDate({ y, m, d }: DateParts, format: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return format.replace(/YYYY|MM|DD/g, (t) => (t === 'YYYY' ? String(y).padStart(4, '0') : t === 'MM' ? two(m) : two(d)));
}

/** A backend value (`YYYY-MM-DD…` or a full ISO timestamp) as its date. */
function backendDate(value: string): DateParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) } : undefined;
}

/** react-final-form's `input` and `meta` as the formField HOC reads them. */
export interface FieldInputLike {
  name?: string;
  value?: string;
  onChange?: (eventOrValue: unknown) => void;
  onBlur?: (event?: FocusEvent<HTMLElement>) => void;
  onFocus?: (event?: FocusEvent<HTMLElement>) => void;
}
export interface FieldMetaLike { touched?: boolean; error?: unknown; warning?: unknown; submitFailed?: boolean }

/**
 * stripes-types' DatepickerProps (`Merge<Partial<TextFieldProps>, DatepickerProps>`; `input` and `meta` required
 * there too). The stand-in has a text field only (no calendar popup); the date is typed in `dateFormat`.
 */
export interface DatepickerProps {
  input: FieldInputLike;
  meta: FieldMetaLike;
  label?: ReactNode;
  id?: string;
  name?: string;
  value?: string;
  onChange?: (event: unknown, formatted: string, dateString: string) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void;
  onFocus?: (event: FocusEvent<HTMLInputElement>) => void;
  dateFormat?: string;
  backendDateStandard?: string;
  outputBackendValue?: boolean;
  useInput?: boolean;
  timeZone?: string;
  locale?: string;
  disabled?: boolean;
  readOnly?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  hideCalendarButton?: boolean;
  usePortal?: boolean;
  placement?: string;
  marginBottom0?: boolean;
  error?: ReactNode;
  warning?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Datepicker: typed as `dateFormat` (default: the locale's short date), written as the backend value
 * (`backendDateStandard`: 'ISO8601' → midnight UTC as `toISOString()`, or a format such as 'YYYY-MM-DD').
 * A text that is not a date is handed on as typed, for the form's validation to refuse. With `input`/`meta`
 * (react-final-form `Field`) it reads value and handlers from `input`, and shows `meta.error` once touched.
 */
export function Datepicker(props: DatepickerProps) {
  const { input, meta, label, id, disabled, readOnly, required, autoFocus, marginBottom0, inputRef } = props;
  const intl = useIntl();
  const format = props.dateFormat ?? localeDateFormat(props.locale ?? intl.locale);
  const standard = props.backendDateStandard ?? 'ISO8601';
  const outputBackend = props.outputBackendValue ?? true;
  const value = input?.value ?? props.value ?? '';
  const inputId = useControlId(id, 'datepicker');
  const display = (v: string) => {
    const parts = backendDate(v);
    return parts ? formatDate(parts, format) : v;
  };
  const [text, setText] = useState(() => display(value));
  const [emitted, setEmitted] = useState(value);
  if (value !== emitted) {
    // changed from outside (form reset, initial values)
    setEmitted(value);
    setText(display(value));
  }
  const error = meta ? (meta.touched || meta.submitFailed ? (meta.error as ReactNode) : undefined) : props.error;
  const warning = meta ? (meta.touched ? (meta.warning as ReactNode) : undefined) : props.warning;

  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const typed = event.target.value;
    const parts = parseDate(typed, format);
    const backend = parts ? (/^ISO ?8601$/i.test(standard) ? new Date(Date.UTC(parts.y, parts.m - 1, parts.d)).toISOString() : formatDate(parts, standard)) : typed;
    const out = parts && outputBackend ? backend : typed;
    setText(typed);
    setEmitted(out);
    // under react-final-form the field gets the value itself (the real one fires a change event carrying it)
    if (input?.onChange) input.onChange(out);
    else props.onChange?.(event, typed, backend);
  };
  const blur = (event: FocusEvent<HTMLInputElement>) => {
    const parts = parseDate(text, format);
    if (parts) setText(formatDate(parts, format));
    (input?.onBlur ?? props.onBlur)?.(event);
  };

  return (
    <div data-test-datepicker-container className={css('textField', marginBottom0 && 'marginBottom0', error ? 'hasError' : null)}>
      <FieldLabel htmlFor={inputId} label={label} required={required} readOnly={readOnly} />
      <div className={css('inputGroup')}>
        <input
          id={inputId}
          name={input?.name ?? props.name}
          type="text"
          className={css('formControl')}
          value={text}
          placeholder={format}
          onChange={change}
          onBlur={blur}
          onFocus={input?.onFocus ?? props.onFocus}
          required={required}
          readOnly={readOnly}
          disabled={disabled}
          autoFocus={autoFocus}
          ref={inputRef}
          aria-invalid={error ? true : undefined}
          aria-required={required ? true : undefined}
        />
      </div>
      <Feedback error={error} warning={warning} />
    </div>
  );
}
