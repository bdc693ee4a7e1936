import { useOkapiKy } from '@folio/stripes/core';
import { useQuery } from 'react-query';

// Partner libraries by name: request records carry symbols (`ISIL:DK-820010`, `DEMO:EASTGATE`);
// the directory names them. Read once per session page (directory entries change rarely); while
// it loads, or without permission to read the directory, the symbol is shown.

interface Entry {
  name: string;
  symbols?: Array<{ authority: string; symbol: string }>;
}

export function usePartnerNames(): Map<string, string> {
  const ky = useOkapiKy();
  const result = useQuery(
    ['ui-resource-sharing:partner-names'],
    () => ky.get('resource-sharing/directory/entries', { searchParams: { query: 'cql.allRecords=1', limit: 1000 } }).json<{ entries: Entry[] }>(),
    { staleTime: 10 * 60_000, retry: false },
  );
  const names = new Map<string, string>();
  for (const e of result.data?.entries ?? []) {
    for (const s of e.symbols ?? []) names.set(`${s.authority}:${s.symbol}`, e.name);
  }
  return names;
}
