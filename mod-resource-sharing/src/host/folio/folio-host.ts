// The FOLIO adapter of the HostLsp port: every operation through Okapi with one OkapiClient.
import type { OkapiClient } from '../../okapi/okapi-client.ts';
import type { HostLsp } from '../host-lsp.ts';
import type { HostSettings } from '../host-settings.ts';
import * as circulation from './folio-circulation.ts';
import * as inventory from './folio-inventory.ts';
import { lookupPatron } from './folio-patrons.ts';

export interface FolioHostOptions {
  /** clock for request dates, check-in dates and expiry checks (tests) */
  now?: () => Date;
}

export function createFolioHost(client: OkapiClient, settings: HostSettings, opts: FolioHostOptions = {}): HostLsp {
  const now = opts.now ?? (() => new Date());
  return {
    kind: 'folio',
    lookupPatron: (barcodeOrId) => lookupPatron(client, barcodeOrId, now),
    lookupItem: (query) => inventory.lookupItem(client, query, settings.lendable),
    pageItem: (itemId, o = {}) => circulation.pageItem(client, settings, itemId, o, now),
    checkOutToInstitution: (itemBarcode, patronBarcode, dueDate) =>
      circulation.checkOutToInstitution(client, settings, itemBarcode, patronBarcode, dueDate, now),
    createTemporaryRecords: (input) => inventory.createTemporaryRecords(client, settings, input),
    placeHoldShelfRequest: (itemId, patronId, sp) => circulation.placeHoldShelfRequest(client, settings, itemId, patronId, sp, now),
    getRequest: (requestId) => circulation.getRequest(client, requestId),
    cancelRequest: (requestId, reason) => circulation.cancelRequest(client, settings, requestId, reason, now),
    checkIn: (itemBarcode, sp) => circulation.checkIn(client, settings, itemBarcode, sp, now),
    findOpenLoan: (itemId) => circulation.findOpenLoan(client, itemId),
    changeDueDate: (loanId, dueDate) => circulation.changeDueDate(client, loanId, dueDate),
    renewLoan: (itemId, userId) => circulation.renewLoan(client, itemId, userId),
    removeTemporaryRecords: (ids) => inventory.removeTemporaryRecords(client, ids),
  };
}
