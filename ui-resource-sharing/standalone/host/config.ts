// Host configuration: build-time values from webpack's DefinePlugin (OKAPI_URL, OKAPI_TENANT),
// overridden at run time by `window.resourceSharingConfig` (a page embedding the bundle may set it).

export interface HostConfig {
  /** Okapi (or the module itself); defaults to the page's origin */
  okapiUrl: string;
  /** preset tenant for the login form */
  tenant: string;
  /** offer the token-less development login (calls carry only X-Okapi-Tenant) */
  devMode: boolean;
  /** tenants to offer in the login form (optional) */
  tenants: string[];
  platformName: string;
  /** router basename when the UI is not served at the origin's root, e.g. '/ui' */
  basename: string;
  /** patron page: a patron token signed by the discovery layer (production hands it over this way) */
  patronToken?: string;
  /** patron page, DEMO ONLY: the barcode + PIN sign-in stand-in (scripts/demo/demo-patrons.ts) */
  patronSignInUrl?: string;
}

declare const __RS_BUILD_CONFIG__: Partial<HostConfig> | undefined;

declare global {
  interface Window {
    resourceSharingConfig?: Partial<HostConfig>;
  }
}

export function readHostConfig(): HostConfig {
  const built = typeof __RS_BUILD_CONFIG__ !== 'undefined' ? __RS_BUILD_CONFIG__ : {};
  const runtime = typeof window !== 'undefined' ? window.resourceSharingConfig ?? {} : {};
  const merged = { ...built, ...runtime };
  return {
    okapiUrl: (merged.okapiUrl || (typeof window !== 'undefined' ? window.location.origin : '')).replace(/\/$/, ''),
    tenant: merged.tenant ?? '',
    devMode: merged.devMode ?? true,
    tenants: merged.tenants ?? [],
    platformName: merged.platformName ?? 'FOLIO',
    basename: (merged.basename ?? '').replace(/\/$/, ''),
    ...(merged.patronToken ? { patronToken: merged.patronToken } : {}),
    ...(merged.patronSignInUrl ? { patronSignInUrl: merged.patronSignInUrl } : {}),
  };
}
