/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { Button } from '@folio/stripes/components';
import type { RequestRole } from '../types/request';
import { T } from '../utils/labels';
import css from './RoleSwitch.css';

/** Two buttons switching between the borrowing and the lending list (FOLIO has no Tabs component). */
export function RoleSwitch({ role, appPath }: { role: RequestRole; appPath: string }) {
  const intl = useIntl();
  return (
    <nav className={css.roleSwitch} aria-label={intl.formatMessage({ id: `${T}.roleSwitch.label` })}>
      {(['borrowing', 'lending'] as const).map((r) => (
        <Button
          key={r}
          id={`rs-role-${r}`}
          to={`${appPath}/${r}`}
          buttonStyle={r === role ? 'primary' : 'default'}
          aria-pressed={r === role}
        >
          <FormattedMessage id={`${T}.${r}.nav`} />
        </Button>
      ))}
      <Button id="rs-nav-dashboard" to={`${appPath}/dashboard`} buttonStyle="default">
        <FormattedMessage id={`${T}.dashboard.nav`} />
      </Button>
    </nav>
  );
}
