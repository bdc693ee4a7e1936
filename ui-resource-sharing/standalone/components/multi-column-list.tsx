/** @jsxRuntime automatic @jsxImportSource react */
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { css } from './class-names';
import { Button } from './button';
import { Loading } from './loading';

export const MCLPagingTypes = {
  SCROLL: 'scroll',
  CLICK: 'click',
  PREV_NEXT: 'prev-next',
  NONE: 'none',
} as const;

type PagingType = typeof MCLPagingTypes[keyof typeof MCLPagingTypes];
type Row = object;
type RowWithIndex<T> = T & { rowIndex: number };

export interface MultiColumnListProps<T extends Row> {
  id?: string;
  contentData?: T[];
  visibleColumns?: string[];
  columnMapping?: Record<string, ReactNode>;
  formatter?: Record<string, (item: RowWithIndex<T>) => ReactNode>;
  columnWidths?: Record<string, string>;
  onRowClick?: (event: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>, item: T) => void;
  onHeaderClick?: (event: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>, column: { name: string; alias: ReactNode }) => void;
  nonInteractiveHeaders?: string[];
  sortedColumn?: string;
  /** legacy alias of sortedColumn */
  sortOrder?: string;
  sortDirection?: 'ascending' | 'descending';
  sortableFields?: string[];
  showSortIndicator?: boolean;
  onNeedMoreData?: (askAmount: number, index: number) => void;
  totalCount?: number;
  pagingType?: PagingType;
  pageAmount?: number;
  dataEndReached?: boolean;
  isEmptyMessage?: ReactNode;
  loading?: boolean;
  isSelected?: (args: { item: T }) => boolean;
  selectedRow?: T;
  rowMetadata?: string[];
  interactive?: boolean;
  striped?: boolean;
  columnIdPrefix?: string;
  autosize?: boolean;
  virtualize?: boolean;
  height?: number | string;
  maxHeight?: number | string;
  wrapCells?: boolean;
}

function columnKey(col: string): string {
  return col.toLowerCase().replace(/\s+/g, '');
}

function cellValue<T extends Row>(item: T, col: string): ReactNode {
  const v = (item as Record<string, unknown>)[col];
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function MultiColumnList<T extends Row>(props: MultiColumnListProps<T>) {
  const {
    id, contentData = [], columnMapping = {}, formatter = {}, columnWidths = {}, onRowClick, onHeaderClick,
    nonInteractiveHeaders = [], sortDirection, sortableFields = [], showSortIndicator = false, onNeedMoreData,
    totalCount = 0, pagingType = 'scroll', pageAmount = 30, dataEndReached = false, isEmptyMessage, loading,
    isSelected, selectedRow, rowMetadata = ['rowIndex'], interactive = true, striped = true, columnIdPrefix,
  } = props;
  const sortedColumn = props.sortedColumn ?? props.sortOrder;
  const visibleColumns = props.visibleColumns
    ?? (contentData[0] ? Object.keys(contentData[0]).filter((k) => !rowMetadata.includes(k)) : []);
  const prefix = columnIdPrefix ? `${columnIdPrefix}-` : '';
  const clickable = Boolean(onRowClick);

  const header = visibleColumns.map((col) => {
    const alias = columnMapping[col] ?? col;
    const isSorted = sortedColumn === col;
    const canClick = Boolean(onHeaderClick) && !nonInteractiveHeaders.includes(col);
    const ariaSort = isSorted ? (sortDirection ?? 'ascending') : 'none';
    const activate = (e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => onHeaderClick?.(e, { name: col, alias });
    const indicator = (isSorted || (showSortIndicator && sortableFields.includes(col)))
      ? <span className={css('mclSortIndicator', isSorted && sortDirection === 'descending' ? 'descending' : 'ascending')} aria-hidden="true">{isSorted ? (sortDirection === 'descending' ? '▼' : '▲') : '↕'}</span>
      : null;
    return (
      <div
        key={col}
        id={`${prefix}list-column-${columnKey(col)}`}
        role="columnheader"
        aria-sort={ariaSort}
        className={css('mclHeader', isSorted && 'mclSorted', isSorted && sortDirection === 'descending' && 'mclSortedDescending')}
        style={columnWidths[col] ? { width: columnWidths[col], flex: `0 0 ${columnWidths[col]}` } : undefined}
      >
        {canClick ? (
          <div
            id={`${prefix}clickable-list-column-${columnKey(col)}`}
            className={css('mclHeaderInner', 'mclClickableHeader')}
            role="button"
            tabIndex={0}
            data-test-clickable-header
            onClick={activate}
            onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(e); } }}
          >
            {alias}{indicator}
          </div>
        ) : <div className={css('mclHeaderInner')}>{alias}{indicator}</div>}
      </div>
    );
  });

  const rows = contentData.map((item, rowIndex) => {
    const selected = isSelected ? isSelected({ item }) : selectedRow === item;
    const activate = (e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => onRowClick?.(e, item);
    const withIndex = { ...item, rowIndex } as RowWithIndex<T>;
    return (
      <div key={rowIndex} role="presentation" data-row-index={`row-${rowIndex}`} className={css('mclRowFormatterContainer')}>
        <div
          role="row"
          aria-rowindex={rowIndex + 2}
          aria-selected={selected || undefined}
          className={css('mclRow', striped && rowIndex % 2 === 0 && 'mclIsOdd', selected && 'mclSelected', clickable && interactive && 'mclClickableRow')}
          data-row-inner={rowIndex}
          tabIndex={clickable ? 0 : undefined}
          onClick={clickable ? activate : undefined}
          onKeyDown={clickable ? (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); activate(e); } } : undefined}
        >
          {visibleColumns.map((col) => (
            <div
              key={col}
              role="gridcell"
              className={css('mclCell')}
              style={columnWidths[col] ? { width: columnWidths[col], flex: `0 0 ${columnWidths[col]}` } : undefined}
            >
              {formatter[col] ? formatter[col](withIndex) : cellValue(item, col)}
            </div>
          ))}
        </div>
      </div>
    );
  });

  const hasMore = !dataEndReached && contentData.length < totalCount;
  let footer: ReactNode = null;
  if (contentData.length > 0 && pagingType === 'click' && onNeedMoreData) {
    footer = (
      <div className={css('mclEndOfListContainer')} data-end-of-list={hasMore ? undefined : true}>
        {hasMore ? (
          <Button data-test-paging-button disabled={loading} onClick={() => onNeedMoreData(pageAmount, contentData.length)}>
            <FormattedMessage id="stripes-components.mcl.loadMore" />
          </Button>
        ) : <span className={css('mclEndOfList')} aria-hidden="true">•</span>}
      </div>
    );
  }

  return (
    <div className={css('mclContainer')}>
      <div className={css('mclScrollable')} role="grid" id={id} aria-rowcount={totalCount || contentData.length} data-total-count={totalCount}>
        <div className={css('mclHeaderContainer')} role="rowgroup">
          <div className={css('mclHeaderRow')} role="row" aria-rowindex={1}>{header}</div>
        </div>
        <div className={css('mclRowContainer')} role="rowgroup">
          {rows}
          {loading ? <div className={css('mclContentLoading')} role="row"><div role="gridcell"><Loading /></div></div> : null}
        </div>
      </div>
      {!loading && contentData.length === 0 ? (
        <div className={css('mclEmptyMessage')} id={id ? `${id}-empty` : undefined}>
          {isEmptyMessage ?? <FormattedMessage id="stripes-components.tableEmpty" />}
        </div>
      ) : null}
      {footer}
    </div>
  );
}
