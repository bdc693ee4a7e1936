// Broker mode: borrowing and lending through a consortium's ISO 18626 broker, and the shared
// directory (docs/broker.md). The workflow, the rota and the directory call in through these.
import type { BrokeredMessage } from './incoming.ts';

export { brokerAuthentication } from './authentication.ts';
export { activeBroker, isBroker, type BrokerRef } from './broker-config.ts';
export type { BrokerSettings, SharedDirectorySettings } from './broker-settings.ts';
export { brokeredLending, brokeredMessage, sentThroughBroker, type BrokeredLending, type BrokeredMessage } from './incoming.ts';
export { parseBrokerNote } from './notes.ts';
export { brokerEntry, brokerRoute, brokerRota, previewRota, type RotaPreview } from './routing.ts';
export { formatReturnAddress } from './return-address.ts';
export { refreshSharedDirectory, registerBrokerRoutes } from './shared-directory.ts';

/** The conversation fields of a message the broker forwarded: who it is about, and the broker. */
export function brokerAttribution(brokered: BrokeredMessage | null): { party?: string; via?: string } {
  if (!brokered?.via) return {};
  return { via: brokered.via, ...(brokered.party ? { party: brokered.party } : {}) };
}
