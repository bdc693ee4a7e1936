/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { KeyValue, MessageBanner, Pane } from '@folio/stripes/components';
import { useStripes } from '@folio/stripes/core';
import { interfaceVersion, okapiOf } from '../types/stripes';
import { T } from '../utils/labels';

/** The interface version this app is written for (package.json `okapiInterfaces`). */
const WANTED = '1.0';

/**
 * First settings page: what this tenant is connected to. The editable settings are on the pages
 * beside it (requests and lending, library system, ranking, directory, rota profiles).
 * Settings hands a page `label` (and `stripes`); the typings declare no props, so both are optional.
 */
export function GeneralSettings({ label }: { label?: ReactNode }) {
  const stripes = useStripes();
  const okapi = okapiOf(stripes);
  // stripes-core: hasInterface(name) alone answers `true`; with a version it answers the available
  // version when compatible, 0 when not. The version itself comes from discovery.
  const compatible = stripes.hasInterface('resource-sharing', WANTED);
  const version = interfaceVersion(stripes, 'resource-sharing') ?? (typeof compatible === 'string' ? compatible : undefined);
  return (
    <Pane id="rs-settings-general" defaultWidth="fill" paneTitle={label ?? <FormattedMessage id={`${T}.settings.general`} />}>
      <KeyValue label={<FormattedMessage id={`${T}.settings.tenant`} />} value={okapi.tenant} />
      <KeyValue label={<FormattedMessage id={`${T}.settings.okapiUrl`} />} value={okapi.url} />
      <KeyValue
        label={<FormattedMessage id={`${T}.settings.interface`} />}
        value={version ?? <FormattedMessage id={`${T}.settings.interfaceUnknown`} />}
      />
      {compatible === 0 ? (
        <MessageBanner type="warning"><FormattedMessage id={`${T}.settings.interfaceIncompatible`} /></MessageBanner>
      ) : null}
      <p><FormattedMessage id={`${T}.settings.seeOtherPages`} /></p>
    </Pane>
  );
}
