/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { MultiColumnList } from '@folio/stripes/components';
import type { RequestRole, ResourceSharingRequest } from '../types/request';
import type { SortDirection } from '../utils/cql';
import { usePartnerNames } from '../data/partners';
import { T } from '../utils/labels';
import { DateTime } from './DateTime';
import { StateLabel } from './StateLabel';
import css from './RequestList.css';

export const COLUMNS = ['hrid', 'title', 'patron', 'state', 'partner', 'updated'] as const;
export type Column = typeof COLUMNS[number];
/** While a request is open beside the list, the list keeps the columns that identify a request (none clipped). */
const NARROW_COLUMNS: Column[] = ['hrid', 'title', 'state', 'partner'];
const WIDTHS: Record<Column, string> = { hrid: '12%', title: '30%', patron: '16%', state: '16%', partner: '12%', updated: '14%' };
const NARROW_WIDTHS: Partial<Record<Column, string>> = { hrid: '22%', title: '34%', state: '24%', partner: '20%' };

/** The CQL field each column sorts by. */
export function sortFieldFor(column: Column, role: RequestRole): string {
  switch (column) {
    case 'patron': return 'patronName';
    case 'partner': return role === 'borrowing' ? 'supplierSymbol' : 'requesterSymbol';
    case 'updated': return 'updatedDate';
    default: return column;
  }
}

export interface RequestListProps {
  role: RequestRole;
  requests: ResourceSharingRequest[];
  totalCount: number;
  loading: boolean;
  sortedColumn: Column;
  sortDirection: SortDirection;
  selectedId?: string;
  /** a pane is open beside the list (a request, the new-request form): show the identifying columns only */
  narrow?: boolean;
  emptyMessage: ReactNode;
  onSort(column: Column): void;
  onSelect(request: ResourceSharingRequest): void;
  onLoadMore(): void;
}

/**
 * One row of the list: a display value per column, plus the request itself as row metadata (not a
 * column). The real MultiColumnList's typings take columns only from the row type's keys.
 */
type RequestRow = Record<Column, ReactNode> & { request: ResourceSharingRequest };

function toRow(r: ResourceSharingRequest, role: RequestRole, partnerNames: Map<string, string>): RequestRow {
  const symbol = (role === 'borrowing' ? r.supplierSymbol : r.requesterSymbol) ?? '';
  return {
    request: r,
    hrid: r.hrid,
    // a very long title takes at most three lines (the whole title in the tooltip and the detail)
    title: <span className={css.clampedTitle} title={r.citation?.title}>{r.citation?.title}</span>,
    patron: r.patron?.name ?? r.patron?.barcode ?? '',
    state: (
      <>
        <StateLabel state={r.state} />
        {r.needsAttention ? <> <strong><FormattedMessage id={`${T}.needsAttention.badge`} /></strong></> : null}
      </>
    ),
    partner: partnerNames.get(symbol) ?? symbol,
    updated: <DateTime value={r.metadata?.updatedDate ?? r.metadata?.createdDate} />,
  };
}

const COLUMN_MAPPING: Record<Column, ReactNode> = {
  hrid: <FormattedMessage id={`${T}.column.hrid`} />,
  title: <FormattedMessage id={`${T}.column.title`} />,
  patron: <FormattedMessage id={`${T}.column.patron`} />,
  state: <FormattedMessage id={`${T}.column.state`} />,
  partner: <FormattedMessage id={`${T}.column.partner`} />,
  updated: <FormattedMessage id={`${T}.column.updated`} />,
};

export function RequestList({ role, requests, totalCount, loading, sortedColumn, sortDirection, selectedId, narrow = !!selectedId, emptyMessage, onSort, onSelect, onLoadMore }: RequestListProps) {
  const partnerNames = usePartnerNames();
  return (
    <MultiColumnList<RequestRow, 'request'>
      id={`rs-${role}-list`}
      contentData={requests.map((r) => toRow(r, role, partnerNames))}
      rowMetadata={['request']}
      totalCount={totalCount}
      visibleColumns={narrow ? NARROW_COLUMNS : [...COLUMNS]}
      columnMapping={COLUMN_MAPPING}
      columnWidths={narrow ? NARROW_WIDTHS : WIDTHS}
      sortedColumn={sortedColumn}
      sortDirection={sortDirection}
      onHeaderClick={(_e, { name }) => onSort(name)}
      onRowClick={(_e, row) => onSelect(row.request)}
      isSelected={({ item }) => item.request.id === selectedId}
      pagingType="click"
      onNeedMoreData={() => onLoadMore()}
      loading={loading}
      isEmptyMessage={emptyMessage}
    />
  );
}
