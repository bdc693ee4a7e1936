/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Accordion, Button, Checkbox, SearchField } from '@folio/stripes/components';
import { CheckboxFilter } from '@folio/stripes/smart-components';
import { STATES_BY_ROLE } from '../data/states.ts';
import type { RequestRole } from '../types/request.ts';
import { T, stateLabel } from '../utils/labels.ts';

export interface RequestFiltersProps {
  role: RequestRole;
  search: string;
  states: string[];
  needsAttention: boolean;
  onSearch(term: string): void;
  onStatesChange(states: string[]): void;
  onNeedsAttentionChange(value: boolean): void;
  onReset(): void;
}

/** Search box, state and needs-attention filters of a request list. */
export function RequestFilters({ role, search, states, needsAttention, onSearch, onStatesChange, onNeedsAttentionChange, onReset }: RequestFiltersProps) {
  const intl = useIntl();
  const [term, setTerm] = useState(search);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(term);
  };
  const stateOptions = STATES_BY_ROLE[role].map((code) => ({ value: code, label: stateLabel(intl, code) }));
  const anyActive = Boolean(search || states.length || needsAttention);
  return (
    <div>
      <form onSubmit={submit} role="search">
        <SearchField
          id={`rs-${role}-search`}
          label={intl.formatMessage({ id: `${T}.search.label` })}
          placeholder={intl.formatMessage({ id: `${T}.search.placeholder` })}
          value={term}
          onChange={(e) => setTerm(e.target.value)}
          onClear={() => { setTerm(''); onSearch(''); }}
        />
        <Button type="submit" buttonStyle="primary" fullWidth>
          <FormattedMessage id={`${T}.search.submit`} />
        </Button>
      </form>
      <Button buttonStyle="default" fullWidth disabled={!anyActive} onClick={() => { setTerm(''); onReset(); }}>
        <FormattedMessage id={`${T}.search.resetAll`} />
      </Button>
      <Accordion id={`rs-${role}-filter-attention`} label={<FormattedMessage id={`${T}.filter.needsAttention`} />}>
        <Checkbox
          id={`clickable-filter-needsAttention-${role}`}
          label={<FormattedMessage id={`${T}.filter.needsAttentionOnly`} />}
          checked={needsAttention}
          onChange={(e) => onNeedsAttentionChange(e.target.checked)}
        />
      </Accordion>
      <Accordion id={`rs-${role}-filter-state`} label={<FormattedMessage id={`${T}.filter.state`} />}>
        <CheckboxFilter
          name="state"
          dataOptions={stateOptions}
          selectedValues={states}
          onChange={({ values }) => onStatesChange(values)}
        />
      </Accordion>
    </div>
  );
}
