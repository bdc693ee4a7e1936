/** @jsxRuntime automatic @jsxImportSource react */
import { useIntl } from 'react-intl';
import { stateLabel } from '../utils/labels';

export function StateLabel({ state }: { state: string }) {
  const intl = useIntl();
  return <span title={state}>{stateLabel(intl, state)}</span>;
}
