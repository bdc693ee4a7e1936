// The NCIP adapter's public surface: the HostLsp over NCIP, its settings, and the codec.
export { createNcipHost } from './ncip-host.ts';
export type { NcipHostLsp, NcipHostOptions, NcipAcceptItemInput, NcipAcceptItemResult } from './ncip-host.ts';
export type { NcipSettings } from './ncip-settings.ts';
export { validateNcipSettings } from './ncip-settings.ts';
export { emitNcip } from './ncip-emit.ts';
export { parseNcip, parseNcipResponse } from './ncip-parse.ts';
export { sendNcip, problemCode } from './ncip-client.ts';
export { NcipProblemError, NcipSyntaxError, describeProblem } from './ncip-problem.ts';
export type * from './ncip-types.ts';
export { NCIP_NAMESPACE, NCIP_VERSION, NCIP_SERVICES } from './ncip-types.ts';
