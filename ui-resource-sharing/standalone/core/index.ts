// Stand-in for `@folio/stripes/core`: only the exports the app uses, with the real names.
export { StripesContext, useStripes, withStripes, stripesConnect } from './stripes-context.tsx';
export { useOkapiKy } from './use-okapi-ky.ts';
export { IfPermission, IfAnyPermission, IfInterface } from './if-permission.tsx';
export { CalloutContext, useCallout } from './callout-context.ts';
export { TitleManager } from './title-manager.tsx';
