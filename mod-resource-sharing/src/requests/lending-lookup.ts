// How a lender finds its request from a borrower's message: by the requester's symbol ($1, any
// case) and the requester's id for the request ($2). Written once, in the form the index of
// migration 013 (upper(requester_symbol), peerRequestId) serves.
export const LENDING_BY_PEER_REQUEST_ID = `role = 'lending' AND upper(requester_symbol) = upper($1) AND jsonb->>'peerRequestId' = $2`;
