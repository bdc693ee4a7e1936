// The host adapter a tenant's settings choose: none (manual), FOLIO through Okapi, or NCIP.
// FOLIO calls made while serving a staff call go to that call's X-Okapi-Url with its token;
// background work (partner messages, timers) logs in as the system user.
import type { Sql } from '../db/database.ts';
import { OkapiClient } from '../okapi/okapi-client.ts';
import { getSettings } from '../settings/settings-store.ts';
import { currentCallContext } from './call-context.ts';
import type { FolioHostConfig } from './host-config.ts';
import { HostError } from './host-error.ts';
import type { HostLsp } from './host-lsp.ts';
import type { HostSettings } from './host-settings.ts';
import { createFolioHost } from './folio/folio-host.ts';
import { createNcipHost, type NcipHostLsp } from './ncip/index.ts';
import { systemUserFromEnv } from './system-user.ts';

export type TenantHost =
  | { kind: 'manual' }
  | { kind: 'folio'; host: HostLsp; settings: HostSettings; client: OkapiClient }
  | { kind: 'ncip'; host: NcipHostLsp };

export interface TenantHostInfo {
  host: TenantHost;
  /** patron due date = lender's due date minus this many days */
  deliveryOffsetDays: number;
  /** lending loan period in days; null = the host's loan policy */
  lendingLoanPeriodDays: number | null;
}

/** System-user clients by tenant, URL and user, so that their token is reused between calls. */
const systemClients = new Map<string, OkapiClient>();

function systemUser(config: FolioHostConfig, env: NodeJS.ProcessEnv): { username: string; password: string } | undefined {
  if (config.systemUser?.username && config.systemUser.password) return config.systemUser;
  return systemUserFromEnv(env);
}

/** The OkapiClient for this moment: the current call's URL and token, else the system user. */
export function folioClient(tenant: string, config: FolioHostConfig, env: NodeJS.ProcessEnv = process.env): OkapiClient {
  const ctx = currentCallContext();
  const login = systemUser(config, env);
  const url = ctx?.okapiUrl ?? config.okapiUrl;
  if (ctx?.token && ctx.okapiUrl) {
    return new OkapiClient({ url, tenant, token: ctx.token, requestId: ctx.requestId, userId: ctx.userId, timeoutMs: config.timeoutMs, login });
  }
  if (!login) {
    throw new HostError('config', 'No FOLIO system user: set folioHost.systemUser in the settings or SYSTEM_USER_NAME and SYSTEM_USER_PASSWORD', {
      retryable: false,
    });
  }
  const key = [tenant, url, login.username, login.password, config.timeoutMs ?? ''].join('\u0001');
  let client = systemClients.get(key);
  if (!client) {
    client = new OkapiClient({ url, tenant, login, timeoutMs: config.timeoutMs });
    systemClients.set(key, client);
  }
  return client;
}

function folioHostSettings(config: FolioHostConfig, lendingLoanPeriodDays: number | null, deliveryOffsetDays: number): HostSettings {
  return {
    instanceTypeId: config.instanceTypeId,
    instanceSource: config.instanceSource,
    statisticalCodeId: config.statisticalCodeId ?? null,
    illLocationId: config.illLocationId,
    holdingsSourceId: config.holdingsSourceId,
    materialTypeId: config.materialTypeId,
    permanentLoanTypeId: config.permanentLoanTypeId,
    temporaryLoanTypeId: config.temporaryLoanTypeId ?? null,
    pickupServicePointId: config.pickupServicePointId,
    defaultServicePointId: config.defaultServicePointId,
    institutionalPatronBarcode: config.institutionalPatronBarcode,
    lendingLoanPeriodDays,
    deliveryOffsetDays,
    staffSuppress: config.staffSuppress ?? false,
    contributorNameTypeId: config.contributorNameTypeId ?? null,
    cancellationReasonId: config.cancellationReasonId ?? null,
    ...(config.lendable ? { lendable: config.lendable } : {}),
  };
}

/** The tenant's host adapter and the day counts that go with it. */
export async function hostForTenant(sql: Sql, tenant: string): Promise<TenantHostInfo> {
  const s = await getSettings(sql, tenant);
  if (s.hostAdapter === 'folio') {
    const config = s.folioHost;
    if (!config) throw new HostError('config', 'hostAdapter is folio but folioHost is not set', { retryable: false });
    const deliveryOffsetDays = config.deliveryOffsetDays ?? s.deliveryOffsetDays;
    const lendingLoanPeriodDays = config.lendingLoanPeriodDays !== undefined ? config.lendingLoanPeriodDays : s.lendingLoanPeriodDays;
    const settings = folioHostSettings(config, lendingLoanPeriodDays, deliveryOffsetDays);
    const client = folioClient(tenant, config);
    return { host: { kind: 'folio', host: createFolioHost(client, settings), settings, client }, deliveryOffsetDays, lendingLoanPeriodDays };
  }
  if (s.hostAdapter === 'ncip') {
    const config = s.ncipHost;
    if (!config) throw new HostError('config', 'hostAdapter is ncip but ncipHost is not set', { retryable: false });
    const lendingLoanPeriodDays = config.lendingLoanPeriodDays !== undefined ? config.lendingLoanPeriodDays : s.lendingLoanPeriodDays;
    return {
      host: { kind: 'ncip', host: createNcipHost({ ...config, lendingLoanPeriodDays }) },
      deliveryOffsetDays: s.deliveryOffsetDays,
      lendingLoanPeriodDays,
    };
  }
  return { host: { kind: 'manual' }, deliveryOffsetDays: s.deliveryOffsetDays, lendingLoanPeriodDays: s.lendingLoanPeriodDays };
}
