// The lookups made all day are served by indexes, whatever the size of the table: a scan at the
// desk (hrid or item barcode, any case) and a borrower's message finding its lending request. Checked with sequential scans priced out (enable_seqscan = off):
// a plan that still reads the whole table has no index to use.
import assert from 'node:assert/strict';
import { cqlToSql } from '../../src/cql/index.ts';
import { schemaOf } from '../../src/db/tenant-schema.ts';
import { BY_PEER_REQUEST_ID } from '../../src/requests/lending-lookup.ts';
import { requestFields } from '../../src/requests/request-fields.ts';
import { enableTenant, purgeTenant, startModule, uniqueTenant, type RunningModule } from '../../../test/support/module-harness.ts';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode): string[] {
  const self = `${node['Node Type']}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}${node['Index Cond'] ? ` (${node['Index Cond']})` : ''}`;
  return [self, ...(node.Plans ?? []).flatMap(scansOf)];
}

type ExplainRow = { 'QUERY PLAN': unknown };

/** The nodes of an EXPLAIN (FORMAT JSON) answer (as text or already parsed, whichever the driver gives). */
function nodesOf({ rows }: { rows: ExplainRow[] }): string[] {
  const raw = rows[0]['QUERY PLAN'];
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return scansOf(doc[0].Plan);
}

describe('lookup indexes', () => {
  let mod: RunningModule;
  const tenant = uniqueTenant('idx');
  const s = schemaOf(tenant);

  before(async () => {
    mod = await startModule();
    await enableTenant(mod.url, tenant);
  });
  after(async () => {
    await purgeTenant(mod.url, tenant);
    await mod.close();
  });

  /** The plan's nodes for `sql`, sequential scans priced out. */
  async function plan(sql: string, params: unknown[]): Promise<string[]> {
    return mod.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return nodesOf(await tx.query<ExplainRow>(`EXPLAIN (FORMAT JSON) ${sql}`, params));
    });
  }

  const readsWholeTable = (nodes: string[]) => nodes.some((n) => n === 'Seq Scan on requests');

  /**
   * The generic plan a connection makes for `sql` as a prepared statement while the tenant's table
   * is still empty (the plan it keeps while the table grows).
   */
  async function genericPlan(sql: string, types: string[], params: unknown[]): Promise<string[]> {
    return mod.db.transaction(async (tx) => {
      const name = `generic_${Math.random().toString(36).slice(2, 10)}`;
      await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await tx.query(`PREPARE ${name} (${types.join(', ')}) AS ${sql}`);
      try {
        const literals = params.map((p) => `'${String(p).replace(/'/g, "''")}'`).join(', ');
        return nodesOf(await tx.query<ExplainRow>(`EXPLAIN (FORMAT JSON) EXECUTE ${name} (${literals})`));
      } finally {
        await tx.query(`DEALLOCATE ${name}`);
      }
    });
  }

  it('a desk scan (hrid or item barcode, any case) does not read the whole table', async () => {
    const q = cqlToSql('hrid=="abc-12" or itemBarcode=="abc-12"', requestFields);
    const nodes = await plan(`SELECT r.id FROM ${s}.requests r WHERE ${q.where}`, q.params);
    assert.ok(!readsWholeTable(nodes), `plan: ${nodes.join(' / ')}`);
  });

  it("a lender's staff find a request by the borrower's number for it without reading every lending request", async () => {
    const q = cqlToSql('role==lending and peerRequestId=="Req-12"', requestFields);
    const nodes = await plan(`SELECT r.id FROM ${s}.requests r WHERE ${q.where}`, q.params);
    assert.ok(!readsWholeTable(nodes) && nodes.some((n) => /peerRequestId/.test(n)), `plan: ${nodes.join(' / ')}`);
  });

  it("a borrower's message finds its lending request without reading the partner's other requests", async () => {
    const nodes = await plan(`SELECT id FROM ${s}.requests WHERE ${BY_PEER_REQUEST_ID}`, ['isil:us-borrower', 'REQ-1']);
    assert.ok(!readsWholeTable(nodes), `plan: ${nodes.join(' / ')}`);
    assert.ok(
      nodes.some((n) => /Index/.test(n) && /peerRequestId/.test(n) && /requester_symbol/.test(n)),
      `an index on requester and the borrower's id together: ${nodes.join(' / ')}`,
    );
  });

  it("a borrower's message keeps the index that serves it in the plan its statement is prepared with on an empty table", async () => {
    // the statement incoming.ts prepares on every pooled connection, by the borrower's id
    const byPeer = await genericPlan(`SELECT id FROM ${s}.requests WHERE ${BY_PEER_REQUEST_ID} FOR UPDATE`, ['text', 'text'], ['isil:us-borrower', 'REQ-1']);
    assert.ok(
      byPeer.some((n) => /Index/.test(n) && /peerRequestId/.test(n) && /requester_symbol/.test(n)),
      `by the borrower's id: ${byPeer.join(' / ')}`,
    );
  });
});
