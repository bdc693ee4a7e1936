import { useOkapiKy, useStripes } from '@folio/stripes/core';
import { useQuery } from 'react-query';

// People's names for user ids (the timeline's staff), through the platform's `users` interface
// (mod-users: `GET users?query=id==("a" or "b")`), as stripes-smart-components' ViewMetaData does.
// Without the interface, or without permission to read users, the ids stay unnamed.

interface FolioUser {
  id: string;
  username?: string;
  personal?: { firstName?: string; middleName?: string; lastName?: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Last, First Middle" as FOLIO writes a person's full name (stripes-util getFullName), else the username. */
export function fullName(user: FolioUser): string {
  const p = user.personal ?? {};
  const given = [p.firstName, p.middleName].filter(Boolean).join(' ');
  const name = [p.lastName, given].filter(Boolean).join(', ');
  return name || user.username || user.id;
}

export function useUserNames(ids: string[]): Map<string, string> {
  const ky = useOkapiKy();
  const stripes = useStripes();
  const wanted = Array.from(new Set(ids.filter((id) => UUID.test(id)))).sort();
  const enabled = wanted.length > 0 && !!stripes.hasInterface('users');
  const result = useQuery(
    ['ui-resource-sharing:users', wanted.join(',')],
    () => ky.get('users', {
      searchParams: { query: `id==(${wanted.map((id) => `"${id}"`).join(' or ')})`, limit: wanted.length },
    }).json<{ users: FolioUser[] }>(),
    { enabled, staleTime: 5 * 60_000, retry: false },
  );
  return new Map((result.data?.users ?? []).map((u) => [u.id, fullName(u)]));
}
