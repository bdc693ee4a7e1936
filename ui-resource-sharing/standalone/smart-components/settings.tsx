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

/**
 * stripes-types declares a page's component as taking no props (`ComponentType<Record<string, never>>`),
 * although Settings hands each page `label` and `stripes`: a page may only take them as optional.
 */
export interface SettingsPage {
  route: string;
  label: ReactNode;
  component: ComponentType<Record<string, never>>;
  perm?: string;
}

/** What Settings hands each page at run time (stripes-smart-components Settings.js). */
type PageRuntimeProps<S> = { label: ReactNode; stripes: S };

/**
 * SettingsProps as stripes-types declares them, which a platform build checks the app against. They
 * differ from what Settings.js reads at run time (its propTypes: `match.path`, `location.pathname`
 * and `.search`, `stripes.hasPerm`): no `match`, `location` typed as the DOM's Location, and a
 * required `forceRender`. The stand-in declares the same, so it refuses what a platform build refuses.
 */
export interface SettingsProps {
  additionalRoutes?: ReactNode[];
  navPaneWidth?: string;
  pages: SettingsPage[];
  paneTitle?: ReactNode;
  location: Location;
  showSettings?: boolean;
  forceRender: number;
  sections?: Array<{ label: ReactNode; pages: SettingsPage[] }>;
}

/** What Settings.js reads at run time besides the declared props. */
interface SettingsRuntimeProps<S extends SettingsStripes> {
  match: { path: string; url: string };
  stripes: S;
}

/** Left nav pane (`#app-settings-nav-pane`) plus the `additionalRoutes` and one route per page the user may see. */
export function Settings<S extends SettingsStripes>(props: SettingsProps) {
  const { pages = [], sections, paneTitle, navPaneWidth = '30%', additionalRoutes = [] } = props;
  const { match, stripes } = props as unknown as SettingsRuntimeProps<S>;
  const allowed = (p: SettingsPage) => !p.perm || stripes.hasPerm(p.perm) === true;
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
        {additionalRoutes}
        {groups.flatMap((g) => g.pages).map((p) => {
          const Page = p.component as unknown as ComponentType<PageRuntimeProps<S>>;
          return (
            <Route key={p.route} path={`${base}/${p.route}`} render={() => <Page label={p.label} stripes={stripes} />} />
          );
        })}
      </Switch>
    </Paneset>
  );
}
