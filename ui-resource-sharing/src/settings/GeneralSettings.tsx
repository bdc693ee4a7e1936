/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { KeyValue, MessageBanner, Pane } from '@folio/stripes/components';
import type { AppStripes } from '../types/stripes';
import { T } from '../utils/labels';

/**
 * First settings page: what this tenant is connected to. The editable settings are on the pages
 * beside it (requests and lending, library system, ranking, directory, rota profiles).
 */
export function GeneralSettings({ label, stripes }: { label: ReactNode; stripes: AppStripes }) {
  const version = stripes.hasInterface('resource-sharing');
  const compatible = stripes.hasInterface('resource-sharing', '1.0');
  return (
    <Pane id="rs-settings-general" defaultWidth="fill" paneTitle={label}>
      <KeyValue label={<FormattedMessage id={`${T}.settings.tenant`} />} value={stripes.okapi.tenant} />
      <KeyValue label={<FormattedMessage id={`${T}.settings.okapiUrl`} />} value={stripes.okapi.url} />
      <KeyValue
        label={<FormattedMessage id={`${T}.settings.interface`} />}
        value={typeof version === 'string' ? version : <FormattedMessage id={`${T}.settings.interfaceUnknown`} />}
      />
      {compatible === 0 ? (
        <MessageBanner type="warning"><FormattedMessage id={`${T}.settings.interfaceIncompatible`} /></MessageBanner>
      ) : null}
      <p><FormattedMessage id={`${T}.settings.seeOtherPages`} /></p>
    </Pane>
  );
}
