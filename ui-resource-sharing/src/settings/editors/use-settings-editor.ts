import { useState } from 'react';
import { useIntl } from 'react-intl';
import { T } from '../../utils/labels';
import { useSaveSettings } from './config-api';
import type { TenantSettings } from './config-types';
import { useEditor } from './use-editor';

/**
 * A settings page's form: its values (made once from what was read), local checks, and what the
 * EditorFrame needs to save them with PUT /settings. `patch` makes the PUT body from the values
 * first shown and the values now.
 */
export function useSettingsEditor<V>(
  initialValues: () => V,
  validate: (v: V) => Record<string, string>,
  patch: (initial: V, values: V) => Partial<TenantSettings>,
) {
  const intl = useIntl();
  const saveSettings = useSaveSettings();
  const [initial] = useState(initialValues);
  const editor = useEditor<V>(initial, validate);
  const set = <K extends keyof V>(k: K, v: V[K]) => editor.setValues((x) => ({ ...x, [k]: v }));
  /** the EditorFrame's props; server errors at fields the page does not show go to its banner */
  const frame = (shown: (key: string) => boolean) => ({
    onSubmit: () => {
      void editor.save((v) => saveSettings.mutateAsync(patch(initial, v)), intl.formatMessage({ id: `${T}.settings.saved` }));
    },
    saving: saveSettings.isLoading,
    general: editor.general(shown),
    invalid: editor.invalid,
  });
  return { ...editor, set, frame };
}
