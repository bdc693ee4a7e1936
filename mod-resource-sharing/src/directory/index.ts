// The directory's public API for the rest of the module (the ISO 18626 workflow, the rota).
export { findEntryBySymbol, findSelfEntry, allEntries, getEntry } from './directory-store.ts';
export { isPartner, partnerEndpoint, publicEntry, type PartnerEndpoint } from './partners.ts';
export { renderSymbol, symbolKey, parseSymbol, type DirectorySymbol } from './symbols.ts';
export type { DirectoryEntry, DirectoryEntryInput, Iso18626Version, LendingPolicy, PostalAddress, Contact, SruIndexes } from './directory-types.ts';
export { registerDirectoryRoutes } from './directory-routes.ts';
export {
  checkCredentials,
  recordAuthenticationFailure,
  requiresAuthentication,
  type AuthenticationFailures,
  type AuthenticationOutcome,
  type AuthenticationPolicy,
  type PresentedCredentials,
} from './partner-authentication.ts';
export { ownSymbols, isOwnSymbol, isKnownInstitution } from './own-symbols.ts';
