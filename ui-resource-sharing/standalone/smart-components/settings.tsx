/** @jsxRuntime automatic @jsxImportSource react */
import type { ComponentType, ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Route, Switch } from 'react-router-dom';
import { Pane, Paneset } from '../components/layout';
import { NavList, NavListItem, NavListSection } from '../components/nav-list';

/** The member of the `stripes` object Settings itself needs; pages receive the whole object. */
interface SettingsStripes {
  hasPerm(perms: string): boolean | undefined;
}

export interface SettingsPage<S extends SettingsStripes = SettingsStripes> {
  route: string;
  label: ReactNode;
  component: ComponentType<{ label: ReactNode; stripes: S }>;
  perm?: string;
}

export interface SettingsProps<S extends SettingsStripes = SettingsStripes> {
  pages?: SettingsPage<S>[];
  sections?: Array<{ label: ReactNode; pages: SettingsPage<S>[] }>;
  paneTitle?: ReactNode;
  navPaneWidth?: string;
  match: { path: string; url: string };
  /** the real Settings reads the route's location; the stand-in's routes do not need it */
  location?: { pathname: string; search: string };
  stripes: S;
  children?: ReactNode;
}

/** Left nav pane (`#app-settings-nav-pane`) plus one route per page the user may see. */
export function Settings<S extends SettingsStripes>({ pages = [], sections, paneTitle, navPaneWidth = '30%', match, stripes }: SettingsProps<S>) {
  const allowed = (p: SettingsPage<S>) => !p.perm || stripes.hasPerm(p.perm) === true;
  const groups = (sections ?? [{ label: null, pages }]).map((s) => ({ ...s, pages: s.pages.filter(allowed) }));
  const base = match.path.replace(/\/$/, '');
  const urlBase = match.url.replace(/\/$/, '');
  return (
    <Paneset>
      <Pane id="app-settings-nav-pane" defaultWidth={navPaneWidth} paneTitle={paneTitle ?? <FormattedMessage id="stripes-smart-components.moduleSettings" />}>
        <NavList>
          {groups.map((g, i) => (
            <NavListSection key={i} label={g.label}>
              {g.pages.map((p) => <NavListItem key={p.route} to={`${urlBase}/${p.route}`}>{p.label}</NavListItem>)}
            </NavListSection>
          ))}
        </NavList>
      </Pane>
      <Switch>
        {groups.flatMap((g) => g.pages).map((p) => {
          const Page = p.component;
          return (
            <Route key={p.route} path={`${base}/${p.route}`} render={() => <Page label={p.label} stripes={stripes} />} />
          );
        })}
      </Switch>
    </Paneset>
  );
}
