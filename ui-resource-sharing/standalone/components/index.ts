// Stand-in for `@folio/stripes/components`: only the exports the app uses, with the real names.
export { Paneset, Pane, PaneHeader, PaneMenu, PaneFooter, LoadingPane, Row, Col, Layout, Headline } from './layout.tsx';
export { Button } from './button.tsx';
export { TextField, TextArea, Select, Checkbox } from './form-controls.tsx';
export { SearchField } from './search-field.tsx';
export { MultiColumnList, MCLPagingTypes } from './multi-column-list.tsx';
export { KeyValue, NoValue, Accordion, AccordionSet, MessageBanner, EmptyMessage } from './display.tsx';
export { Loading } from './loading.tsx';
export { Callout } from './callout.tsx';
export { NavList, NavListItem, NavListSection } from './nav-list.tsx';
