// Stand-in for `@folio/stripes/components`: only the exports the app uses, with the real names.
export { Paneset, Pane, PaneHeader, PaneMenu, PaneFooter, LoadingPane, Row, Col, Layout, Headline } from './layout';
export { Button } from './button';
export { TextField, TextArea, Select, Checkbox, Datepicker } from './form-controls';
export { SearchField } from './search-field';
export { MultiColumnList, MCLPagingTypes } from './multi-column-list';
export { KeyValue, NoValue, Accordion, AccordionSet, MessageBanner, EmptyMessage } from './display';
export { Loading } from './loading';
export { Callout } from './callout';
export { NavList, NavListItem, NavListSection } from './nav-list';
