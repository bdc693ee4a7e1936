// The props the real Stripes components take, for every component the stand-in provides and the
// app renders. Data for `src/stripes-contract-props.test.tsx`: the app may pass only these to a
// `@folio/stripes/*` component, and the stand-in's prop types may declare only these.
//
// `props` are the names shared/research/stripes-api.md lists (stripes-components 13.1 @c3c4cd27,
// stripes-core 11.2, stripes-smart-components 10.1). Where the note names only some of a
// component's props, `partial` says so: the real component takes more, but we do not list a name
// until someone has checked it. A name the note lacks is accepted only through `fromSource`, which
// cites the file of the real package (same commit as the note) that declares or forwards it.
// `key`, `ref` and `children` are React's own and never checked.

export type StripesModule = '@folio/stripes/core' | '@folio/stripes/components' | '@folio/stripes/smart-components';

export interface StripesComponentProps {
  /** prop names listed in stripes-api.md */
  props: readonly string[];
  /** the note lists only the main props of this component (the real one takes more) */
  partial?: true;
  /** any `aria-*` attribute is handed on to the DOM element (only where the note or the source says so) */
  aria?: 'any';
  /** `data-*` attributes handed on: any, or only `data-test-*` */
  data?: 'any' | 'data-test-*';
  /** names the note lacks, checked in the real source: the file that declares or forwards them */
  fromSource?: { file: string; names: readonly string[] };
}

const STRIPES_COMPONENTS_SRC = 'folio-org/stripes-components@c3c4cd27';

const PANE_PROPS = [
  'defaultWidth', 'id', 'paneTitle', 'paneSub', 'appIcon', 'firstMenu', 'lastMenu', 'actionMenu', 'dismissible', 'onClose',
  'renderHeader', 'padContent', 'noOverflow', 'centerContent', 'footer', 'subheader', 'height', 'tagName', 'paneTitleRef',
  'paneTitleAutoFocus', 'onMount', 'actionMenuToggleProps',
] as const;

// The note's TextField row ("main props").
const TEXT_FIELD_PROPS = [
  'label', 'id', 'name', 'value', 'type', 'onChange', 'onBlur', 'onFocus', 'onClearField', 'hasClearIcon', 'placeholder',
  'required', 'readOnly', 'disabled', 'autoFocus', 'error', 'warning', 'loading', 'startControl', 'endControl', 'fullWidth',
  'marginBottom0', 'inputRef', 'aria-label',
] as const;

// TextField hands every prop it does not use itself to its <input> (`inputCustom = omitProps(...)`, `{...inputCustom}`).
const TEXT_FIELD_FORWARDED = {
  file: `${STRIPES_COMPONENTS_SRC} lib/TextField/TextField.js (other props spread onto <input>)`,
  names: ['min', 'max'],
} as const;

export const STRIPES_PROPS: Record<StripesModule, Record<string, StripesComponentProps>> = {
  '@folio/stripes/components': {
    Paneset: { props: ['id', 'isRoot', 'nested', 'static', 'defaultWidth', 'initialLayouts', 'onLayout', 'onResize'] },
    Pane: { props: PANE_PROPS },
    // The note: "same header props + id, className, header"; spelled out here (agrees with PaneHeader.propTypes).
    PaneHeader: {
      props: [
        'id', 'className', 'header', 'paneTitle', 'paneSub', 'appIcon', 'firstMenu', 'lastMenu', 'actionMenu', 'dismissible',
        'onClose', 'paneTitleRef', 'paneTitleAutoFocus', 'actionMenuToggleProps',
      ],
    },
    // The note lists only `children` for PaneMenu.
    PaneMenu: { props: [], partial: true },
    PaneFooter: { props: ['renderStart', 'renderEnd', 'className', 'innerClassName'] },
    // "LoadingPane = Pane (defaultWidth 'fill') with xlarge spinner"
    LoadingPane: { props: PANE_PROPS },
    Loading: { props: ['size', 'useCurrentColor'] },
    Row: { props: ['start', 'center', 'end', 'top', 'middle', 'bottom', 'around', 'between', 'reverse', 'tagName'] },
    Col: {
      props: ['xs', 'sm', 'md', 'lg', 'xl', 'xsOffset', 'smOffset', 'mdOffset', 'lgOffset', 'xlOffset', 'first', 'last', 'tagName'],
    },
    Layout: { props: ['className', 'element'] },
    Headline: { props: ['size', 'margin', 'tag', 'weight', 'faded', 'block', 'flex'] },
    Button: {
      props: [
        'buttonStyle', 'type', 'onClick', 'disabled', 'to', 'href', 'allowAnchorClick', 'marginBottom0', 'bottomMargin0',
        'paddingSide0', 'fullWidth', 'align', 'buttonClass', 'buttonRef', 'autoFocus', 'aria-disabled',
      ],
      // Button spreads every prop it does not use itself onto the <button>/<a>/<Link> (`inputCustom`); the note
      // itself says interactors find buttons by `aria-label` and `id`.
      aria: 'any',
      data: 'any',
      fromSource: { file: `${STRIPES_COMPONENTS_SRC} lib/Button/Button.js (inputCustom spread onto the element)`, names: ['id', 'title', 'role'] },
    },
    TextField: { props: TEXT_FIELD_PROPS, partial: true, aria: 'any', data: 'any', fromSource: TEXT_FIELD_FORWARDED },
    // "as TextField + fitContent, lockWidth, newLineOnShiftEnter, onSubmitSearch, rootClass"
    TextArea: {
      props: [...TEXT_FIELD_PROPS, 'fitContent', 'lockWidth', 'newLineOnShiftEnter', 'onSubmitSearch', 'rootClass'],
      partial: true,
      aria: 'any',
      data: 'any',
      fromSource: { file: `${STRIPES_COMPONENTS_SRC} lib/TextArea/TextArea.js (other props spread onto <textarea>)`, names: ['rows'] },
    },
    Select: {
      props: [
        'dataOptions', 'label', 'id', 'name', 'value', 'placeholder', 'onChange', 'required', 'readOnly', 'disabled', 'multiple',
        'fullWidth', 'marginBottom0', 'error', 'warning', 'validationEnabled', 'selectClass', 'inputRef',
      ],
      partial: true,
      fromSource: { file: `${STRIPES_COMPONENTS_SRC} lib/Select/Select.js (propTypes)`, names: ['aria-label', 'aria-labelledby'] },
    },
    Checkbox: {
      props: [
        'label', 'checked', 'value', 'name', 'id', 'onChange', 'disabled', 'readOnly', 'inline', 'vertical', 'fullWidth', 'error',
        'warning', 'labelInfo', 'inputRef',
      ],
      partial: true,
    },
    // The note's Datepicker row, plus stripes-types components/lib/Datepicker/Datepicker.d.ts (`input`, `meta`
    // required there; `Merge<Partial<TextFieldProps>, DatepickerProps>` adds TextField's error/warning/name/…).
    Datepicker: {
      props: [
        'label', 'id', 'value', 'onChange', 'dateFormat', 'backendDateStandard', 'outputBackendValue', 'useInput', 'timeZone',
        'locale', 'disabled', 'readOnly', 'required', 'hideCalendarButton', 'usePortal', 'placement', 'parser',
        'outputFormatter', 'inputValidator',
      ],
      fromSource: {
        file: 'folio-org/stripes-types@0073bb4c components/lib/Datepicker/Datepicker.d.ts',
        names: ['input', 'meta', 'name', 'onBlur', 'onFocus', 'autoFocus', 'marginBottom0', 'error', 'warning', 'inputRef'],
      },
    },
    // "TextField props + ..."; SearchField passes the rest on to its TextField.
    SearchField: {
      props: [
        ...TEXT_FIELD_PROPS, 'onClear', 'clearSearchId', 'inputType', 'searchableIndexes', 'selectedIndex', 'onChangeIndex',
        'searchableIndexesPlaceholder', 'indexLabel',
      ],
      partial: true,
      aria: 'any',
      data: 'any',
      fromSource: TEXT_FIELD_FORWARDED,
    },
    MultiColumnList: {
      props: [
        'contentData', 'visibleColumns', 'columnMapping', 'formatter', 'columnWidths', 'onRowClick', 'onHeaderClick',
        'sortedColumn', 'sortOrder', 'sortDirection', 'sortableFields', 'showSortIndicator', 'onNeedMoreData', 'totalCount',
        'pagingType', 'pageAmount', 'pagingOffset', 'pagingCanGoNext', 'pagingCanGoPrevious', 'dataEndReached',
        'isEmptyMessage', 'loading', 'virtualize', 'autosize', 'height', 'maxHeight', 'width', 'selectedRow', 'isSelected',
        'rowMetadata', 'interactive', 'striped', 'id', 'rowFormatter', 'rowProps', 'rowUpdater', 'getCellClass',
        'getHeaderCellClass', 'columnIdPrefix', 'stickyFirstColumn', 'stickyLastColumn', 'hasMargin', 'wrapCells',
        'itemToView', 'onMarkPosition', 'onScroll',
        // named in the note's onHeaderClick row ("unless in `nonInteractiveHeaders`")
        'nonInteractiveHeaders',
      ],
    },
    // "any `data-test-*`"
    KeyValue: { props: ['label', 'value', 'subValue'], data: 'data-test-*' },
    NoValue: { props: ['ariaLabel'] },
    Accordion: {
      props: [
        'label', 'id', 'open', 'closedByDefault', 'onToggle', 'onClickToggle', 'displayWhenOpen', 'displayWhenClosed', 'header',
        'headerProps', 'contentRef', 'separator', 'disabled',
      ],
    },
    AccordionSet: { props: ['accordionStatus', 'onToggle', 'initialStatus', 'id', 'setStatus'] },
    MessageBanner: {
      props: ['type', 'dismissible', 'show', 'icon', 'onExited', 'element', 'marginTop0', 'aria-live'],
    },
    EmptyMessage: { props: ['className'] },
    // Used only through its ref (`sendCallout`, `removeCallout`).
    Callout: { props: [] },
    // The note names these only for their DOM hooks; their props are taken from the source.
    NavList: {
      props: [],
      fromSource: { file: `${STRIPES_COMPONENTS_SRC} lib/NavList/NavList.js (propTypes)`, names: ['ariaLabel', 'className'] },
    },
    NavListSection: {
      props: [],
      fromSource: {
        file: `${STRIPES_COMPONENTS_SRC} lib/NavListSection/NavListSection.js (propTypes)`,
        names: ['activeLink', 'className', 'label', 'striped', 'tag'],
      },
    },
    NavListItem: {
      props: [],
      fromSource: {
        file: `${STRIPES_COMPONENTS_SRC} lib/NavListItem/NavListItem.js (propTypes; \`to\`/\`href\` pick the element)`,
        names: ['className', 'isActive', 'to', 'href'],
      },
    },
  },
  '@folio/stripes/core': {
    IfPermission: { props: ['perm'] },
    IfAnyPermission: { props: ['perm'] },
    IfInterface: { props: ['name', 'version'] },
    TitleManager: { props: ['page', 'record', 'prefix'] },
  },
  '@folio/stripes/smart-components': {
    CheckboxFilter: { props: ['dataOptions', 'name', 'selectedValues', 'onChange'] },
    Settings: {
      props: [
        'pages', 'sections', 'paneTitle', 'navPaneWidth', 'paneBackLink', 'additionalRoutes', 'activeLink', 'paneTitleRef',
        // "needs `match`, `location`, `stripes`"
        'match', 'location', 'stripes',
      ],
      // stripes-types' SettingsProps, which the stand-in mirrors so that it refuses what a platform build refuses
      fromSource: { file: 'folio-org/stripes-types@288a560 smart-components/lib/Settings/Settings.d.ts', names: ['forceRender', 'showSettings'] },
    },
  },
};

/** React's own props, never checked. */
export const REACT_PROPS: readonly string[] = ['key', 'ref', 'children'];

/** Whether the real component takes the prop (or attribute) `name`. */
export function takesProp(component: StripesComponentProps, name: string): boolean {
  if (REACT_PROPS.includes(name) || component.props.includes(name)) return true;
  if (component.fromSource?.names.includes(name)) return true;
  if (name.startsWith('aria-')) return component.aria === 'any';
  if (name.startsWith('data-')) return component.data === 'any' || (component.data === 'data-test-*' && name.startsWith('data-test-'));
  return false;
}
