/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage } from 'react-intl';
import { css } from './class-names';

export function Loading({ size = 'medium' }: { size?: 'small' | 'medium' | 'large' | 'xlarge'; useCurrentColor?: boolean }) {
  return (
    <div className={css('loading', size)} role="status">
      <span className={css('spinner')} aria-hidden="true" />
      <span className="sr-only"><FormattedMessage id="stripes-components.loading" /></span>
    </div>
  );
}
