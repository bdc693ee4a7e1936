/** @jsxRuntime automatic @jsxImportSource react */
import { isValidElement, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
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

/**
 * Column keys, as stripes-types types them: every key of the row type but the `rowMetadata` ones.
 * So a column must be a key of the row, and `columnMapping`/`formatter`, when given, name every
 * column (a full Record), exactly as a platform build checks them.
 */
export type MultiColumnListColumn<T, O extends string> = keyof Omit<T, O>;

export type ColumnWidth = string | number | { min: number; max?: number };

export interface MultiColumnListProps<T, O extends string = ''> {
  id?: string;
  contentData: T[];
  visibleColumns?: MultiColumnListColumn<T, O>[];
  columnMapping?: Record<MultiColumnListColumn<T, O>, ReactNode>;
  formatter?: Record<MultiColumnListColumn<T, O>, (item: T) => ReactNode>;
  columnWidths?: Partial<Record<MultiColumnListColumn<T, O>, ColumnWidth>>;
  /** stripes-types types the event as the DOM's (not React's) MouseEvent | KeyboardEvent */
  onRowClick?: (event: globalThis.MouseEvent | globalThis.KeyboardEvent, item: T) => void;
  onHeaderClick?: (event: globalThis.MouseEvent, column: { name: MultiColumnListColumn<T, O>; alias: ReactNode }) => void;
  nonInteractiveHeaders?: MultiColumnListColumn<T, O>[];
  sortedColumn?: MultiColumnListColumn<T, O>;
  sortDirection?: 'ascending' | 'descending';
  onNeedMoreData?: (askAmount: number, index: number) => void;
  totalCount?: number;
  pagingType?: PagingType;
  pageAmount?: number;
  dataEndReached?: boolean;
  isEmptyMessage?: ReactNode;
  loading?: boolean;
  isSelected?: (args: { item: T; rowIndex: number }) => boolean;
  selectedRow?: T;
  rowMetadata?: O[];
  interactive?: boolean;
  striped?: boolean;
  columnIdPrefix?: string;
  autosize?: boolean;
  virtualize?: boolean;
  height?: number | string;
  maxHeight?: number;
  wrapCells?: boolean;
}

function columnKey(col: string): string {
  return col.toLowerCase().replace(/\s+/g, '');
}

function widthStyle(width: ColumnWidth | undefined) {
  if (width === undefined) return undefined;
  const w = typeof width === 'object' ? `${width.min}px` : typeof width === 'number' ? `${width}px` : width;
  return { width: w, flex: `0 0 ${w}` };
}

/** Without a formatter the real MCL renders the row's value as it is (a string, number or element). */
function cellValue(item: unknown, col: string): ReactNode {
  const v = (item as Record<string, unknown>)[col];
  if (v === null || v === undefined || typeof v === 'boolean') return '';
  if (typeof v === 'string' || typeof v === 'number' || isValidElement(v)) return v;
  return String(v);
}

export function MultiColumnList<T, O extends string = ''>(props: MultiColumnListProps<T, O>) {
  const {
    id, contentData = [], onRowClick, onHeaderClick, sortDirection, onNeedMoreData,
    totalCount = 0, pagingType = 'scroll', pageAmount = 30, dataEndReached = false, isEmptyMessage, loading,
    isSelected, selectedRow, interactive = true, striped = true, columnIdPrefix,
  } = props;
  // inside, columns are plain strings (the real component is untyped JavaScript)
  const columnMapping = (props.columnMapping ?? {}) as Record<string, ReactNode>;
  const formatter = (props.formatter ?? {}) as Record<string, (item: T & { rowIndex: number }) => ReactNode>;
  const columnWidths = (props.columnWidths ?? {}) as Record<string, ColumnWidth | undefined>;
  const nonInteractiveHeaders = (props.nonInteractiveHeaders ?? []) as string[];
  const rowMetadata: string[] = props.rowMetadata ?? ['rowIndex'];
  const sortedColumn = props.sortedColumn as string | undefined;
  const visibleColumns: string[] = (props.visibleColumns as string[] | undefined)
    ?? (contentData[0] ? Object.keys(contentData[0] as object).filter((k) => !rowMetadata.includes(k)) : []);
  const prefix = columnIdPrefix ? `${columnIdPrefix}-` : '';
  const clickable = Boolean(onRowClick);

  const header = visibleColumns.map((col) => {
    const alias = columnMapping[col] ?? col;
    const isSorted = sortedColumn === col;
    const canClick = Boolean(onHeaderClick) && !nonInteractiveHeaders.includes(col);
    const ariaSort = isSorted ? (sortDirection ?? 'ascending') : 'none';
    // the real MCL answers a click or Enter/Space on a header alike; the typings call the event a MouseEvent
    const activate = (e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => onHeaderClick?.(e.nativeEvent as globalThis.MouseEvent, { name: col as MultiColumnListColumn<T, O>, alias });
    const indicator = isSorted
      ? <span className={css('mclSortIndicator', sortDirection === 'descending' ? 'descending' : 'ascending')} aria-hidden="true">{sortDirection === 'descending' ? '▼' : '▲'}</span>
      : null;
    return (
      <div
        key={col}
        id={`${prefix}list-column-${columnKey(col)}`}
        role="columnheader"
        aria-sort={ariaSort}
        className={css('mclHeader', isSorted && 'mclSorted', isSorted && sortDirection === 'descending' && 'mclSortedDescending')}
        style={widthStyle(columnWidths[col])}
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
    const selected = isSelected ? isSelected({ item, rowIndex }) : selectedRow === item;
    const activate = (e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>) => onRowClick?.(e.nativeEvent, item);
    const withIndex = { ...item, rowIndex };
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
              style={widthStyle(columnWidths[col])}
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
        ) : <span className={css('mclEndOfList')} aria-hidden="true" />}
      </div>
    );
  }

  // as the real MCL: no data and not loading renders the empty message alone (no grid)
  if (contentData.length === 0 && !loading) {
    return (
      <div className={css('mclEmptyMessage')} id={id ? `${id}-empty` : undefined}>
        {isEmptyMessage ?? <FormattedMessage id="stripes-components.tableEmpty" />}
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
      {footer}
    </div>
  );
}
