/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { MessageBanner } from '@folio/stripes/components';
import { useStripes } from '@folio/stripes/core';
import { T } from '../utils/labels';
import { PERM_MANAGE, PERM_SETTINGS, PERM_VIEW } from '../utils/permissions';

/** What the page would have let the user do. */
export type Denied = 'requests' | 'scan' | 'pullSlips' | 'settings';

const NEEDED: Record<Denied, { perm: string; label: string }> = {
  requests: { perm: PERM_VIEW, label: 'permission.requests.view' },
  scan: { perm: PERM_MANAGE, label: 'permission.requests.manage' },
  pullSlips: { perm: PERM_MANAGE, label: 'permission.requests.manage' },
  settings: { perm: PERM_SETTINGS, label: 'permission.settings.manage' },
};

/**
 * Instead of a page the user may not use: what their permissions do allow, what this page needs,
 * and the name of the permission to ask for ("You can view requests but not scan items: ask for
 * “Resource sharing: Create, edit and act on requests”.").
 */
export function PermissionNeeded({ denied }: { denied: Denied }) {
  const intl = useIntl();
  const stripes = useStripes();
  const canView = stripes.hasPerm(PERM_VIEW) === true;
  const { label } = NEEDED[denied];
  const permission = intl.formatMessage({ id: `${T}.${label}` });
  const key = denied !== 'requests' && canView ? `permissionNeeded.canView.${denied}` : `permissionNeeded.${denied}`;
  return (
    <MessageBanner type="warning">
      <span id="rs-permission-needed" data-test-permission-needed={denied}>
        <FormattedMessage id={`${T}.${key}`} values={{ permission }} />
      </span>
    </MessageBanner>
  );
}
