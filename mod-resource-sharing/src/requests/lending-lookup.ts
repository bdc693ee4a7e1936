// How a lender finds its request from a borrower's message: by the requester's symbol ($1, any
// case) and the requester's id for the request ($2). Written once, in the form the index of
// migration 013 (upper(requester_symbol), peerRequestId) serves.
//
// BY_PEER_REQUEST_ID leaves the role out, for prepared statements: a prepared statement's generic
// plan is made once per connection, often while the tenant's table is still small, and with
// `role = 'lending'` in it PostgreSQL may pick the (role, state, created_date) index there and then
// filter every lending request on each message as the table grows. Only lending requests carry a
// peerRequestId; callers of the role-free form keep the lending ones themselves.
export const BY_PEER_REQUEST_ID = `upper(requester_symbol) = upper($1) AND jsonb->>'peerRequestId' = $2`;

export const LENDING_BY_PEER_REQUEST_ID = `role = 'lending' AND ${BY_PEER_REQUEST_ID}`;
