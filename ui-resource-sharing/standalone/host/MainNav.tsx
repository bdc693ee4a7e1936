/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { useHostStripes } from '../core/stripes-context';
import { css } from '../components/class-names';
import metadata from './module-metadata';
import type { Session } from './session';

/** The platform's top bar: app link, settings link, who is logged in, log out. */
export function MainNav({ session, onLogout }: { session: Session; onLogout(): void }) {
  const stripes = useHostStripes();
  const intl = useIntl();
  return (
    <header className={css('mainNav')} id="main-nav">
      <nav aria-label={intl.formatMessage({ id: 'stripes-core.mainNav' })} className={css('navButtons')}>
        <span className={css('brand')}>{stripes.config.platformName}</span>
        {stripes.hasPerm(`module.${metadata.moduleName}.enabled`) ? (
          <NavLink id={`app-list-item-clickable-${metadata.moduleName}-module`} to={metadata.route} className={css('navButton')} activeClassName={css('active')} isActive={(_m, loc) => loc.pathname.startsWith(metadata.route)}>
            <FormattedMessage id={metadata.displayName} />
          </NavLink>
        ) : null}
        {stripes.hasPerm(`settings.${metadata.moduleName}.enabled`) ? (
          <NavLink id="app-list-item-clickable-settings" to="/settings" className={css('navButton')} activeClassName={css('active')}>
            <FormattedMessage id="stripes-core.settings" />
          </NavLink>
        ) : null}
      </nav>
      <div id="App_context_dropdown_menu" />
      <div className={css('navUser')}>
        <span>
          {session.user.username}@{session.tenant}
          {session.devMode ? <> (<FormattedMessage id="stripes-core.devMode" />)</> : null}
          {!session.devMode && session.perms === undefined ? <> (<FormattedMessage id="stripes-core.allPerms" />)</> : null}
        </span>
        <button type="button" id="clickable-logout" className={css('button', 'slim')} onClick={onLogout}>
          <FormattedMessage id="stripes-core.logout" />
        </button>
      </div>
    </header>
  );
}
