// Who a borrowing request may name: the requester is this library (one of its own symbols), the
// supplier an institution in its directory. Anything else would let a staff client send ISO 18626
// requests in another library's name, or store a supplier no message could ever reach.
import type { Sql } from '../db/database.ts';
import { isKnownInstitution, isOwnSymbol } from '../directory/index.ts';
import { throwIfAny, fieldError } from '../directory/validation.ts';
import type { FolioError } from '../okapi/errors.ts';

export interface Parties {
  requesterSymbol?: string;
  supplierSymbol?: string;
}

/** 422 naming the field when the requester is not ours or the supplier is not in the directory. */
export async function checkParties(sql: Sql, tenant: string, body: Parties, current?: Parties): Promise<void> {
  const errors: FolioError[] = [];
  const { requesterSymbol: requester, supplierSymbol: supplier } = body;
  if (requester !== undefined && requester !== current?.requesterSymbol && !(await isOwnSymbol(sql, tenant, requester))) {
    errors.push(fieldError('requesterSymbol', requester, `requesterSymbol ${requester} is not one of this library's own symbols`, 'request.notOwnSymbol'));
  }
  if (supplier !== undefined && supplier !== current?.supplierSymbol && !(await isKnownInstitution(sql, tenant, supplier))) {
    errors.push(fieldError('supplierSymbol', supplier, `supplierSymbol ${supplier} is not an institution in the directory`, 'request.unknownSupplier'));
  }
  throwIfAny(errors);
}
