/** @jsxRuntime automatic @jsxImportSource react */
// Mounts the app the way the standalone host does (providers, module routes), at a route,
// with a given permission set and the fake backend behind `fetch`.
import { createRoot, type Root } from 'react-dom/client';
import { setLogger } from 'react-query';
import { MemoryRouter, Route } from 'react-router-dom';
import type { RouteComponentProps } from 'react-router-dom';

type History = RouteComponentProps['history'];
import { ModuleContainer, Platform } from '../standalone/host/Platform.tsx';
import { ModuleRoutes } from '../standalone/host/ModuleRoutes.tsx';
import { stripesForSession } from '../standalone/host/session.ts';
import { installStyles } from '../standalone/host/styles.ts';
import type { FakeBackend } from './fake-backend.ts';
import { expandPermissions } from '../../scripts/demo/demo-permissions.ts';

// failed queries are asserted on through the UI; react-query's console dump of them is noise
setLogger({ log: () => undefined, warn: () => undefined, error: () => undefined });

export const OKAPI_URL = 'http://okapi.test';
export const TENANT = 'diku';
export const TOKEN = 'test-token';

export const ALL_PERMS = [
  'module.resource-sharing.enabled',
  'settings.resource-sharing.enabled',
  'ui-resource-sharing.requests.view',
  'ui-resource-sharing.requests.manage',
  'ui-resource-sharing.settings.manage',
];

export const VIEW_ONLY_PERMS = ['module.resource-sharing.enabled', 'ui-resource-sharing.requests.view'];

export interface MountOptions {
  path: string;
  backend: FakeBackend;
  perms?: string[];
  /** false: the session holds exactly `perms` (default: expanded with their sub-permissions, as FOLIO's login lists them) */
  expandPerms?: boolean;
  locale?: string;
  /** the interfaces the platform's discovery reports (default: resource-sharing 1.0) */
  interfaces?: Record<string, string>;
  /** answers a react-router `Prompt` (the browser's confirm dialog); without it navigation goes on unasked */
  confirmLeave?: (message: string) => boolean;
}

export interface Mounted {
  history: () => History;
  unmount(): void;
}

export function mountApp({ path, backend, perms = ALL_PERMS, expandPerms = true, locale = 'en-US', interfaces, confirmLeave }: MountOptions): Mounted {
  const originalFetch = globalThis.fetch;
  globalThis.fetch = backend.fetch;
  installStyles(document);
  const stripes = stripesForSession({
    // expanded as FOLIO's login lists them: the sets' sub-permissions (module permissions) included
    okapiUrl: OKAPI_URL, tenant: TENANT, token: TOKEN, user: { id: 'u1', username: 'staff' }, perms: expandPerms ? expandPermissions(perms) : perms, locale, devMode: false,
  }, 'FOLIO', interfaces);
  const container = document.createElement('div');
  container.id = 'root';
  document.body.appendChild(container);
  let history: History | undefined;
  const root: Root = createRoot(container);
  root.render(
    <MemoryRouter initialEntries={[path]} getUserConfirmation={confirmLeave ? (message, answer) => answer(confirmLeave(message)) : undefined}>
      <Route render={({ history: h }) => { history = h; return null; }} />
      <Platform stripes={stripes}>
        <ModuleContainer>
          <ModuleRoutes />
        </ModuleContainer>
      </Platform>
    </MemoryRouter>,
  );
  return {
    history: () => {
      if (!history) throw new Error('not rendered yet');
      return history;
    },
    unmount() {
      root.unmount();
      container.remove();
      document.body.innerHTML = '';
      globalThis.fetch = originalFetch;
    },
  };
}
