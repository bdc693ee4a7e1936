/** @jsxRuntime automatic @jsxImportSource react */
import type { ChangeEvent } from 'react';
import { FormattedMessage } from 'react-intl';
import { css } from './class-names';
import { TextField, type TextFieldProps } from './form-controls';

export interface SearchFieldProps extends TextFieldProps {
  onClear?: () => void;
  clearSearchId?: string;
  searchableIndexes?: Array<{ label: string; value: string; disabled?: boolean }>;
  selectedIndex?: string;
  onChangeIndex?: (event: ChangeEvent<HTMLSelectElement>) => void;
  searchableIndexesPlaceholder?: string;
  indexLabel?: string;
}

// the real SearchField renders its TextField with type="search", a value the TextField typings refuse to apps
const SEARCH_TYPE = 'search' as unknown as 'text';

/** A search input with a clear button and an optional index selector (`<id>-qindex`). */
export function SearchField({ onClear, clearSearchId, searchableIndexes, selectedIndex, onChangeIndex, searchableIndexesPlaceholder, indexLabel, id, value, ...rest }: SearchFieldProps) {
  const clear = value && onClear ? (
    <FormattedMessage id="stripes-components.clearThisField">
      {(label) => (
        <button type="button" id={clearSearchId} className={css('iconButton', 'clearFieldButton')} aria-label={String(label)} onClick={onClear}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </FormattedMessage>
  ) : null;
  return (
    <div className={css('searchFieldWrap')}>
      {searchableIndexes ? (
        <select id={id ? `${id}-qindex` : undefined} className={css('selectIndex')} value={selectedIndex} onChange={onChangeIndex} aria-label={indexLabel}>
          {searchableIndexesPlaceholder ? <option value="">{searchableIndexesPlaceholder}</option> : null}
          {searchableIndexes.map((i) => <option key={i.value} value={i.value} disabled={i.disabled}>{i.label}</option>)}
        </select>
      ) : null}
      <div className={css('searchField')}>
        <TextField {...rest} id={id} value={value} type={SEARCH_TYPE} endControl={clear} />
      </div>
    </div>
  );
}
