/** @jsxRuntime automatic @jsxImportSource react */
import { Redirect, Route, Switch } from 'react-router-dom';
import { IfPermission } from '@folio/stripes/core';
import { RequestsView } from './views/RequestsView';
import { DashboardView } from './dashboard/DashboardView';
import { WorkRoutes } from './views/WorkRoutes';
import { ResourceSharingSettings } from './settings/index';
import { PermissionNeeded } from './components/PermissionNeeded';
import type { AppProps } from './types/stripes';
import { PERM_VIEW } from './utils/permissions';

/**
 * The module's top component. Stripes renders it at the app route (`actAs` "app") with the
 * router's `match` and the module's `stripes`, and at /settings<route> with `showSettings`.
 */
export default function ResourceSharing(props: AppProps) {
  const { match, showSettings, actAs } = props;
  if (showSettings || actAs === 'settings') {
    return <ResourceSharingSettings {...props} />;
  }
  const path = match.path.replace(/\/$/, '');
  return (
    <IfPermission perm={PERM_VIEW}>
      {({ hasPermission }) => (hasPermission ? (
      <Switch>
        <Route path={`${path}/dashboard`} render={() => <DashboardView appPath={path} />} />
        <Route path={[`${path}/pull-slips`, `${path}/scan`]} render={() => <WorkRoutes appPath={path} />} />
        <Route
          path={`${path}/:role(borrowing|lending)`}
          render={({ match: m }) => {
            const role = m.params.role === 'lending' ? 'lending' : 'borrowing';
            return <RequestsView key={role} role={role} basePath={`${path}/${role}`} appPath={path} />;
          }}
        />
        <Redirect to={`${path}/borrowing`} />
      </Switch>
      ) : (
        <PermissionNeeded denied="requests" />
      ))}
    </IfPermission>
  );
}
