// Request history for ranking and statistics tests, written straight into the tenant's tables the
// way the workflow leaves it: requests in a state, audit entries at chosen times.
import type { Database } from '../../src/db/database.ts';
import { recordAudit, type Actor } from '../../src/requests/audit.ts';
import { insertRequest } from '../../src/requests/request-store.ts';

const DAY = 86_400_000;

export interface SeedStep {
  toState: string;
  /** days before now */
  daysAgo: number;
  actor?: Actor;
}

export interface SeedRequest {
  role: 'borrowing' | 'lending';
  state: string;
  supplierSymbol?: string;
  requesterSymbol?: string;
  steps?: SeedStep[];
  /** default loan */
  serviceType?: 'loan' | 'copy';
  /** citation.format */
  format?: string;
}

export async function seedRequests(db: Database, tenant: string, requests: SeedRequest[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const r of requests) {
      const rec = await insertRequest(
        tx,
        tenant,
        {
          role: r.role,
          state: r.state,
          stateModel: `${r.role}-returnable`,
          needsAttention: false,
          serviceType: r.serviceType ?? 'loan',
          citation: { title: 'Seeded', ...(r.format ? { format: r.format } : {}) },
          ...(r.supplierSymbol ? { supplierSymbol: r.supplierSymbol } : {}),
          ...(r.requesterSymbol ? { requesterSymbol: r.requesterSymbol } : {}),
        },
        { type: 'system', id: 'seed' },
      );
      for (const step of r.steps ?? []) {
        await recordAudit(tx, tenant, rec.id, step.actor ?? { type: 'system' }, { action: 'seed', toState: step.toState }, new Date(Date.now() - step.daysAgo * DAY));
      }
      ids.push(rec.id);
    }
    return ids;
  });
}

/** `n` copies of `r`. */
export const times = (n: number, r: SeedRequest): SeedRequest[] => Array.from({ length: n }, () => ({ ...r }));

/** A borrowing request `symbol` filled: sent `sentDaysAgo`, shipped `turnaround` days later. */
export function filledBy(symbol: string, sentDaysAgo: number, turnaround: number, state = 'REQ_REQUEST_COMPLETE'): SeedRequest {
  return {
    role: 'borrowing',
    state,
    supplierSymbol: symbol,
    steps: [
      { toState: 'REQ_SENT_TO_SUPPLIER', daysAgo: sentDaysAgo },
      { toState: 'REQ_SHIPPED', daysAgo: sentDaysAgo - turnaround, actor: { type: 'partner', id: symbol } },
    ],
  };
}

/** A borrowing request `symbol` answered Unfilled; it has moved on to `nowWith` (or ended). */
export function unfilledBy(symbol: string, nowWith?: string): SeedRequest {
  return {
    role: 'borrowing',
    state: nowWith ? 'REQ_SENT_TO_SUPPLIER' : 'REQ_END_OF_ROTA',
    supplierSymbol: nowWith ?? symbol,
    steps: [
      { toState: 'REQ_SENT_TO_SUPPLIER', daysAgo: 20 },
      { toState: 'REQ_UNFILLED', daysAgo: 19, actor: { type: 'partner', id: symbol } },
    ],
  };
}
