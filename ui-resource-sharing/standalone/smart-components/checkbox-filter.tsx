/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { Checkbox } from '../components/form-controls';

export interface CheckboxFilterOption {
  label: ReactNode;
  value: string;
  disabled?: boolean;
  readOnly?: boolean;
}

export interface CheckboxFilterProps {
  dataOptions: CheckboxFilterOption[];
  name: string;
  selectedValues?: string[];
  onChange: (filter: { name: string; values: string[] }) => void;
}

function kebab(value: string): string {
  return value.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[\s_]+/g, '-').toLowerCase();
}

/** A group of checkboxes reporting `onChange({ name, values })`; ids `clickable-filter-<name>-<kebab(value)>`. */
export function CheckboxFilter({ dataOptions, name, selectedValues = [], onChange }: CheckboxFilterProps) {
  const toggle = (value: string, checked: boolean) => {
    const values = checked ? [...selectedValues, value] : selectedValues.filter((v) => v !== value);
    onChange({ name, values });
  };
  return (
    <div>
      {dataOptions.map((o) => (
        <Checkbox
          key={o.value}
          id={`clickable-filter-${name}-${kebab(o.value)}`}
          label={o.label}
          name={name}
          value={o.value}
          checked={selectedValues.includes(o.value)}
          disabled={o.disabled}
          readOnly={o.readOnly}
          onChange={(e) => toggle(o.value, e.target.checked)}
        />
      ))}
    </div>
  );
}
