// Where a new request starts: the initial state of the state model for its role and service type.
import type { RequestRole, ServiceType } from './request-types.ts';

export function initialRequestState(role: RequestRole, serviceType: ServiceType): { stateModel: string; state: string } {
  const stateModel = `${role}-${serviceType === 'copy' ? 'copy' : 'returnable'}`;
  return { stateModel, state: role === 'borrowing' ? 'REQ_IDLE' : 'RES_IDLE' };
}
