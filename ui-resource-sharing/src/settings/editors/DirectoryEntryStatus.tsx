/** @jsxRuntime automatic @jsxImportSource react */
import { useIntl } from 'react-intl';
import { MessageBanner } from '@folio/stripes/components';
import { DATE_TIME as when } from '../../components/DateTime';
import { T } from '../../utils/labels';
import type { DirectoryEntry } from './config-types';

/**
 * What the module knows about a library's traffic, in a few words for the directory list: messages
 * to it not delivered for a while, and messages in its name refused for their credentials.
 */
export function useEntryStatus(): (entry: DirectoryEntry) => string {
  const intl = useIntl();
  return (entry) =>
    [
      entry.reachability
        ? intl.formatMessage({ id: `${T}.editor.directory.status.unreachable` }, { since: intl.formatDate(entry.reachability.unreachableSince, when) })
        : '',
      entry.authenticationFailures?.count
        ? intl.formatMessage({ id: `${T}.editor.directory.status.refused` }, { count: entry.authenticationFailures.count })
        : '',
    ]
      .filter(Boolean)
      .join(' · ');
}

/** The same, told in full at the top of the entry's form. */
export function DirectoryEntryBanners({ entry }: { entry?: DirectoryEntry }) {
  const intl = useIntl();
  const reach = entry?.reachability;
  const refused = entry?.authenticationFailures;
  return (
    <>
      {reach ? (
        <MessageBanner type="warning">
          <span id="rs-directory-unreachable">
            {intl.formatMessage(
              { id: `${T}.editor.directory.unreachableBanner` },
              { since: intl.formatDate(reach.unreachableSince, when), waiting: reach.waiting, next: intl.formatDate(reach.nextAttemptAt, when) },
            )}
            {reach.lastError ? ` ${intl.formatMessage({ id: `${T}.common.lastError` }, { error: reach.lastError })}` : ''}
          </span>
        </MessageBanner>
      ) : null}
      {refused?.count ? (
        <MessageBanner type="warning">
          <span id="rs-directory-refused">
            {intl.formatMessage(
              { id: `${T}.editor.directory.refusedBanner` },
              { count: refused.count, date: intl.formatDate(refused.lastDate, when), reason: refused.lastReason },
            )}
          </span>
        </MessageBanner>
      ) : null}
    </>
  );
}
