// Visible permission sets declared in package.json `stripes.permissionSets`.
export const PERM_VIEW = 'ui-resource-sharing.requests.view';
export const PERM_MANAGE = 'ui-resource-sharing.requests.manage';
export const PERM_SETTINGS = 'ui-resource-sharing.settings.manage';
