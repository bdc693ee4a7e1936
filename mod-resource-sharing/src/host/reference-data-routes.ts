// `GET /resource-sharing/host/reference-data`: what the settings and the staff request form offer
// to choose from, read from the library system the tenant uses, so staff pick names instead of
// typing UUIDs. FOLIO: inventory's instance types, locations, material types and loan types and
// the service points (through the host adapter's Okapi client: the caller's token, else the
// system user). NCIP and manual: no FOLIO lists; pickup points are the patron page's configured
// ones. A list the library system cannot give is left out and named in `unavailable` with the
// reason, so the settings can fall back to typing the id.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { getSettings } from '../settings/settings-store.ts';
import { hostForTenant } from './host-for-tenant.ts';

export interface ReferenceItem {
  id: string;
  name: string;
  code?: string;
}

interface FolioList {
  key: 'instanceTypes' | 'locations' | 'materialTypes' | 'loanTypes' | 'servicePoints';
  path: string;
  records: string;
}

const FOLIO_LISTS: FolioList[] = [
  { key: 'instanceTypes', path: '/instance-types', records: 'instanceTypes' },
  { key: 'locations', path: '/locations', records: 'locations' },
  { key: 'materialTypes', path: '/material-types', records: 'mtypes' },
  { key: 'loanTypes', path: '/loan-types', records: 'loantypes' },
  { key: 'servicePoints', path: '/service-points', records: 'servicepoints' },
];

type Raw = { id?: unknown; name?: unknown; code?: unknown; pickupLocation?: unknown };

function item(r: Raw): ReferenceItem | undefined {
  if (typeof r.id !== 'string' || typeof r.name !== 'string') return undefined;
  return { id: r.id, name: r.name, ...(typeof r.code === 'string' && r.code ? { code: r.code } : {}) };
}

export function registerReferenceDataRoutes(app: FastifyInstance, db: Database): void {
  app.get('/resource-sharing/host/reference-data', async (req) => {
    const settings = await getSettings(db, req.tenant);
    const configured: ReferenceItem[] = settings.patronRequests.pickupLocations.map((l) => ({ id: l.code, code: l.code, name: l.name || l.code }));
    const answer: Record<string, unknown> = { hostAdapter: settings.hostAdapter ?? 'manual', pickupLocations: configured };
    const unavailable: Array<{ list: string; message: string }> = [];
    if (settings.hostAdapter === 'folio') {
      let info;
      try {
        info = await hostForTenant(db, req.tenant);
      } catch (err) {
        return { ...answer, unavailable: FOLIO_LISTS.map((l) => ({ list: l.key, message: (err as Error).message })) };
      }
      if (info.host.kind === 'folio') {
        const { client } = info.host;
        await Promise.all(FOLIO_LISTS.map(async (l) => {
          try {
            const body = await client.get<Record<string, Raw[] | undefined>>(l.path, { query: 'cql.allRecords=1 sortby name', limit: 1000 });
            const raw = body[l.records] ?? [];
            answer[l.key] = raw.map(item).filter((x): x is ReferenceItem => !!x);
            if (l.key === 'servicePoints') {
              const pickup = raw.filter((r) => r.pickupLocation === true).map(item).filter((x): x is ReferenceItem => !!x);
              // FOLIO's pickup service points, before the patron page's own list
              answer.pickupLocations = [...pickup, ...configured.filter((c) => !pickup.some((p) => p.code === c.code))];
            }
          } catch (err) {
            unavailable.push({ list: l.key, message: (err as Error).message });
          }
        }));
      }
    }
    return unavailable.length ? { ...answer, unavailable } : answer;
  });
}
