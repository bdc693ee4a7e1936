// The three demo libraries: tenant ids, display names, symbols and request id prefixes.
// Everything the demo sets up is derived from this list.

export interface DemoLibrary {
  tenant: string;
  name: string;
  /** `AUTHORITY:CODE`, as partners know the library */
  symbol: string;
  requestIdPrefix: string;
}

export const DEMO_LIBRARIES: DemoLibrary[] = [
  { tenant: 'northfield', name: 'Northfield Public Library', symbol: 'DEMO:NORTHFIELD', requestIdPrefix: 'NORTH' },
  { tenant: 'southbank', name: 'Southbank University Library', symbol: 'DEMO:SOUTHBANK', requestIdPrefix: 'SOUTH' },
  { tenant: 'eastgate', name: 'Eastgate College Library', symbol: 'DEMO:EASTGATE', requestIdPrefix: 'EAST' },
];

export const DEMO_TENANTS = DEMO_LIBRARIES.map((l) => l.tenant);

export function demoLibrary(tenant: string): DemoLibrary {
  const lib = DEMO_LIBRARIES.find((l) => l.tenant === tenant);
  if (!lib) throw new Error(`not a demo library: ${tenant}`);
  return lib;
}

/** The other libraries in the order a library asks them first (each asks its "next" neighbour first). */
export function neighboursOf(tenant: string): DemoLibrary[] {
  const i = DEMO_LIBRARIES.findIndex((l) => l.tenant === tenant);
  return [1, 2].map((k) => DEMO_LIBRARIES[(i + k) % DEMO_LIBRARIES.length]);
}

/** The ISO 18626 endpoint of a tenant, reached the way outside peers reach it through Okapi. */
export function iso18626Endpoint(baseUrl: string, tenant: string): string {
  return `${baseUrl}/_/invoke/tenant/${tenant}/resource-sharing/iso18626`;
}
