// The patron's pickup location, as the request names it (a service point id, code or name), to the
// FOLIO service point the hold-shelf request and the check-in use.
import { cqlString, type OkapiClient } from '../../okapi/okapi-client.ts';
import { HostError } from '../host-error.ts';
import { step } from './folio-errors.ts';
import { isUuid } from '../../okapi/ids.ts';


interface ServicePoint {
  id: string;
  code?: string;
  name?: string;
  pickupLocation?: boolean;
}

/** The service point id for `pickupLocation`; the default when the request names none. */
export async function pickupServicePointId(client: OkapiClient, pickupLocation: string | undefined, defaultId: string): Promise<string> {
  const wanted = pickupLocation?.trim();
  if (!wanted) return defaultId;
  if (isUuid(wanted)) return wanted;
  const op = 'pickup service point';
  const q = cqlString(wanted);
  const res = await step(op, () =>
    client.get<{ servicepoints?: ServicePoint[] }>('/service-points', {
      query: `code==${q} or name==${q} or discoveryDisplayName==${q}`,
      limit: 2,
    }),
  );
  const sp = res.servicepoints?.[0];
  if (!sp) {
    throw new HostError('not_found', `${op}: "${wanted}" is not a FOLIO service point`, { retryable: false, operation: op });
  }
  if (sp.pickupLocation === false) {
    throw new HostError('rejected', `${op}: "${wanted}" (${sp.name ?? sp.id}) is not a pickup location`, { retryable: false, operation: op });
  }
  return sp.id;
}
