/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage } from 'react-intl';
import { Route } from 'react-router-dom';
import { Pane } from '@folio/stripes/components';
import { Settings, type SettingsProps } from '@folio/stripes/smart-components';
import { PermissionNeeded } from '../components/PermissionNeeded';
import type { AppProps } from '../types/stripes';
import { T } from '../utils/labels';
import { PERM_SETTINGS } from '../utils/permissions';
import { GeneralSettings } from './GeneralSettings';
import { DirectoryPage } from './editors/DirectoryPage';
import { RotaProfilesPage } from './editors/RotaProfilesPage';
import { HostSettingsPage, RankingSettingsPage, WorkflowSettingsPage } from './editors/TenantSettingsPage';
import { PatronSettingsPage } from './PatronSettingsPage';
import { BrokerSettingsPage } from './BrokerSettingsPage';

const pages = [
  { route: 'general', label: <FormattedMessage id={`${T}.settings.general`} />, component: GeneralSettings, perm: PERM_SETTINGS },
  { route: 'workflow', label: <FormattedMessage id={`${T}.settings.workflow`} />, component: WorkflowSettingsPage, perm: PERM_SETTINGS },
  { route: 'host', label: <FormattedMessage id={`${T}.settings.host`} />, component: HostSettingsPage, perm: PERM_SETTINGS },
  { route: 'ranking', label: <FormattedMessage id={`${T}.settings.ranking`} />, component: RankingSettingsPage, perm: PERM_SETTINGS },
  { route: 'directory', label: <FormattedMessage id={`${T}.settings.directory`} />, component: DirectoryPage, perm: PERM_SETTINGS },
  { route: 'rotas', label: <FormattedMessage id={`${T}.settings.rotas`} />, component: RotaProfilesPage, perm: PERM_SETTINGS },
  { route: 'patrons', label: <FormattedMessage id={`${T}.settings.patrons`} />, component: PatronSettingsPage, perm: PERM_SETTINGS },
  { route: 'broker', label: <FormattedMessage id={`${T}.broker.settings.title`} />, component: BrokerSettingsPage, perm: PERM_SETTINGS },
];

/**
 * Rendered by the platform at /settings/resource-sharing (actAs "settings"). Settings.js reads the
 * route's `match` and `location` and the `stripes` object (its propTypes), but stripes-types'
 * SettingsProps omits `match`, types `location` as the DOM's Location and requires `forceRender`:
 * the props go as Settings reads them, past that declaration.
 */
export function ResourceSharingSettings(props: AppProps) {
  const base = props.match.path.replace(/\/$/, '');
  // a page the user may not open says so, instead of the platform's "page does not exist"
  const denied = pages.filter((p) => props.stripes.hasPerm(p.perm) !== true).map((p) => (
    <Route
      key={p.route}
      path={`${base}/${p.route}`}
      render={() => <Pane id="rs-settings-denied" defaultWidth="fill" paneTitle={p.label}><PermissionNeeded denied="settings" /></Pane>}
    />
  ));
  const settingsProps = {
    additionalRoutes: denied,
    match: props.match,
    location: props.location,
    stripes: props.stripes,
    pages,
    paneTitle: <FormattedMessage id={`${T}.meta.title`} />,
  };
  return <Settings {...(settingsProps as unknown as SettingsProps)} />;
}
