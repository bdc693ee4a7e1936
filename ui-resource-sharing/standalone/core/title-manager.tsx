/** @jsxRuntime automatic @jsxImportSource react */
import { useEffect, type ReactNode } from 'react';
import { useHostStripes } from './stripes-context';

/** Sets document.title to prefix + [page, record, platformName || 'FOLIO'].join(' - '). */
export function TitleManager({ page, record, prefix = '', children }: { page?: string; record?: string; prefix?: string; children?: ReactNode }) {
  const stripes = useHostStripes();
  const platform = stripes.config.platformName ?? 'FOLIO';
  useEffect(() => {
    document.title = prefix + [page, record, platform].filter(Boolean).join(' - ');
  }, [page, record, prefix, platform]);
  return <>{children}</>;
}
