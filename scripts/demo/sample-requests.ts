// Sample requests for a fresh demo, created through the API so they are real: messages travel
// between the libraries over ISO 18626 exactly as they will when staff work in the UI.
//   northfield -> southbank: Wuthering Heights, sent, waiting for Southbank's answer
//   southbank  -> eastgate:  Persuasion, will supply, pull slip printed, shipped: Southbank can receive it
//   eastgate   -> northfield: Frankenstein, Northfield will supply and wrote a message: unread at Eastgate
//   northfield -> southbank:  Gödel, Escher, Bach: Southbank cannot supply, so it went on to Eastgate
// The books are the ones demo-holdings.ts gives the suppliers' simulated FOLIO.
import { demoApi, expectStatus, type DemoApi } from './demo-api.ts';
import { DEMO_HOLDINGS, demoBarcode, type DemoBook } from './demo-holdings.ts';
// every sample request belongs to card 1001, so it carries the name 1001 signs in with on the patron page
import { DEMO_PATRONS } from '../../simulators/folio/index.ts';

interface RequestRecord {
  id: string;
  hrid: string;
  state: string;
}

const POLL_MS = 50;

async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo set-up: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function waitForState(api: DemoApi, id: string, state: string): Promise<RequestRecord> {
  return poll(async () => {
    const res = await api.get<RequestRecord>(`/resource-sharing/requests/${id}`);
    return res.body.state === state ? res.body : undefined;
  }, `${api.tenant} request ${id} to reach ${state}`);
}

async function lendingCopyOf(api: DemoApi, borrowerHrid: string): Promise<RequestRecord> {
  const query = encodeURIComponent(`role==lending and peerRequestId=="${borrowerHrid}"`);
  return poll(async () => {
    const res = await api.get<{ requests: RequestRecord[] }>(`/resource-sharing/requests?query=${query}`);
    return res.body.requests?.[0];
  }, `${api.tenant} to receive ${borrowerHrid}`);
}

async function act(api: DemoApi, id: string, action: string, parameters: Record<string, unknown> = {}): Promise<void> {
  expectStatus(await api.post(`/resource-sharing/requests/${id}/actions/${action}`, { parameters }), [200], `${api.tenant} ${action}`);
}

function citationOf(book: DemoBook): Record<string, string> {
  return { title: book.title, author: book.author, isbn: book.isbn };
}

async function borrow(api: DemoApi, citation: Record<string, string>, patron: Record<string, string>): Promise<RequestRecord> {
  const created = expectStatus(
    await api.post<RequestRecord>('/resource-sharing/requests', { serviceType: 'loan', citation, patron }),
    [201],
    `${api.tenant} new borrowing request`,
  );
  return waitForState(api, created.body.id, 'REQ_SENT_TO_SUPPLIER');
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function createSampleRequests(baseUrl: string): Promise<void> {
  const north = demoApi(baseUrl, 'northfield');
  const south = demoApi(baseUrl, 'southbank');
  const east = demoApi(baseUrl, 'eastgate');

  // 1. sent and waiting
  await borrow(
    north,
    citationOf(DEMO_HOLDINGS.southbank[1]),
    { barcode: DEMO_PATRONS.active, name: 'Alice Reader', pickupLocation: 'CIRC', neededBefore: inDays(60) },
  );

  // 2. shipped to the borrower
  const shipped = await borrow(
    south,
    citationOf(DEMO_HOLDINGS.eastgate[0]),
    { barcode: DEMO_PATRONS.active, name: 'Alice Reader', pickupLocation: 'BRANCH' },
  );
  const atEast = await lendingCopyOf(east, shipped.hrid);
  await act(east, atEast.id, 'willSupply', { note: 'On the shelf, sending this week.' });
  await act(east, atEast.id, 'printPullSlip');
  await act(east, atEast.id, 'markShipped', {
    itemBarcode: demoBarcode('eastgate', 1),
    dueDate: new Date(Date.now() + 28 * 86_400_000).toISOString(),
  });
  await waitForState(south, shipped.id, 'REQ_SHIPPED');

  // 3. a message from the supplier, unread at the borrower
  const asked = await borrow(
    east,
    citationOf(DEMO_HOLDINGS.northfield[0]),
    { barcode: DEMO_PATRONS.active, name: 'Alice Reader', pickupLocation: 'CIRC' },
  );
  const atNorth = await lendingCopyOf(north, asked.hrid);
  await act(north, atNorth.id, 'willSupply');
  await act(north, atNorth.id, 'sendMessage', { note: 'Our copy has a loose binding. Please ask the patron to handle it with care.' });
  await poll(async () => {
    const res = await east.get<{ unread: number }>(`/resource-sharing/requests/${asked.id}/messages`);
    return res.body.unread > 0 ? true : undefined;
  }, 'the message to reach eastgate');

  // 4. first supplier cannot supply: the rota moves on
  const moved = await borrow(
    north,
    citationOf(DEMO_HOLDINGS.eastgate[1]),
    { barcode: DEMO_PATRONS.active, name: 'Alice Reader', pickupLocation: 'CIRC' },
  );
  const atSouth = await lendingCopyOf(south, moved.hrid);
  await act(south, atSouth.id, 'cannotSupply', { reason: 'NotHeld', note: 'Not in our collection.' });
  await lendingCopyOf(east, moved.hrid);
}
