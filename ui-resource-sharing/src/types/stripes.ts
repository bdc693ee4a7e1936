// The members of the platform's `stripes` object this app reads. Structural, so that both the
// real Stripes object and the standalone host's satisfy it.

export interface AppStripes {
  okapi: { url: string; tenant: string; token?: string };
  locale: string;
  timezone?: string;
  user?: { user?: { id?: string; username?: string } };
  hasPerm(perms: string): boolean | undefined;
  hasInterface(name: string, versions?: string): unknown;
}

/** Props Stripes passes to the module's top component. */
export interface AppProps {
  match: { path: string; url: string; params: Record<string, string | undefined> };
  location?: { pathname: string; search: string };
  history?: unknown;
  stripes: AppStripes;
  showSettings?: boolean;
  actAs?: 'app' | 'settings' | 'plugin' | 'handler';
}
