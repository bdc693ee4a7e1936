/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage } from 'react-intl';
import { Button, PaneMenu } from '@folio/stripes/components';
import { useStripes } from '@folio/stripes/core';
import type { RequestRole } from '../types/request';
import { T } from '../utils/labels';
import { PERM_MANAGE } from '../utils/permissions';

/** The list's way to the desk work: scanning (both lists) and pull slips (lending). Manage permission only. */
export function WorkMenu({ role, appPath }: { role: RequestRole; appPath: string }) {
  const stripes = useStripes();
  if (stripes.hasPerm(PERM_MANAGE) !== true) return null;
  return (
    <PaneMenu>
      {role === 'lending' ? (
        <Button id="clickable-pull-slips" marginBottom0 to={`${appPath}/pull-slips`}>
          <FormattedMessage id={`${T}.pullSlips.open`} />
        </Button>
      ) : null}
      <Button id="clickable-scan" marginBottom0 to={`${appPath}/scan/${role === 'lending' ? 'ship' : 'receive'}`}>
        <FormattedMessage id={`${T}.scan.open`} />
      </Button>
    </PaneMenu>
  );
}
