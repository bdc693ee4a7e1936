/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, MessageBanner, MultiColumnList, Pane } from '@folio/stripes/components';
import { useApiError } from '../../components/useApiError';
import { T } from '../../utils/labels';
import { useDirectoryEntries } from './config-api';
import type { DirectoryEntry } from './config-types';
import { DirectoryEntryForm } from './DirectoryEntryForm';
import { useEntryStatus } from './DirectoryEntryStatus';

/** Settings page: the directory (our own entry and the libraries we know), and the entry form. */
export function DirectoryPage({ label }: { label?: ReactNode }) {
  const intl = useIntl();
  const directory = useDirectoryEntries();
  const error = useApiError(directory.error);
  const [editing, setEditing] = useState<DirectoryEntry | 'new' | null>(null);
  const yes = (b?: boolean) => intl.formatMessage({ id: `${T}.common.${b ? 'yes' : 'no'}` });
  const status = useEntryStatus();
  return (
    <>
      <Pane
        id="rs-settings-directory"
        defaultWidth={editing ? '30%' : 'fill'}
        paneTitle={label}
        lastMenu={<Button id="rs-directory-new" buttonStyle="primary" marginBottom0 onClick={() => setEditing('new')}><FormattedMessage id={`${T}.editor.new`} /></Button>}
      >
        {error ? <MessageBanner type="error">{error.join(' ')}</MessageBanner> : null}
        <MultiColumnList
          id="rs-directory-list"
          contentData={directory.data?.entries ?? []}
          visibleColumns={['name', 'symbols', 'partner', 'iso18626Version', 'source', 'status']}
          columnMapping={{
            name: intl.formatMessage({ id: `${T}.editor.directory.name` }),
            symbols: intl.formatMessage({ id: `${T}.editor.directory.symbols` }),
            partner: intl.formatMessage({ id: `${T}.editor.directory.partnerColumn` }),
            iso18626Version: intl.formatMessage({ id: `${T}.editor.directory.version` }),
            source: intl.formatMessage({ id: `${T}.broker.directory.source` }),
            status: intl.formatMessage({ id: `${T}.editor.directory.status` }),
          }}
          formatter={{
            name: (e) => (e.self ? `${e.name} (${intl.formatMessage({ id: `${T}.editor.directory.us` })})` : e.name),
            symbols: (e) => e.symbols.map((s) => `${s.authority}:${s.symbol}`).join(', '),
            partner: (e) => yes(e.partner),
            source: (e) => intl.formatMessage({ id: `${T}.broker.directory.source.${e.source === 'shared' ? 'shared' : 'local'}` }),
            status,
          }}
          onRowClick={(_e, entry) => setEditing(entry)}
          isEmptyMessage={intl.formatMessage({ id: `${T}.editor.directory.none` })}
          loading={directory.isLoading}
        />
      </Pane>
      {editing ? (
        <DirectoryEntryForm key={editing === 'new' ? 'new' : editing.id} entry={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
      ) : null}
    </>
  );
}
