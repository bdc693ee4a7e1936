// Versioned SQL migrations. Each belongs to the module version that introduced it; the tenant API
// applies, in order, every migration not yet recorded in the tenant's schema_migrations table
// whose version is not newer than `module_to`. Never edit a migration once released: add one.
import type { Semver } from '../module-version.ts';
import { m001Requests } from './001-requests.ts';
import { m002ListIndexesAndSettings } from './002-list-indexes-and-settings.ts';
import { m003DirectoryAndRotas } from './003-directory-and-rotas.ts';
import { m004Outbox } from './004-outbox.ts';
import { m005Conversation } from './005-conversation.ts';
import { m006BrokerConversation } from './006-broker-conversation.ts';
import { m007SafeRetries } from './007-safe-retries.ts';
import { m008PatronRequestIndexes } from './008-patron-request-indexes.ts';
import { m009PatronCopies } from './009-patron-copies.ts';
import { m012ConfigChangeNotify } from './012-config-change-notify.ts';
import { m013LookupIndexes } from './013-lookup-indexes.ts';

export interface Migration {
  id: string;
  since: Semver;
  /** SQL statements; `s` is the tenant's quoted schema name */
  statements(s: string): string[];
}

export const migrations: Migration[] = [m001Requests, m002ListIndexesAndSettings, m003DirectoryAndRotas, m004Outbox, m005Conversation, m006BrokerConversation, m007SafeRetries, m008PatronRequestIndexes, m009PatronCopies, m012ConfigChangeNotify, m013LookupIndexes];
