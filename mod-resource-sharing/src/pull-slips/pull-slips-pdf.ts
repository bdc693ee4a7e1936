// Pull slips as one PDF, one slip a page: what staff need to fetch the item from the shelf
// (title, call number, shelving location, item barcode) and where it goes (the requesting
// library's name and shipping address, their request id), with our request id as a Code 128
// barcode that the scan desk reads. Drawn with pdfkit, the barcode by bwip-js.
import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { findEntryBySymbol } from '../directory/directory-store.ts';
import type { PostalAddress } from '../directory/directory-types.ts';
import { hostForTenant } from '../host/host-for-tenant.ts';
import { isUuid } from '../okapi/ids.ts';
import { fieldError, throwIfAny } from '../directory/validation.ts';
import { getRequest } from '../requests/request-store.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';

/** Most slips one PDF holds (a day's pulling at a busy library fits many times over). */
export const MAX_SLIPS = 500;

export interface ShelfInfo {
  callNumber?: string;
  location?: string;
}

export interface PullSlipData {
  request: ResourceSharingRequest;
  shelf: ShelfInfo;
  requester?: { name: string; address?: PostalAddress };
}

function addressLines(a: PostalAddress | undefined): string[] {
  if (!a) return [];
  const cityLine = [a.postalCode, a.locality].filter(Boolean).join(' ');
  return [a.name, a.line1, a.line2, [cityLine, a.region].filter(Boolean).join(', '), a.country].filter((l): l is string => Boolean(l));
}

/**
 * The item's call number and shelving location from the library system, for a request whose item
 * is known (FOLIO: paged at Will supply). Without a host, or when it does not answer, the slip
 * goes without them.
 */
async function shelfLookup(db: Database, tenant: string): Promise<(r: ResourceSharingRequest) => Promise<ShelfInfo>> {
  const info = await hostForTenant(db, tenant).catch(() => undefined);
  const host = info?.host;
  if (!host || host.kind === 'manual') return async () => ({});
  const locations = new Map<string, Promise<string | undefined>>();
  const locationName = (id: string): Promise<string | undefined> => {
    if (host.kind !== 'folio') return Promise.resolve(undefined);
    let name = locations.get(id);
    if (!name) {
      name = host.client.get<{ name?: string; code?: string }>(`/locations/${encodeURIComponent(id)}`).then((l) => l.name ?? l.code, () => undefined);
      locations.set(id, name);
    }
    return name;
  };
  return async (r) => {
    const barcode = r.itemBarcode ?? r.hostRecords?.itemBarcode;
    if (!barcode) return {};
    const item = await host.host.lookupItem({ barcode }).catch(() => null);
    if (!item) return {};
    const location = item.locationId ? ((await locationName(item.locationId)) ?? item.locationId) : undefined;
    return { ...(item.callNumber ? { callNumber: item.callNumber } : {}), ...(location ? { location } : {}) };
  };
}

export async function loadPullSlips(db: Database, tenant: string, ids: string[]): Promise<PullSlipData[]> {
  const shelf = await shelfLookup(db, tenant);
  const out: PullSlipData[] = [];
  for (const id of ids) {
    const request = await getRequest(db, tenant, id);
    if (!request || request.role !== 'lending') continue;
    const entry = request.requesterSymbol ? await findEntryBySymbol(db, tenant, request.requesterSymbol) : null;
    out.push({
      request,
      shelf: await shelf(request),
      requester: entry ? { name: entry.name, address: entry.shippingAddress } : request.requesterSymbol ? { name: request.requesterSymbol } : undefined,
    });
  }
  return out;
}

async function code128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({ bcid: 'code128', text, scale: 3, height: 14, includetext: false, paddingwidth: 0 });
}

/** The PDF (A4 unless `size` says otherwise), one page per slip, in the order given. */
export async function renderPullSlips(slips: PullSlipData[], opts: { size?: string; title?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: opts.size ?? 'A4', margin: 50, autoFirstPage: false, info: { Title: opts.title ?? 'Pull slips', Creator: 'mod-resource-sharing' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const { request: r, shelf, requester } of slips) {
    doc.addPage();
    doc.font('Helvetica-Bold').fontSize(18).text(`Pull slip ${r.hrid}`);
    doc.moveDown(0.5);
    const top = doc.y;
    doc.image(await code128Png(r.hrid), doc.page.margins.left, top, { height: 60 });
    doc.font('Helvetica').fontSize(10).text(r.hrid, doc.page.margins.left, top + 66);
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(14).text(r.citation.title);
    if (r.citation.author) doc.font('Helvetica').fontSize(12).text(r.citation.author);
    doc.moveDown();
    const fact = (label: string, value: string | undefined) => {
      if (!value) return;
      doc.font('Helvetica-Bold').fontSize(11).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
    };
    fact('Shelving location', shelf.location);
    fact('Call number', shelf.callNumber);
    fact('Item barcode', r.itemBarcode ?? r.hostRecords?.itemBarcode);
    fact('ISBN/ISSN', r.citation.isbn ?? r.citation.issn);
    fact('Service', r.serviceType === 'copy' ? `Copy${r.citation.pages ? `, pages ${r.citation.pages}` : ''}` : 'Loan');
    fact('Their request id', r.peerRequestId);
    fact('Needed before', r.patron?.neededBefore);
    fact('Received', r.metadata.createdDate.slice(0, 10));
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(12).text('Send to');
    doc.font('Helvetica').fontSize(12).text(requester?.name ?? 'Requesting library not known');
    for (const line of addressLines(requester?.address)) doc.text(line);
    if (r.requesterSymbol) doc.fontSize(10).text(r.requesterSymbol);
  }
  if (slips.length === 0) {
    doc.addPage();
    doc.font('Helvetica').fontSize(12).text('No pull slips.');
  }
  doc.end();
  return done;
}

export function registerPullSlipRoutes(app: FastifyInstance, db: Database): void {
  app.get<{ Querystring: { ids?: string; size?: string } }>('/resource-sharing/pull-slips.pdf', async (req, reply) => {
    const ids = (req.query.ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const bad = ids.find((id) => !isUuid(id));
    const size = req.query.size ?? 'A4';
    throwIfAny([
      ...(ids.length === 0 ? [fieldError('ids', '', 'ids must name at least one request (comma-separated ids)', 'validation.required')] : []),
      ...(ids.length > MAX_SLIPS ? [fieldError('ids', String(ids.length), `at most ${MAX_SLIPS} pull slips in one PDF`, 'validation.maxItems')] : []),
      ...(bad ? [fieldError('ids', bad.slice(0, 64), `${JSON.stringify(bad.slice(0, 64))} is not a request id`, 'validation.format')] : []),
      ...(!['A4', 'LETTER', 'A5'].includes(size) ? [fieldError('size', size, 'size must be A4, A5 or LETTER', 'validation.enum')] : []),
    ]);
    const slips = await loadPullSlips(db, req.tenant, [...new Set(ids)]);
    const pdf = await renderPullSlips(slips, { size });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="pull-slips-${new Date().toISOString().slice(0, 10)}.pdf"`)
      .header('x-pull-slip-count', String(slips.length))
      .send(pdf);
  });
}
