// The platform's `stripes` object as this app may rely on it. A platform build type-checks the app
// against stripes-types, whose StripesType declares only `currency`, `hasPerm` and `hasInterface`
// and types every other member (`okapi`, `discovery`, ...) as `unknown`: read those through the
// checked helpers below, never by assuming their shape.

export interface PlatformStripes {
  /** comma-separated list: true iff the user holds all of them; undefined before permissions load */
  hasPerm(perms: string): boolean | undefined;
  /**
   * stripes-core: undefined when the interface is missing (or discovery not loaded), `true` when it
   * is there and no version was asked, else the available version string when compatible, or 0.
   */
  hasInterface(name: string, version?: string): boolean | string | 0 | undefined;
  [member: string]: unknown;
}

/** The members of `stripes.okapi` the app reads. */
export interface OkapiSession {
  url: string;
  tenant: string;
  /** undefined with cookie (RTR) authentication */
  token?: string;
}

/** `stripes.okapi`, checked: the Okapi URL and tenant every call of the app needs. */
export function okapiOf(stripes: PlatformStripes): OkapiSession {
  const okapi = stripes.okapi;
  if (!okapi || typeof okapi !== 'object') throw new Error('stripes.okapi is missing: ui-resource-sharing must run inside a Stripes platform');
  const { url, tenant, token } = okapi as Record<string, unknown>;
  if (typeof url !== 'string' || typeof tenant !== 'string') throw new Error('stripes.okapi has no url or tenant');
  return { url, tenant, token: typeof token === 'string' ? token : undefined };
}

/**
 * The version of an interface the platform's discovery found (`stripes.discovery.interfaces`),
 * or undefined. `hasInterface(name)` without a version only says `true`, not which version.
 */
export function interfaceVersion(stripes: PlatformStripes, name: string): string | undefined {
  const discovery = stripes.discovery;
  if (!discovery || typeof discovery !== 'object') return undefined;
  const interfaces = (discovery as Record<string, unknown>).interfaces;
  if (!interfaces || typeof interfaces !== 'object') return undefined;
  const version = (interfaces as Record<string, unknown>)[name];
  return typeof version === 'string' ? version : undefined;
}

/** Props Stripes passes to the module's top component. */
export interface AppProps {
  match: { path: string; url: string; params: Record<string, string | undefined> };
  location?: { pathname: string; search: string };
  history?: unknown;
  stripes: PlatformStripes;
  showSettings?: boolean;
  actAs?: 'app' | 'settings' | 'plugin' | 'handler';
}
