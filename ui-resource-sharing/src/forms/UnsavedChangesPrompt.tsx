/** @jsxRuntime automatic @jsxImportSource react */
import { useIntl } from 'react-intl';
import { Prompt } from 'react-router-dom';
import { T } from '../utils/labels';

/**
 * Asks before leaving a form with unsaved changes, as stripes-final-form's `navigationCheck` does
 * (react-router's `Prompt`: the platform's history asks the user; the browser's confirm dialog).
 */
export function UnsavedChangesPrompt({ when }: { when: boolean }) {
  const intl = useIntl();
  return <Prompt when={when} message={intl.formatMessage({ id: `${T}.form.unsavedChanges` })} />;
}
