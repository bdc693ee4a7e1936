// The `stripes` object handed to a module, reduced to the members the stand-in supports.
// Member names and semantics follow stripes-core's Stripes class.

export interface OkapiState {
  url: string;
  tenant: string;
  /** undefined with cookie auth or in token-less dev mode: then no X-Okapi-Token header is sent */
  token?: string;
  locale?: string;
  timeout?: number;
}

export interface StripesUserRecord {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  email?: string;
}

export interface StripesUser {
  user: StripesUserRecord;
  /** permission name -> true */
  perms: Record<string, boolean>;
}

export interface StripesConfig {
  hasAllPerms?: boolean;
  platformName?: string;
}

/**
 * stripes-types' StripesType: the type `useStripes()`, `StripesContext` and `withStripes` give the
 * app in a platform build. It declares only `currency`, `hasPerm` and `hasInterface`; every other
 * member (`okapi`, `user`, `discovery`, ...) is `unknown` there, so the app must check it before
 * use. The host's own `Stripes` below is the full object it hands out.
 */
export interface StripesType {
  currency: string;
  hasPerm(perm: string): boolean | undefined;
  /** as stripes-core: undefined when missing, true when present and no version asked, else the version or 0 */
  hasInterface(name: string, version?: string): boolean | string | 0 | undefined;
  [key: string]: unknown;
}

export interface StripesLogger {
  log(category: string, ...args: unknown[]): void;
}

export interface Stripes {
  okapi: OkapiState;
  user: StripesUser;
  locale: string;
  timezone: string;
  currency: string;
  config: StripesConfig;
  discovery: { interfaces: Record<string, string>; isFinished: boolean };
  logger: StripesLogger;
  /** comma-separated list: true iff the user holds all of them; undefined before permissions load */
  hasPerm(perms: string): boolean | undefined;
  /** comma-separated list: true iff the user holds any of them */
  hasAnyPerm(perms: string): boolean | undefined;
  /** the available version (truthy) when compatible, 0 when not, undefined when unknown */
  hasInterface(name: string, versions?: string): string | true | 0 | undefined;
  connect<C>(component: C, options?: { dataKey?: string }): C;
  clone(extra: Partial<Stripes>): Stripes;
  /** like the real object, it is a StripesType: members beyond those above are unknown */
  [member: string]: unknown;
}

export interface CreateStripesOptions {
  okapi: OkapiState;
  user: StripesUser;
  locale?: string;
  timezone?: string;
  currency?: string;
  config?: StripesConfig;
  interfaces?: Record<string, string>;
}

function splitPerms(perms: string): string[] {
  return perms.split(',').map((p) => p.trim()).filter(Boolean);
}

/** `versions` may be a space-separated list of alternatives: same major, minor.patch >= wanted. */
export function isVersionCompatible(available: string, wanted: string): boolean {
  const [aMaj, aMin = 0, aPatch = 0] = available.split('.').map(Number);
  const [wMaj, wMin = 0, wPatch = 0] = wanted.split('.').map(Number);
  if (aMaj !== wMaj) return false;
  if (aMin !== wMin) return aMin > wMin;
  return aPatch >= wPatch;
}

export function createStripes(options: CreateStripesOptions): Stripes {
  const config = options.config ?? {};
  const interfaces = options.interfaces ?? {};
  const stripes: Stripes = {
    okapi: { ...options.okapi, locale: options.okapi.locale ?? options.locale ?? 'en-US' },
    user: options.user,
    locale: options.locale ?? 'en-US',
    timezone: options.timezone ?? 'UTC',
    currency: options.currency ?? 'USD',
    config,
    discovery: { interfaces, isFinished: true },
    logger: { log: () => undefined },
    hasPerm(perms) {
      if (config.hasAllPerms) return true;
      if (!stripes.user.perms) return undefined;
      return splitPerms(perms).every((p) => stripes.user.perms[p] === true);
    },
    hasAnyPerm(perms) {
      if (config.hasAllPerms) return true;
      if (!stripes.user.perms) return undefined;
      return splitPerms(perms).some((p) => stripes.user.perms[p] === true);
    },
    hasInterface(name, versions) {
      const available = interfaces[name];
      if (available === undefined) return undefined;
      if (!versions) return true;
      return versions.split(' ').some((v) => isVersionCompatible(available, v)) ? available : 0;
    },
    connect: (component) => component,
    clone: (extra) => ({ ...stripes, ...extra }),
  };
  return stripes;
}
