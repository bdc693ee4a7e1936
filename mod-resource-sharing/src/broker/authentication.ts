// The broker's credentials (requestingAgencyAuthentication accountId/securityCode agreed with the
// broker, in the broker settings). Going out: every message to the broker carries them
// (brokerEndpoint gives them to the sender, like a partner's). Coming in: a message that reaches
// us through the broker is checked against the broker's credentials, not against the directory
// entry of the library named in its header (in transparent mode that is the real supplier or
// borrower, whose own secret the broker does not know). When the broker must authenticate (a
// secret is set, unless `authentication: notRequired`), every message of a kind whose schema has a
// place for the credentials must carry them: a request and a requestingAgencyMessage in either
// version, a supplyingAgencyMessage in 2017 (the 2021 supplyingAgencyMessage header has no
// requestingAgencyAuthentication: checked only if it comes anyway). A refusal is logged and
// counted in the broker settings (`authenticationFailures`), and nothing is applied.
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Sql } from '../db/database.ts';
import { schemaOf } from '../db/tenant-schema.ts';
import { checkCredentials } from '../directory/index.ts';
import { failureCounted } from '../directory/partner-authentication.ts';
import { countRefusal } from '../directory/refusal-counter.ts';
import { forgetTenant } from '../db/tenant-cache.ts';
import type { Iso18626Version, RequestMessage, RequestingAgencyMessage, SupplyingAgencyMessage } from '../iso18626/index.ts';
import { getSettings } from '../settings/settings-store.ts';
import { brokeredLending, sentThroughBroker, type BrokeredLending } from './incoming.ts';

type PartnerMessage = RequestMessage | SupplyingAgencyMessage | RequestingAgencyMessage;

/** Has this kind of message, in this version, a place for requestingAgencyAuthentication? */
export function carriesCredentials(kind: PartnerMessage['kind'], version: Iso18626Version): boolean {
  return !(kind === 'supplyingAgencyMessage' && version === '2021');
}

/**
 * Counts a refused message on the broker settings, outside any transaction of the message (which
 * is not applied). Only the counter changes; the rest of the settings stays as staff saved it.
 * Refusals that follow within a second are written together (directory/refusal-counter.ts).
 */
export function recordBrokerAuthenticationFailure(sql: Sql, tenant: string, reason: string): Promise<void> {
  return countRefusal(sql.cacheOwner ?? sql, `${tenant}/broker`, reason, async (count, last) => {
    await sql.query(
      `UPDATE ${schemaOf(tenant)}.settings SET value = ${failureCounted('value', '$1', '$2')} WHERE key = 'broker' AND jsonb_typeof(value) = 'object'`,
      [last, count],
    );
    forgetTenant(sql, tenant);
  });
}

/**
 * The credentials check of a message that reaches us through the broker. Null: the message does
 * not come through the broker, and partner authentication applies. Otherwise `refusal` says why
 * the message is refused (absent: accepted), and for a Request, `lending` is what the broker
 * forwarded (the workflow takes it from here instead of looking it up again).
 */
export async function brokerAuthentication(
  db: Database,
  tenant: string,
  msg: PartnerMessage,
  version: Iso18626Version,
  log: FastifyBaseLogger,
): Promise<{ refusal?: string; lending?: BrokeredLending } | null> {
  const { broker } = await getSettings(db, tenant);
  if (!broker) return null;
  const lending = msg.kind === 'request' ? await brokeredLending(db, tenant, msg) : undefined;
  const through = msg.kind === 'request' ? lending !== null : await sentThroughBroker(db, tenant, msg);
  if (!through) return null;
  const outcome = checkCredentials(broker, msg.header.requestingAgencyAuthentication, carriesCredentials(msg.kind, version));
  if (outcome.ok) return lending ? { lending } : {};
  log.warn({ tenant, broker: broker.symbol, kind: msg.kind, version, reason: outcome.reason }, 'ISO 18626 message refused: broker authentication failed');
  await recordBrokerAuthenticationFailure(db, tenant, outcome.reason).catch((err: unknown) =>
    log.error({ err }, 'could not count the broker authentication failure'),
  );
  return { refusal: `requestingAgencyAuthentication: ${outcome.reason} for the broker ${broker.symbol}` };
}
