// Assembles the module: the platform contract first, then each feature's routes.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from './db/database.ts';
import { registerErrorHandler } from './okapi/error-handler.ts';
import { registerBodyParsers } from './okapi/empty-body.ts';
import { setStandaloneMode } from './okapi/context.ts';
import { registerHealth } from './okapi/health.ts';
import { registerTenantApi, type TenantHooks } from './okapi/tenant-api.ts';
import { registerTenantGuard } from './okapi/tenant-guard.ts';
import { TenantRegistry } from './okapi/tenants.ts';
import { registerRequestRoutes } from './requests/request-routes.ts';
import { registerSettingsRoutes } from './settings/settings-routes.ts';
import { registerDirectoryRoutes } from './directory/directory-routes.ts';
import { registerRotaRoutes } from './rota/rota-routes.ts';
import { registerCopyrightRoutes } from './copyright/copyright-report.ts';
import { registerOutboxRoutes } from './outbox/outbox-routes.ts';
import { registerIso18626Route } from './iso18626/inbound-route.ts';
import { rewriteInvokeUrl } from './okapi/invoke-path.ts';
import { registerWorkflowRoutes } from './workflow/workflow-routes.ts';
import { registerReferenceDataRoutes } from './host/reference-data-routes.ts';
import { registerRequestRotaRoutes } from './workflow/request-rota-routes.ts';
import { installHostIntegration } from './host/steps/install-host.ts';
import { systemUserTenantHook } from './host/system-user.ts';
import { registerTimerRoutes } from './workflow/timers.ts';
import { previewRota, registerBrokerRoutes } from './broker/index.ts';
import { advance } from './workflow/advance.ts';
import { registerPatronRoutes } from './patron/patron-routes.ts';
import { runAction } from './workflow/run-action.ts';
import { installOutboxHooks } from './workflow/delivery-hooks.ts';
import { installNoticeSender } from './notices/send-notice.ts';
import { installCopyStore } from './patron/copy-store.ts';
import { registerNoticeRoutes } from './notices/notice-routes.ts';
import { stateModelReferenceData } from './workflow/reference-data.ts';
import { registerGraphqlRoutes } from './graphql/graphql-route.ts';
import { registerObservability } from './metrics/observability.ts';
import { registerOpenApi } from './openapi/openapi.ts';
import { listenForConfigChanges } from './db/tenant-cache.ts';
import { registerLiveRoutes, type LiveOptions } from './live/events-route.ts';
import { patronOfRequest } from './patron/patron-routes.ts';
import { registerPullSlipRoutes } from './pull-slips/pull-slips-pdf.ts';
import { registerTrendRoutes } from './statistics/trends.ts';

export interface ServerOptions {
  db: Database;
  logLevel?: string;
  /**
   * Stand-alone mode: trust a call without X-Okapi-Permissions with every desired permission (the
   * demo and tests opt in). Default false: behind Okapi such a call holds no desired permission.
   */
  standalone?: boolean;
  /** extra work on tenant enable, e.g. demo data; appended to the module's own hooks */
  tenantHooks?: Partial<TenantHooks>;
  /** the live event streams' heartbeat and retry (tests shorten them) */
  live?: Pick<LiveOptions, 'heartbeatMs' | 'retryMs'>;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route this server registered; the descriptor test compares them with the descriptor */
    registeredRoutes: RegisteredRoute[];
  }
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel && opts.logLevel !== 'silent' ? { level: opts.logLevel } : false,
    bodyLimit: 2 * 1024 * 1024,
    requestIdHeader: 'x-okapi-request-id',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: false } },
    rewriteUrl: rewriteInvokeUrl,
  });
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, public: route.config?.tenant === 'none' });
    }
  });
  const registry = new TenantRegistry(opts.db);
  const hooks: TenantHooks = {
    referenceData: [stateModelReferenceData, ...(opts.tenantHooks?.referenceData ?? [])],
    sampleData: [...(opts.tenantHooks?.sampleData ?? [])],
    setUp: [systemUserTenantHook(), ...(opts.tenantHooks?.setUp ?? [])],
  };
  setStandaloneMode(app, opts.standalone ?? false);
  registerErrorHandler(app);
  registerBodyParsers(app);
  registerTenantGuard(app, registry);
  // settings and directory entries are cached per instance once changes can be heard (tenant-cache.ts)
  const stopConfigListener = listenForConfigChanges(opts.db, (err) =>
    app.log.warn({ err }, 'cannot LISTEN for settings and directory changes yet: reading them every time until it can'),
  );
  app.addHook('onClose', async () => stopConfigListener());
  // before every route: the metrics hooks and the log fields apply to them, the OpenAPI document watches them
  registerObservability(app, opts.db);
  await registerOpenApi(app);
  registerHealth(app);
  registerTenantApi(app, { db: opts.db, registry, hooks });
  installOutboxHooks();
  installNoticeSender(opts.db);
  installCopyStore();
  installHostIntegration(app, opts.db);
  registerRequestRoutes(app, opts.db, { afterCreate: (tenant, created) => advance(opts.db, tenant, created.id, { known: created }) });
  registerWorkflowRoutes(app, opts.db);
  registerReferenceDataRoutes(app, opts.db);
  registerRequestRotaRoutes(app, opts.db);
  registerTimerRoutes(app, opts.db);
  registerBrokerRoutes(app, opts.db);
  registerIso18626Route(app, opts.db);
  registerPatronRoutes(app, opts.db, {
    afterCreate: (tenant, created) => advance(opts.db, tenant, created.id, { known: created }),
    renew: async (tenant, id, patron) => {
      await runAction(opts.db, { tenant, requestId: id, action: 'renew', who: 'staff', actor: { type: 'user', id: `patron:${patron.barcode}` } });
    },
  });
  registerSettingsRoutes(app, opts.db);
  registerNoticeRoutes(app, opts.db);
  registerDirectoryRoutes(app, opts.db);
  registerRotaRoutes(app, opts.db, { preview: previewRota });
  registerCopyrightRoutes(app, opts.db);
  registerOutboxRoutes(app, opts.db);
  registerGraphqlRoutes(app, opts.db);
  registerPullSlipRoutes(app, opts.db);
  registerTrendRoutes(app, opts.db);
  registerLiveRoutes(app, opts.db, { ...opts.live, patronOf: async (req) => (await patronOfRequest(opts.db, req)).patron });
  return app;
}
