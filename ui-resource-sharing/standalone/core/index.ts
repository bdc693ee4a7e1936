// Stand-in for `@folio/stripes/core`: only the exports the app uses, with the real names.
export { StripesContext, useStripes, withStripes, stripesConnect } from './stripes-context';
export { useOkapiKy } from './use-okapi-ky';
export { IfPermission, IfAnyPermission, IfInterface } from './if-permission';
export { CalloutContext, useCallout } from './callout-context';
export { TitleManager } from './title-manager';
