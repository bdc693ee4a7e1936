// Patron lookup in FOLIO: mod-users by barcode (or id), then mod-patron-blocks' automated blocks.
import { cqlString, type OkapiClient } from '../../okapi/okapi-client.ts';
import type { HostPatron } from '../host-lsp.ts';
import { step } from './folio-errors.ts';
import type { Collection, FolioAutomatedPatronBlock, FolioUser } from './folio-records.ts';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export async function findUser(client: OkapiClient, barcodeOrId: string, operation: string): Promise<FolioUser | null> {
  const value = cqlString(barcodeOrId);
  const query = UUID.test(barcodeOrId) ? `(id==${value} or barcode==${value})` : `barcode==${value}`;
  const res = await step(operation, () => client.get<Collection<'users', FolioUser>>('/users', { query, limit: 2 }));
  return res.users?.[0] ?? null;
}

function displayName(u: FolioUser): string {
  const first = u.personal?.preferredFirstName || u.personal?.firstName;
  const name = [first, u.personal?.lastName].filter((p): p is string => !!p).join(' ');
  return name || u.username || u.barcode || u.id;
}

export async function lookupPatron(client: OkapiClient, barcodeOrId: string, now: () => Date): Promise<HostPatron | null> {
  const operation = 'lookupPatron';
  const user = await findUser(client, barcodeOrId, operation);
  if (!user) return null;
  const blocks = await step(operation, () =>
    client.get<{ automatedPatronBlocks?: FolioAutomatedPatronBlock[] }>(`/automated-patron-blocks/${encodeURIComponent(user.id)}`),
  );
  const requestBlocks = (blocks.automatedPatronBlocks ?? []).filter((b) => b.blockRequests);
  const expirationDate = user.expirationDate ?? null;
  return {
    id: user.id,
    barcode: user.barcode ?? null,
    name: displayName(user),
    email: user.personal?.email ?? null,
    active: user.active !== false,
    expired: expirationDate !== null && Date.parse(expirationDate) < now().getTime(),
    expirationDate,
    blocked: requestBlocks.length > 0,
    blockReasons: requestBlocks.map((b) => b.message),
    patronGroup: user.patronGroup ?? null,
  };
}
