/** @jsxRuntime automatic @jsxImportSource react */
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Route, Switch, useHistory, useRouteMatch } from 'react-router-dom';
import { Button, MessageBanner, Pane, PaneMenu, Paneset } from '@folio/stripes/components';
import { IfPermission, TitleManager, useStripes } from '@folio/stripes/core';
import { RequestFilters } from '../components/RequestFilters.tsx';
import { COLUMNS, RequestList, sortFieldFor, type Column } from '../components/RequestList.tsx';
import { useApiError } from '../components/useApiError.ts';
import { planFacets } from '../data/facets.ts';
import { useFacetCounts, useRequestList } from '../data/hooks.ts';
import type { RequestRole } from '../types/request.ts';
import { NO_DATES, buildRequestQuery, filtersActive, type RequestListFilters, type SortDirection } from '../utils/cql.ts';
import { T } from '../utils/labels.ts';
import { PERM_MANAGE } from '../utils/permissions.ts';
import { NewRequestView } from './NewRequestView.tsx';
import { RequestDetailView } from './RequestDetailView.tsx';
import { RoleSwitch } from '../components/RoleSwitch.tsx';
import { WorkMenu } from '../components/WorkMenu.tsx';

type Filters = Omit<Required<RequestListFilters>, 'role'>;

interface ListState extends Filters {
  sortedColumn: Column;
  sortDirection: SortDirection;
}

const NO_FILTERS: Filters = {
  search: '', states: [], needsAttention: false, serviceTypes: [], partners: [], created: NO_DATES, updated: NO_DATES,
};
const INITIAL: ListState = { ...NO_FILTERS, sortedColumn: 'updated', sortDirection: 'descending' };

/** Borrowing or lending requests: filter pane, results, and the detail or new-request pane beside them. */
export function RequestsView({ role, basePath, appPath }: { role: RequestRole; basePath: string; appPath: string }) {
  const stripes = useStripes();
  const intl = useIntl();
  const history = useHistory();
  const detailMatch = useRouteMatch<{ id: string }>(`${basePath}/view/:id`);
  const [state, setState] = useState<ListState>(INITIAL);
  const { search, states, needsAttention, serviceTypes, partners, created, updated } = state;
  const filters: RequestListFilters = useMemo(
    () => ({ role, search, states, needsAttention, serviceTypes, partners, created, updated }),
    [role, search, states, needsAttention, serviceTypes, partners, created, updated],
  );
  const query = useMemo(() => buildRequestQuery({
    ...filters,
    sortField: sortFieldFor(state.sortedColumn, role),
    sortDirection: state.sortDirection,
  }), [filters, role, state.sortedColumn, state.sortDirection]);
  const plan = useMemo(() => planFacets(filters), [filters]);
  const list = useRequestList(query, plan.pageFacets);
  const counts = useFacetCounts(plan, list.isPreviousData ? undefined : list.data?.pages[0]?.resultInfo?.facets);
  const listError = useApiError(list.error);
  const requests = useMemo(() => list.data?.pages.flatMap((p) => p.requests) ?? [], [list.data]);
  const totalCount = list.data?.pages[list.data.pages.length - 1]?.totalRecords ?? 0;
  const filtered = filtersActive(filters);

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
          filters={filters}
          counts={counts}
          onChange={(patch) => setState((s) => ({ ...s, ...patch }))}
          onQueue={() => setState((s) => ({ ...s, ...NO_FILTERS, needsAttention: true }))}
          onReset={() => setState((s) => ({ ...s, ...NO_FILTERS }))}
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
