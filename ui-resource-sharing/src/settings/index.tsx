/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage } from 'react-intl';
import { Settings } from '@folio/stripes/smart-components';
import type { AppProps } from '../types/stripes.ts';
import { T } from '../utils/labels.ts';
import { PERM_SETTINGS } from '../utils/permissions.ts';
import { GeneralSettings } from './GeneralSettings.tsx';

const pages = [
  { route: 'general', label: <FormattedMessage id={`${T}.settings.general`} />, component: GeneralSettings, perm: PERM_SETTINGS },
];

/** Rendered by the platform at /settings/resource-sharing (actAs "settings"). */
export function ResourceSharingSettings(props: AppProps) {
  return (
    <Settings
      {...props}
      pages={pages}
      paneTitle={<FormattedMessage id={`${T}.meta.title`} />}
    />
  );
}
