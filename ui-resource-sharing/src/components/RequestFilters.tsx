/** @jsxRuntime automatic @jsxImportSource react */
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { Accordion, Button, Checkbox, SearchField } from '@folio/stripes/components';
import { CheckboxFilter } from '@folio/stripes/smart-components';
import type { CountGroup, Counts } from '../data/facets';
import { STATES_BY_ROLE } from '../data/states';
import type { RequestRole } from '../types/request';
import { dateRangeInvalid, filtersActive, type DateRange, type RequestListFilters } from '../utils/cql';
import { T, stateLabel } from '../utils/labels';
import { usePartnerNames } from '../data/partners';
import { SERVICE_TYPES } from '../utils/list-url-state';
import { InputField } from './InputField';

export interface RequestFiltersProps {
  filters: RequestListFilters;
  /** counts per option, by group; a group without counts (yet) shows its options without them */
  counts: Partial<Record<CountGroup, Counts>>;
  onChange(patch: Partial<Omit<RequestListFilters, 'role'>>): void;
  /** show the needs-attention queue: every request of this side that needs attention */
  onQueue(): void;
  onReset(): void;
}

/** "Shipped (12)": an option label with its count, when the count is known. */
function withCount(intl: IntlShape, label: string, count: number | undefined): string {
  return count === undefined ? label : intl.formatMessage({ id: `${T}.filter.withCount` }, { label, count });
}

/** The count of a value when the group's counts are known (0 when the value is not among them). */
function countIn(counts: Counts | undefined, value: string): number | undefined {
  return counts ? counts.get(value) ?? 0 : undefined;
}

/**
 * States offered: the side's states in lifecycle order plus any other the backend counted; once
 * counts are known, only those with requests and those selected.
 */
function stateOptions(role: RequestRole, counts: Counts | undefined, selected: string[]): string[] {
  const known = STATES_BY_ROLE[role];
  const all = [...known, ...Array.from(counts?.keys() ?? []).filter((c) => !known.includes(c))];
  return counts ? all.filter((c) => (counts.get(c) ?? 0) > 0 || selected.includes(c)) : all;
}

/** Partners offered: those the backend counted (most requests first), plus any selected. */
function partnerOptions(counts: Counts | undefined, selected: string[]): string[] {
  const counted = Array.from(counts?.keys() ?? []);
  return [...counted, ...selected.filter((p) => !counted.includes(p))];
}

/** Search box, the needs-attention queue, and the filters of a request list with their counts. */
export function RequestFilters({ filters, counts, onChange, onQueue, onReset }: RequestFiltersProps) {
  const intl = useIntl();
  const { role } = filters;
  const [term, setTerm] = useState(filters.search);
  useEffect(() => setTerm(filters.search), [filters.search]);
  // bumped by "Reset all" and the queue: the date fields drop what was typed but not applied
  const [cleared, setCleared] = useState(0);
  const clear = () => { setTerm(''); setCleared((n) => n + 1); };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ search: term });
  };
  const label = (id: string) => intl.formatMessage({ id: `${T}.${id}` });
  const queueCount = countIn(counts.queue, 'true');
  const queueActive = filters.needsAttention && !filtersActive({ ...filters, needsAttention: false });
  const states = stateOptions(role, counts.state, filters.states);
  const partners = partnerOptions(counts.partner, filters.partners ?? []);
  const partnerNames = usePartnerNames();
  return (
    <div>
      <Button
        id={`rs-${role}-attention-queue`}
        buttonStyle={queueActive ? 'primary' : 'default'}
        aria-pressed={queueActive}
        fullWidth
        onClick={() => { clear(); onQueue(); }}
      >
        {withCount(intl, label('filter.queue'), queueCount)}
      </Button>
      <form onSubmit={submit} role="search">
        <SearchField
          id={`rs-${role}-search`}
          label={label('search.label')}
          placeholder={label('search.placeholder')}
          value={term}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setTerm(e.target.value)}
          onClear={() => { setTerm(''); onChange({ search: '' }); }}
        />
        <Button type="submit" buttonStyle="primary" fullWidth>
          <FormattedMessage id={`${T}.search.submit`} />
        </Button>
      </form>
      <Button buttonStyle="default" fullWidth disabled={!filtersActive(filters)} onClick={() => { clear(); onReset(); }}>
        <FormattedMessage id={`${T}.search.resetAll`} />
      </Button>
      <Accordion id={`rs-${role}-filter-attention`} label={<FormattedMessage id={`${T}.filter.needsAttention`} />}>
        <Checkbox
          id={`clickable-filter-needsAttention-${role}`}
          label={withCount(intl, label('filter.needsAttentionOnly'), countIn(counts.needsAttention, 'true'))}
          checked={filters.needsAttention}
          onChange={(e) => onChange({ needsAttention: e.target.checked })}
        />
      </Accordion>
      <Accordion id={`rs-${role}-filter-state`} label={<FormattedMessage id={`${T}.filter.state`} />}>
        <CheckboxFilter
          name="state"
          dataOptions={states.map((code) => ({ value: code, label: withCount(intl, stateLabel(intl, code), countIn(counts.state, code)) }))}
          selectedValues={filters.states}
          onChange={({ values }) => onChange({ states: values })}
        />
      </Accordion>
      <Accordion id={`rs-${role}-filter-serviceType`} label={<FormattedMessage id={`${T}.filter.serviceType`} />}>
        <CheckboxFilter
          name="serviceType"
          dataOptions={SERVICE_TYPES.map((t) => ({ value: t, label: withCount(intl, label(`serviceType.${t}`), countIn(counts.serviceType, t)) }))}
          selectedValues={filters.serviceTypes ?? []}
          onChange={({ values }) => onChange({ serviceTypes: values })}
        />
      </Accordion>
      <Accordion id={`rs-${role}-filter-partner`} label={<FormattedMessage id={`${T}.filter.partner`} />}>
        {partners.length === 0 && counts.partner ? <p><FormattedMessage id={`${T}.filter.partner.none`} /></p> : null}
        <CheckboxFilter
          name="partner"
          dataOptions={partners.map((p) => ({ value: p, label: withCount(intl, partnerNames.get(p) ?? p, countIn(counts.partner, p)) }))}
          selectedValues={filters.partners ?? []}
          onChange={({ values }) => onChange({ partners: values })}
        />
      </Accordion>
      <DateRangeFilter key={`created-${cleared}`} role={role} name="created" value={filters.created} onApply={(created) => onChange({ created })} />
      <DateRangeFilter key={`updated-${cleared}`} role={role} name="updated" value={filters.updated} onApply={(updated) => onChange({ updated })} />
    </div>
  );
}

interface DateRangeFilterProps {
  role: RequestRole;
  name: 'created' | 'updated';
  value: DateRange | undefined;
  onApply(range: DateRange): void;
}

/** From/to date inputs (either may stay empty) applied together, as FOLIO's DateRangeFilter does. */
function DateRangeFilter({ role, name, value, onApply }: DateRangeFilterProps) {
  const intl = useIntl();
  const from = value?.from ?? '';
  const to = value?.to ?? '';
  const [draft, setDraft] = useState<DateRange>({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const invalid = dateRangeInvalid(draft);
  const id = `rs-${role}-filter-${name}`;
  return (
    <Accordion id={id} label={<FormattedMessage id={`${T}.filter.${name}`} />}>
      <form onSubmit={(e) => { e.preventDefault(); if (!invalid) onApply(draft); }}>
        <InputField
          id={`${id}-from`}
          type="date"
          label={intl.formatMessage({ id: `${T}.filter.${name}.from` })}
          value={draft.from}
          max={draft.to || undefined}
          onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
        />
        <InputField
          id={`${id}-to`}
          type="date"
          label={intl.formatMessage({ id: `${T}.filter.${name}.to` })}
          value={draft.to}
          min={draft.from || undefined}
          error={invalid ? intl.formatMessage({ id: `${T}.filter.dates.invalid` }) : undefined}
          onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
        />
        <Button
          id={`${id}-apply`}
          type="submit"
          buttonStyle="default"
          fullWidth
          disabled={invalid || (draft.from === from && draft.to === to)}
          aria-label={intl.formatMessage({ id: `${T}.filter.${name}.apply` })}
        >
          <FormattedMessage id={`${T}.filter.dates.apply`} />
        </Button>
      </form>
    </Accordion>
  );
}
