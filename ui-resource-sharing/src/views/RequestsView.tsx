/** @jsxRuntime automatic @jsxImportSource react */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Route, Switch, useHistory, useLocation, useRouteMatch } from 'react-router-dom';
import type { Location } from 'history';
import { Button, MessageBanner, Pane, PaneMenu, Paneset } from '@folio/stripes/components';
import { IfPermission, TitleManager, useStripes } from '@folio/stripes/core';
import { RequestFilters } from '../components/RequestFilters';
import { COLUMNS, RequestList, sortFieldFor, type Column } from '../components/RequestList';
import { useApiError } from '../components/useApiError';
import { planFacets } from '../data/facets';
import { useFacetCounts, useRequestList } from '../data/hooks';
import { STATES_BY_ROLE } from '../data/states';
import type { RequestRole } from '../types/request';
import { buildRequestQuery, filtersActive, type RequestListFilters } from '../utils/cql';
import { T } from '../utils/labels';
import {
  NO_LIST_FILTERS, hasListParams, listUrlParams, parseListUrl, withListParams,
  type ListSort, type ListUrlOptions, type ListUrlState,
} from '../utils/list-url-state';
import { PERM_MANAGE } from '../utils/permissions';
import { NewRequestView } from './NewRequestView';
import { RequestDetailView } from './RequestDetailView';
import { RoleSwitch } from '../components/RoleSwitch';
import { WorkMenu } from '../components/WorkMenu';
import { useLiveUpdates } from '../live/useLiveUpdates';

const DEFAULT_SORT: ListSort = { field: 'updatedDate', direction: 'descending' };

/** Location state marking the navigations the list makes itself (they never inherit parameters). */
const LIST_NAVIGATION = { rsListNavigation: true };

function madeByList(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>).rsListNavigation === true;
}

/**
 * Each side's last list parameters, per router history: switching from borrowing to lending and
 * back finds each list as it was left (for as long as the page lives).
 */
const lastParamsByHistory = new WeakMap<object, Partial<Record<RequestRole, string>>>();

interface Shown {
  location: Location;
  params: string;
  inherited: boolean;
}

/**
 * The list's search, filters and sort, kept in the URL's query string (`query`, `filters`, `sort`).
 * A location without list parameters inherits them: on arrival, this side's last ones (role switch,
 * a bare link from elsewhere in the app); later, the current ones when some other part of the view
 * navigates within it (new request saved or closed). The URL is then rewritten to carry them.
 * Going back or forward (POP) and the list's own changes ("Reset all") take the URL as it is.
 */
function useListUrlState(role: RequestRole) {
  const history = useHistory();
  const location = useLocation();
  const options: ListUrlOptions = useMemo(() => ({
    states: STATES_BY_ROLE[role],
    sortFields: COLUMNS.map((c) => sortFieldFor(c, role)),
    defaultSort: DEFAULT_SORT,
  }), [role]);
  const shown = useRef<Shown | null>(null);
  const last = shown.current;
  let params = '';
  let inherited = false;
  if (hasListParams(location.search)) {
    params = listUrlParams(parseListUrl(location.search, options), DEFAULT_SORT);
  } else if (last === null) {
    params = lastParamsByHistory.get(history)?.[role] ?? '';
    inherited = params !== '';
  } else if (last.location === location) {
    ({ params, inherited } = last);
  } else if (history.action !== 'POP' && !madeByList(location.state)) {
    params = last.params;
    inherited = params !== '';
  }

  useEffect(() => {
    shown.current = { location, params, inherited };
    lastParamsByHistory.set(history, { ...lastParamsByHistory.get(history), [role]: params });
    if (inherited) {
      history.replace({ pathname: location.pathname, search: withListParams(location.search, params), hash: location.hash, state: location.state });
    }
  }, [history, location, params, inherited, role]);

  const state = useMemo(() => parseListUrl(params, options), [params, options]);
  /** the query string to keep when moving within the view (detail, new request) */
  const search = withListParams(location.search, params);
  const navigate = useCallback((next: ListUrlState) => {
    const nextParams = listUrlParams(next, DEFAULT_SORT);
    if (nextParams === params) return;
    history.push({ pathname: location.pathname, search: withListParams(location.search, nextParams), hash: location.hash, state: LIST_NAVIGATION });
  }, [history, location, params]);
  return { state, navigate, search };
}

/** Borrowing or lending requests: filter pane, results, and the detail or new-request pane beside them. */
export function RequestsView({ role, basePath, appPath }: { role: RequestRole; basePath: string; appPath: string }) {
  const stripes = useStripes();
  const intl = useIntl();
  const history = useHistory();
  const detailMatch = useRouteMatch<{ id: string }>(`${basePath}/view/:id`);
  const createMatch = useRouteMatch(`${basePath}/create`);
  const { state, navigate, search: listSearch } = useListUrlState(role);
  const { search, states, needsAttention, serviceTypes, partners, created, updated } = state;
  const sortedColumn: Column = COLUMNS.find((c) => sortFieldFor(c, role) === state.sort.field) ?? 'updated';
  const filters: RequestListFilters = useMemo(
    () => ({ role, search, states, needsAttention, serviceTypes, partners, created, updated }),
    [role, search, states, needsAttention, serviceTypes, partners, created, updated],
  );
  const query = useMemo(
    () => buildRequestQuery({ ...filters, sortField: state.sort.field, sortDirection: state.sort.direction }),
    [filters, state.sort],
  );
  const plan = useMemo(() => planFacets(filters), [filters]);
  const list = useRequestList(query, plan.pageFacets);
  useLiveUpdates({ role });
  const counts = useFacetCounts(plan, list.isPreviousData ? undefined : list.data?.pages[0]?.resultInfo?.facets);
  const listError = useApiError(list.error);
  const requests = useMemo(() => list.data?.pages.flatMap((p) => p.requests) ?? [], [list.data]);
  const totalCount = list.data?.pages[list.data.pages.length - 1]?.totalRecords ?? 0;
  const filtered = filtersActive(filters);

  const onSort = (column: Column) => {
    if (!COLUMNS.includes(column)) return;
    const direction = sortedColumn === column && state.sort.direction === 'ascending' ? 'descending' : 'ascending';
    navigate({ ...state, sort: { field: sortFieldFor(column, role), direction } });
  };

  const canCreate = role === 'borrowing' && stripes.hasPerm(PERM_MANAGE) === true;
  const newButton = canCreate ? (
    <PaneMenu>
      <IfPermission perm={PERM_MANAGE}>
        <Button id="clickable-new-borrowing-request" buttonStyle="primary" marginBottom0 to={{ pathname: `${basePath}/create`, search: listSearch }}>
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
          onChange={(patch) => navigate({ ...state, ...patch })}
          onQueue={() => navigate({ ...state, ...NO_LIST_FILTERS, needsAttention: true })}
          onReset={() => navigate({ ...state, ...NO_LIST_FILTERS })}
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
          sortedColumn={sortedColumn}
          sortDirection={state.sort.direction}
          selectedId={detailMatch?.params.id}
          narrow={!!detailMatch || (canCreate && !!createMatch)}
          emptyMessage={listError ? <span /> : <FormattedMessage id={filtered ? `${T}.list.noMatch` : `${T}.list.empty`} />}
          onSort={onSort}
          onSelect={(r) => history.push({ pathname: `${basePath}/view/${r.id}`, search: listSearch, state: LIST_NAVIGATION })}
          onLoadMore={() => { if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage(); }}
        />
      </Pane>
      <Switch>
        {canCreate ? (
          <Route path={`${basePath}/create`} render={() => <NewRequestView basePath={basePath} />} />
        ) : null}
        <Route
          path={`${basePath}/view/:id`}
          render={({ match }) => <RequestDetailView key={match.params.id} id={match.params.id} role={role} onClose={() => history.push({ pathname: basePath, search: listSearch, state: LIST_NAVIGATION })} />}
        />
      </Switch>
    </Paneset>
  );
}
