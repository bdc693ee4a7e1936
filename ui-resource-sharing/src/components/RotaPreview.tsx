/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { Headline, MessageBanner } from '@folio/stripes/components';
import type { RotaPreview } from '../types/request';
import { T } from '../utils/labels';
import { RequestRota } from './RequestRota';

/**
 * The rota a request would get, as the module would build it now: in broker mode the broker as the
 * single entry (or among the peers) with its reason, and a line saying whether the request would go
 * through the broker at all.
 */
export function RotaPreviewView({ preview }: { preview: RotaPreview }) {
  const intl = useIntl();
  const { broker, profile } = preview;
  return (
    <section id="rs-rota-preview" aria-label={intl.formatMessage({ id: `${T}.rota.preview.title` })}>
      <Headline size="large" tag="h3"><FormattedMessage id={`${T}.rota.preview.title`} /></Headline>
      {broker ? (
        <MessageBanner type="default">
          <span data-test-rota-preview-broker={broker.used ? 'used' : 'unused'}>
            <FormattedMessage id={`${T}.rota.preview.${broker.used ? 'throughBroker' : 'peerToPeer'}`} values={{ broker: broker.symbol }} />
          </span>
        </MessageBanner>
      ) : null}
      {profile ? <p data-test-rota-preview-profile><FormattedMessage id={`${T}.rota.preview.profile`} values={{ name: profile.name }} /></p> : null}
      <RequestRota rota={preview.entries} />
    </section>
  );
}
