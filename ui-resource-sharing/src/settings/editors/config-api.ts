import { useOkapiKy } from '@folio/stripes/core';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { DirectoryEntry, RotaProfile, TenantSettings } from './config-types';

// REST calls of the settings editors: directory entries, rota profiles, tenant settings.

export const CONFIG_KEY = 'ui-resource-sharing:config';

const DIRECTORY = 'resource-sharing/directory/entries';
const ROTAS = 'resource-sharing/rotas';
const SETTINGS = 'resource-sharing/settings';

export function useDirectoryEntries() {
  const ky = useOkapiKy();
  return useQuery([CONFIG_KEY, 'directory'], () =>
    ky.get(DIRECTORY, { searchParams: { query: 'cql.allRecords=1 sortby name', limit: 1000 } }).json<{ entries: DirectoryEntry[] }>());
}

export function useRotaProfiles() {
  const ky = useOkapiKy();
  return useQuery([CONFIG_KEY, 'rotas'], () =>
    ky.get(ROTAS, { searchParams: { query: 'cql.allRecords=1 sortby name', limit: 1000 } }).json<{ rotas: RotaProfile[] }>());
}

/** One choice of the library system's reference data (GET resource-sharing/host/reference-data). */
export interface ReferenceItem {
  id: string;
  name: string;
  code?: string;
}

export interface ReferenceData {
  hostAdapter: string;
  instanceTypes?: ReferenceItem[];
  locations?: ReferenceItem[];
  materialTypes?: ReferenceItem[];
  loanTypes?: ReferenceItem[];
  servicePoints?: ReferenceItem[];
  pickupLocations?: ReferenceItem[];
  unavailable?: Array<{ list: string; message: string }>;
}

/** The library system's lists to choose ids from; without them (no permission, no FOLIO) the ids are typed. */
export function useReferenceData() {
  const ky = useOkapiKy();
  return useQuery([CONFIG_KEY, 'reference-data'], () => ky.get('resource-sharing/host/reference-data').json<ReferenceData>(), { retry: false });
}

export function useTenantSettings() {
  const ky = useOkapiKy();
  return useQuery([CONFIG_KEY, 'settings'], () => ky.get(SETTINGS).json<TenantSettings>());
}

/** POST a new record or PUT an existing one (id set); refreshes every config query after. */
function useSave<T extends { id?: string }>(path: string) {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation(
    async (record: T) => {
      if (record.id) await ky.put(`${path}/${encodeURIComponent(record.id)}`, { json: record });
      else await ky.post(path, { json: record });
    },
    { onSuccess: () => queryClient.invalidateQueries(CONFIG_KEY) },
  );
}

export const useSaveDirectoryEntry = () => useSave<DirectoryEntry>(DIRECTORY);
export const useSaveRotaProfile = () => useSave<RotaProfile>(ROTAS);

/** PUT some settings (the API takes any subset); answers the stored settings. */
export function useSaveSettings() {
  const ky = useOkapiKy();
  const queryClient = useQueryClient();
  return useMutation(
    (patch: Partial<TenantSettings>) => ky.put(SETTINGS, { json: patch }).json<TenantSettings>(),
    { onSuccess: (stored) => { queryClient.setQueryData([CONFIG_KEY, 'settings'], stored); } },
  );
}
