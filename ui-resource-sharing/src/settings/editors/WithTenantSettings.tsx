/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { LoadingPane, MessageBanner, Pane } from '@folio/stripes/components';
import { useApiError } from '../../components/useApiError';
import { useTenantSettings } from './config-api';
import type { TenantSettings } from './config-types';

/** A settings page: its pane loading (or saying why the settings could not be read), then `children` with the settings. */
export function WithTenantSettings({ id, label, children }: { id: string; label?: ReactNode; children: (settings: TenantSettings) => ReactNode }) {
  const settings = useTenantSettings();
  const error = useApiError(settings.error);
  if (!settings.data) {
    return error
      ? <Pane id={id} defaultWidth="fill" paneTitle={label}><MessageBanner type="error">{error.join(' ')}</MessageBanner></Pane>
      : <LoadingPane id={id} defaultWidth="fill" paneTitle={label} />;
  }
  return <>{children(settings.data)}</>;
}
