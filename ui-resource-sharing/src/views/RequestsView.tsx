/** @jsxRuntime automatic @jsxImportSource react */
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Route, Switch, useHistory, useRouteMatch } from 'react-router-dom';
import { Button, MessageBanner, Pane, PaneMenu, Paneset } from '@folio/stripes/components';
import { IfPermission, TitleManager, useStripes } from '@folio/stripes/core';
import { RequestFilters } from '../components/RequestFilters.tsx';
import { COLUMNS, RequestList, sortFieldFor, type Column } from '../components/RequestList.tsx';
import { useApiError } from '../components/useApiError.ts';
import { useRequestList } from '../data/hooks.ts';
import type { RequestRole } from '../types/request.ts';
import { buildRequestQuery, type SortDirection } from '../utils/cql.ts';
import { T } from '../utils/labels.ts';
import { PERM_MANAGE } from '../utils/permissions.ts';
import { NewRequestView } from './NewRequestView.tsx';
import { RequestDetailView } from './RequestDetailView.tsx';
import { RoleSwitch } from '../components/RoleSwitch.tsx';
import { WorkMenu } from '../components/WorkMenu.tsx';

interface ListState {
  search: string;
  states: string[];
  needsAttention: boolean;
  sortedColumn: Column;
  sortDirection: SortDirection;
}

const INITIAL: ListState = { search: '', states: [], needsAttention: false, sortedColumn: 'updated', sortDirection: 'descending' };

/** Borrowing or lending requests: filter pane, results, and the detail or new-request pane beside them. */
export function RequestsView({ role, basePath, appPath }: { role: RequestRole; basePath: string; appPath: string }) {
  const stripes = useStripes();
  const intl = useIntl();
  const history = useHistory();
  const detailMatch = useRouteMatch<{ id: string }>(`${basePath}/view/:id`);
  const [state, setState] = useState<ListState>(INITIAL);
  const query = useMemo(() => buildRequestQuery({
    role,
    search: state.search,
    states: state.states,
    needsAttention: state.needsAttention,
    sortField: sortFieldFor(state.sortedColumn, role),
    sortDirection: state.sortDirection,
  }), [role, state]);
  const list = useRequestList(query);
  const listError = useApiError(list.error);
  const requests = useMemo(() => list.data?.pages.flatMap((p) => p.requests) ?? [], [list.data]);
  const totalCount = list.data?.pages[list.data.pages.length - 1]?.totalRecords ?? 0;
  const filtered = Boolean(state.search || state.states.length || state.needsAttention);

  const onSort = (column: Column) => {
    if (!COLUMNS.includes(column)) return;
    setState((s) => ({
      ...s,
      sortedColumn: column,
      sortDirection: s.sortedColumn === column && s.sortDirection === 'ascending' ? 'descending' : 'ascending',
    }));
  };

  const canCreate = role === 'borrowing' && stripes.hasPerm(PERM_MANAGE) === true;
  const newButton = canCreate ? (
    <PaneMenu>
      <IfPermission perm={PERM_MANAGE}>
        <Button id="clickable-new-borrowing-request" buttonStyle="primary" marginBottom0 to={`${basePath}/create`}>
          <FormattedMessage id={`${T}.request.new`} />
        </Button>
      </IfPermission>
    </PaneMenu>
  ) : undefined;

  return (
    <Paneset>
      <TitleManager page={intl.formatMessage({ id: `${T}.${role}.paneTitle` })} />
      <Pane id={`rs-${role}-filter-pane`} defaultWidth="20%" paneTitle={<FormattedMessage id={`${T}.filter.paneTitle`} />}>
        <RoleSwitch role={role} appPath={appPath} />
        <RequestFilters
          key={role}
          role={role}
          search={state.search}
          states={state.states}
          needsAttention={state.needsAttention}
          onSearch={(search) => setState((s) => ({ ...s, search }))}
          onStatesChange={(states) => setState((s) => ({ ...s, states }))}
          onNeedsAttentionChange={(needsAttention) => setState((s) => ({ ...s, needsAttention }))}
          onReset={() => setState(INITIAL)}
        />
      </Pane>
      <Pane
        id={`rs-${role}-results-pane`}
        defaultWidth="fill"
        paneTitle={<FormattedMessage id={`${T}.${role}.paneTitle`} />}
        paneSub={list.data ? <FormattedMessage id={`${T}.list.count`} values={{ count: totalCount }} /> : undefined}
        lastMenu={<>{newButton}<WorkMenu role={role} appPath={appPath} /></>}
        padContent={false}
      >
        {listError ? (
          <MessageBanner type="error">
            <FormattedMessage id={`${T}.list.error`} values={{ message: listError.join(' ') }} />
          </MessageBanner>
        ) : null}
        <RequestList
          role={role}
          requests={requests}
          totalCount={totalCount}
          loading={list.isLoading || list.isFetchingNextPage}
          sortedColumn={state.sortedColumn}
          sortDirection={state.sortDirection}
          selectedId={detailMatch?.params.id}
          emptyMessage={listError ? <span /> : <FormattedMessage id={filtered ? `${T}.list.noMatch` : `${T}.list.empty`} />}
          onSort={onSort}
          onSelect={(r) => history.push(`${basePath}/view/${r.id}`)}
          onLoadMore={() => { if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage(); }}
        />
      </Pane>
      <Switch>
        {canCreate ? (
          <Route path={`${basePath}/create`} render={() => <NewRequestView basePath={basePath} />} />
        ) : null}
        <Route
          path={`${basePath}/view/:id`}
          render={({ match }) => <RequestDetailView key={match.params.id} id={match.params.id} role={role} onClose={() => history.push(basePath)} />}
        />
      </Switch>
    </Paneset>
  );
}
