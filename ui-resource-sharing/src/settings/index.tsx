/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage } from 'react-intl';
import { Settings } from '@folio/stripes/smart-components';
import type { AppProps } from '../types/stripes';
import { T } from '../utils/labels';
import { PERM_SETTINGS } from '../utils/permissions';
import { GeneralSettings } from './GeneralSettings';
import { DirectoryPage } from './editors/DirectoryPage';
import { RotaProfilesPage } from './editors/RotaProfilesPage';
import { HostSettingsPage, RankingSettingsPage, WorkflowSettingsPage } from './editors/TenantSettingsPage';

const pages = [
  { route: 'general', label: <FormattedMessage id={`${T}.settings.general`} />, component: GeneralSettings, perm: PERM_SETTINGS },
  { route: 'workflow', label: <FormattedMessage id={`${T}.settings.workflow`} />, component: WorkflowSettingsPage, perm: PERM_SETTINGS },
  { route: 'host', label: <FormattedMessage id={`${T}.settings.host`} />, component: HostSettingsPage, perm: PERM_SETTINGS },
  { route: 'ranking', label: <FormattedMessage id={`${T}.settings.ranking`} />, component: RankingSettingsPage, perm: PERM_SETTINGS },
  { route: 'directory', label: <FormattedMessage id={`${T}.settings.directory`} />, component: DirectoryPage, perm: PERM_SETTINGS },
  { route: 'rotas', label: <FormattedMessage id={`${T}.settings.rotas`} />, component: RotaProfilesPage, perm: PERM_SETTINGS },
];

/** Rendered by the platform at /settings/resource-sharing (actAs "settings"). Settings takes the route's `match`, `location` and `stripes`. */
export function ResourceSharingSettings(props: AppProps) {
  return (
    <Settings
      match={props.match}
      location={props.location}
      stripes={props.stripes}
      pages={pages}
      paneTitle={<FormattedMessage id={`${T}.meta.title`} />}
    />
  );
}
