import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useCallout } from '@folio/stripes/core';
import { T } from '../../utils/labels';
import { fieldErrorsOf, type FieldErrors } from './field-errors';

/**
 * Form state shared by the editors: values, local checks (translation keys) and the server's 422
 * messages per field. `save` runs local checks, then the mutation; on success a callout.
 */
export function useEditor<V>(initial: V, validate: (v: V) => Record<string, string>) {
  const intl = useIntl();
  const callout = useCallout();
  const [values, setValues] = useState<V>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [server, setServer] = useState<FieldErrors>({ fields: {}, general: [] });
  const errorAt = (key: string): string | undefined =>
    local[key] ? intl.formatMessage({ id: `${T}.${local[key]}` }) : server.fields[key];
  async function save(run: (v: V) => Promise<unknown>, savedMessage: string): Promise<boolean> {
    const found = validate(values);
    setLocal(found);
    if (Object.keys(found).length > 0) return false;
    try {
      await run(values);
      setServer({ fields: {}, general: [] });
      callout?.sendCallout({ type: 'success', message: savedMessage });
      return true;
    } catch (e) {
      setServer(await fieldErrorsOf(e));
      return false;
    }
  }
  /** server messages whose field the form does not show go to the banner */
  const general = (shown: (key: string) => boolean) => [
    ...server.general,
    ...Object.entries(server.fields).filter(([k]) => !shown(k)).map(([k, m]) => `${k}: ${m}`),
  ];
  return { values, setValues, errorAt, save, general, invalid: Object.keys(local).length > 0 };
}
