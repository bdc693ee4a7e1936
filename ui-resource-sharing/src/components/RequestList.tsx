/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { MultiColumnList } from '@folio/stripes/components';
import type { RequestRole, ResourceSharingRequest } from '../types/request';
import type { SortDirection } from '../utils/cql';
import { T } from '../utils/labels';
import { DateTime } from './DateTime';
import { StateLabel } from './StateLabel';

export const COLUMNS = ['hrid', 'title', 'patron', 'state', 'partner', 'updated'] as const;
export type Column = typeof COLUMNS[number];

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
  emptyMessage: ReactNode;
  onSort(column: Column): void;
  onSelect(request: ResourceSharingRequest): void;
  onLoadMore(): void;
}

export function RequestList({ role, requests, totalCount, loading, sortedColumn, sortDirection, selectedId, emptyMessage, onSort, onSelect, onLoadMore }: RequestListProps) {
  const columnMapping = Object.fromEntries(COLUMNS.map((c) => [c, <FormattedMessage key={c} id={`${T}.column.${c}`} />]));
  return (
    <MultiColumnList
      id={`rs-${role}-list`}
      contentData={requests}
      totalCount={totalCount}
      visibleColumns={[...COLUMNS]}
      columnMapping={columnMapping}
      columnWidths={{ hrid: '12%', title: '30%', patron: '16%', state: '16%', partner: '12%', updated: '14%' }}
      formatter={{
        hrid: (r) => r.hrid,
        title: (r) => r.citation?.title,
        patron: (r) => r.patron?.name ?? r.patron?.barcode ?? '',
        state: (r) => (
          <>
            <StateLabel state={r.state} />
            {r.needsAttention ? <> <strong><FormattedMessage id={`${T}.needsAttention.badge`} /></strong></> : null}
          </>
        ),
        partner: (r) => (role === 'borrowing' ? r.supplierSymbol : r.requesterSymbol) ?? '',
        updated: (r) => <DateTime value={r.metadata?.updatedDate ?? r.metadata?.createdDate} />,
      }}
      sortedColumn={sortedColumn}
      sortDirection={sortDirection}
      onHeaderClick={(_e, { name }) => onSort(name as Column)}
      onRowClick={(_e, r) => onSelect(r)}
      isSelected={({ item }) => item.id === selectedId}
      pagingType="click"
      onNeedMoreData={() => onLoadMore()}
      loading={loading}
      isEmptyMessage={emptyMessage}
    />
  );
}
