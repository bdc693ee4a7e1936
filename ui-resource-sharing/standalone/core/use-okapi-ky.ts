import ky, { type KyInstance } from 'ky';
import { useMemo } from 'react';
import { useHostStripes } from './stripes-context';

export interface UseOkapiKyOptions {
  tenant?: string;
  timeout?: number;
  rtrIgnore?: boolean;
}

/**
 * A ky instance for Okapi: prefixUrl = okapi.url, cookies always sent, no retry,
 * Accept-Language, X-Okapi-Tenant and (only when a token exists) X-Okapi-Token.
 * Paths are relative ('resource-sharing/requests'), as ky's prefixUrl requires.
 */
export function useOkapiKy({ tenant, timeout }: UseOkapiKyOptions = {}): KyInstance {
  const { okapi, locale } = useHostStripes();
  return useMemo(() => ky.create({
    prefixUrl: okapi.url,
    mode: 'cors',
    credentials: 'include',
    retry: 0,
    timeout: timeout ?? okapi.timeout ?? 60000,
    hooks: {
      beforeRequest: [
        (request) => {
          request.headers.set('Accept-Language', okapi.locale ?? locale ?? 'en');
          request.headers.set('X-Okapi-Tenant', tenant ?? okapi.tenant);
          if (okapi.token) request.headers.set('X-Okapi-Token', okapi.token);
        },
      ],
    },
  }), [okapi.url, okapi.tenant, okapi.token, okapi.locale, okapi.timeout, locale, tenant, timeout]);
}
