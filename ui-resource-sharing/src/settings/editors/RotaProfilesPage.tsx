/** @jsxRuntime automatic @jsxImportSource react */
import { useState, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, MessageBanner, MultiColumnList, Pane } from '@folio/stripes/components';
import { useApiError } from '../../components/useApiError';
import { T } from '../../utils/labels';
import { useDirectoryEntries, useRotaProfiles } from './config-api';
import type { RotaProfile } from './config-types';
import { RotaProfileForm } from './RotaProfileForm';

/** Settings page: the rota profiles, and the form for a new or the chosen one. */
export function RotaProfilesPage({ label }: { label?: ReactNode }) {
  const intl = useIntl();
  const rotas = useRotaProfiles();
  const directory = useDirectoryEntries();
  const error = useApiError(rotas.error);
  const [editing, setEditing] = useState<RotaProfile | 'new' | null>(null);
  return (
    <>
      <Pane
        id="rs-settings-rotas"
        defaultWidth={editing ? '30%' : 'fill'}
        paneTitle={label}
        lastMenu={<Button id="rs-rota-new" buttonStyle="primary" marginBottom0 onClick={() => setEditing('new')}><FormattedMessage id={`${T}.editor.new`} /></Button>}
      >
        {error ? <MessageBanner type="error">{error.join(' ')}</MessageBanner> : null}
        <MultiColumnList
          id="rs-rota-list"
          contentData={rotas.data?.rotas ?? []}
          visibleColumns={['name', 'ordered', 'entries']}
          columnMapping={{
            name: intl.formatMessage({ id: `${T}.editor.rota.name` }),
            ordered: intl.formatMessage({ id: `${T}.editor.rota.kind` }),
            entries: intl.formatMessage({ id: `${T}.editor.rota.entries` }),
          }}
          formatter={{
            ordered: (p) => intl.formatMessage({ id: `${T}.editor.rota.${p.ordered ? 'kindOrdered' : 'kindRanked'}` }),
            entries: (p) => p.entries.map((e) => e.symbol).join(', '),
          }}
          onRowClick={(_e, p) => setEditing(p)}
          isEmptyMessage={intl.formatMessage({ id: `${T}.editor.rota.none` })}
          loading={rotas.isLoading}
        />
      </Pane>
      {editing ? (
        <RotaProfileForm
          key={editing === 'new' ? 'new' : editing.id}
          profile={editing === 'new' ? undefined : editing}
          directory={directory.data?.entries ?? []}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
