// NCIP needs the user and the request type to cancel a request, and the port only hands back the
// request's id. The adapter stays stateless by making that id a small self-describing reference.

export interface NcipRequestRef {
  requestType: string;
  userId: string;
  /** the responder's RequestIdentifierValue, when it gave one */
  requestId?: string;
  /** the item barcode, when the request is known by its item */
  itemId?: string;
}

const PREFIX = 'ncip:';

/** "ncip:Hold/P123/r:REQ-1" (parts URI-encoded). */
export function encodeRequestRef(ref: NcipRequestRef): string {
  const target = ref.requestId !== undefined ? `r:${encodeURIComponent(ref.requestId)}` : `i:${encodeURIComponent(ref.itemId ?? '')}`;
  const item = ref.requestId !== undefined && ref.itemId !== undefined ? `/i:${encodeURIComponent(ref.itemId)}` : '';
  return `${PREFIX}${encodeURIComponent(ref.requestType)}/${encodeURIComponent(ref.userId)}/${target}${item}`;
}

export function decodeRequestRef(id: string): NcipRequestRef | null {
  if (!id.startsWith(PREFIX)) return null;
  const parts = id.slice(PREFIX.length).split('/');
  if (parts.length < 3) return null;
  const ref: NcipRequestRef = { requestType: decodeURIComponent(parts[0]), userId: decodeURIComponent(parts[1]) };
  for (const p of parts.slice(2)) {
    if (p.startsWith('r:')) ref.requestId = decodeURIComponent(p.slice(2));
    else if (p.startsWith('i:')) ref.itemId = decodeURIComponent(p.slice(2));
  }
  return ref.requestId !== undefined || ref.itemId !== undefined ? ref : null;
}
