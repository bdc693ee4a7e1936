/** @jsxRuntime automatic @jsxImportSource react */
import { Route, Switch, useHistory } from 'react-router-dom';
import { IfPermission } from '@folio/stripes/core';
import { PermissionNeeded } from '../components/PermissionNeeded';
import { PullSlipsView } from '../pull-slips/PullSlipsView';
import { ScanView } from '../scan/ScanView';
import { PERM_MANAGE } from '../utils/permissions';

/** `<app>/pull-slips` and `<app>/scan/(receive|ship|return)`: desk work, for users who may act on requests. */
export function WorkRoutes({ appPath }: { appPath: string }) {
  const history = useHistory();
  return (
    <IfPermission perm={PERM_MANAGE}>
      {({ hasPermission }) => (hasPermission ? (
        <Switch>
          <Route path={`${appPath}/pull-slips`} render={() => <PullSlipsView onClose={() => history.push(`${appPath}/lending`)} />} />
          <Route
            path={`${appPath}/scan/:workflow(receive|ship|return)`}
            render={({ match }) => {
              const w = match.params.workflow;
              const workflow = w === 'ship' || w === 'return' ? w : 'receive';
              return <ScanView workflow={workflow} appPath={appPath} onClose={() => history.push(`${appPath}/${workflow === 'ship' ? 'lending' : 'borrowing'}`)} />;
            }}
          />
        </Switch>
      ) : (
        <Switch>
          <Route path={`${appPath}/pull-slips`} render={() => <PermissionNeeded denied="pullSlips" />} />
          <Route render={() => <PermissionNeeded denied="scan" />} />
        </Switch>
      ))}
    </IfPermission>
  );
}
