/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage } from 'react-intl';
import { Redirect, Route, Switch } from 'react-router-dom';
import ResourceSharing from '../../src/index';
import { TitleManager } from '../core/title-manager';
import { useHostStripes } from '../core/stripes-context';
import stripesBlock from './module-metadata';

/**
 * Mounts the module as stripes-core's AppRoutes and Settings do: at its route with actAs "app",
 * at /settings<route> with showSettings and actAs "settings" (each only with its enabling permission).
 */
export function ModuleRoutes() {
  const stripes = useHostStripes();
  const { route, home, moduleName, packageName } = stripesBlock;
  const appEnabled = stripes.hasPerm(`module.${moduleName}.enabled`) === true;
  const settingsEnabled = stripes.hasPerm(`settings.${moduleName}.enabled`) === true;
  return (
    <Switch>
      {appEnabled ? (
        <Route
          path={route}
          render={(props) => (
            <div id={`${moduleName}-module-display`} data-module={packageName}>
              <TitleManager page={stripes.config.platformName} />
              <ResourceSharing {...props} stripes={stripes} actAs="app" />
            </div>
          )}
        />
      ) : null}
      {settingsEnabled ? (
        <Route
          path={`/settings${route}`}
          render={(props) => (
            <div id={`${moduleName}-module-display`} data-module={packageName}>
              <ResourceSharing {...props} stripes={stripes} actAs="settings" showSettings />
            </div>
          )}
        />
      ) : null}
      {settingsEnabled ? <Redirect exact from="/settings" to={`/settings${route}`} /> : null}
      {appEnabled ? <Redirect exact from="/" to={home} /> : null}
      <Route render={() => <p className="rs-host-message"><FormattedMessage id="stripes-core.routeNotFound" /></p>} />
    </Switch>
  );
}
