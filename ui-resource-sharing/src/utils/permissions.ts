// Visible permission sets declared in package.json `stripes.permissionSets`.
export const PERM_VIEW = 'ui-resource-sharing.requests.view';
export const PERM_MANAGE = 'ui-resource-sharing.requests.manage';
export const PERM_SETTINGS = 'ui-resource-sharing.settings.manage';
// Module permissions the app asks about (FOLIO's login lists a user's permissions expanded).
/** GET /resource-sharing/requests/{id}/copy: open a copy the library stored for a patron */
export const PERM_STORED_COPY = 'resource-sharing.requests.copy.get';
/** list the outbox (a request's failed messages) and send one again */
export const PERM_OUTBOX_VIEW = 'resource-sharing.outbox.get';
export const PERM_OUTBOX_RETRY = 'resource-sharing.outbox.retry';
