/** @jsxRuntime automatic @jsxImportSource react */
import type { ChangeEvent, ReactNode, Ref } from 'react';
import css from './InputField.css';

/**
 * Input types stripes-components' TextField renders but its typings refuse (`type?: 'text'`), so a
 * platform build stops on them: dates, date-times, numbers, passwords and URLs go through this
 * field instead, with the same DOM as TextField (label for the input, `aria-invalid`,
 * `aria-required`, the error inside a `role="alert"` region).
 */
export type InputFieldType = 'date' | 'datetime-local' | 'number' | 'password' | 'url';

export interface InputFieldProps {
  id: string;
  type: InputFieldType;
  label: ReactNode;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  min?: string;
  max?: string;
  error?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

export function InputField({ id, type, label, value, onChange, name, required, disabled, autoFocus, min, max, error, inputRef }: InputFieldProps) {
  return (
    <div className={css.field}>
      <label htmlFor={id} className={css.label}>
        {label}
        {required ? <span className={css.asterisk} aria-hidden="true">*</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        className={css.input}
        value={value}
        onChange={onChange}
        required={required}
        disabled={disabled}
        autoFocus={autoFocus}
        min={min}
        max={max}
        ref={inputRef}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
      />
      <div role="alert">{error ? <div className={css.error}>{error}</div> : null}</div>
    </div>
  );
}
