/** @jsxRuntime automatic @jsxImportSource react */
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Checkbox, Select, TextField } from '@folio/stripes/components';
import { T } from '../../utils/labels';
import { useReferenceData, type ReferenceData, type ReferenceItem } from './config-api';
import { WithTenantSettings } from './WithTenantSettings';
import type { TenantSettings } from './config-types';
import { EditorFrame } from './EditorFrame';
import {
  HOST_FIELDS, RANKING_FIELDS, WORKFLOW_FIELDS, settingsErrors, settingsPatch, settingsValues, type SettingField,
} from './settings-fields';
import { useSettingsEditor } from './use-settings-editor';
import { InputField } from '../../components/InputField';

/** The reference-data list each id field chooses from. */
const CHOICES: Record<string, keyof ReferenceData> = {
  'folioHost.instanceTypeId': 'instanceTypes',
  'folioHost.illLocationId': 'locations',
  'folioHost.materialTypeId': 'materialTypes',
  'folioHost.permanentLoanTypeId': 'loanTypes',
  'folioHost.pickupServicePointId': 'servicePoints',
  'folioHost.defaultServicePointId': 'servicePoints',
};

function SettingsForm({ id, label, fields, stored }: { id: string; label: ReactNode; fields: SettingField[]; stored: TenantSettings }) {
  const intl = useIntl();
  const reference = useReferenceData();
  const msg = (key: string, values?: Record<string, string>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const { values, set, errorAt, frame } = useSettingsEditor<Record<string, string>>(
    () => settingsValues(stored, fields),
    (v) => settingsErrors(v, fields),
    (_initial, v) => settingsPatch(stored, v, fields),
  );
  const fieldId = (path: string) => `rs-setting-${path.replace(/\./g, '-')}`;
  const labelOf = (path: string) => msg(`settings.field.${path}`);

  const field = (f: SettingField) => {
    if (f.when && !f.when(values)) return null;
    if (f.kind === 'boolean') {
      return <Checkbox key={f.path} id={fieldId(f.path)} label={labelOf(f.path)} checked={values[f.path] === 'true'} onChange={(e) => set(f.path, String(e.target.checked))} error={errorAt(f.path)} />;
    }
    if (f.path === 'hostAdapter') {
      return (
        <Select
          key={f.path}
          id={fieldId(f.path)}
          label={labelOf(f.path)}
          required
          value={values[f.path]}
          dataOptions={['manual', 'folio', 'ncip'].map((a) => ({ value: a, label: msg(`settings.hostAdapter.${a}`) }))}
          onChange={(e) => set(f.path, e.target.value)}
          error={errorAt(f.path)}
        />
      );
    }
    const choices = CHOICES[f.path] ? (reference.data?.[CHOICES[f.path]] as ReferenceItem[] | undefined) : undefined;
    if (choices && choices.length > 0) {
      const current = values[f.path];
      const known = !current || choices.some((c) => c.id === current);
      return (
        <Select
          key={f.path}
          id={fieldId(f.path)}
          label={labelOf(f.path)}
          required={f.required}
          value={current}
          placeholder={msg('settings.choose')}
          dataOptions={[
            ...choices.map((c) => ({ value: c.id, label: c.code && c.code !== c.name ? `${c.name} (${c.code})` : c.name })),
            ...(known ? [] : [{ value: current, label: msg('settings.unknownChoice', { id: current }) }]),
          ]}
          onChange={(e) => set(f.path, e.target.value)}
          error={errorAt(f.path)}
        />
      );
    }
    const textLabel = CHOICES[f.path] ? msg('settings.field.typedId', { label: labelOf(f.path) }) : labelOf(f.path);
    const type = f.kind === 'secret' ? 'password' : f.kind === 'integer' || f.kind === 'optionalInteger' ? 'number' : undefined;
    if (type) {
      return <InputField key={f.path} id={fieldId(f.path)} type={type} label={textLabel} required={f.required} value={values[f.path]} onChange={(e) => set(f.path, e.target.value)} error={errorAt(f.path)} />;
    }
    return (
      <TextField
        key={f.path}
        id={fieldId(f.path)}
        label={textLabel}
        required={f.required}
        value={values[f.path]}
        onChange={(e) => set(f.path, e.target.value)}
        error={errorAt(f.path)}
      />
    );
  };
  const shown = new Set(fields.filter((f) => !f.when || f.when(values)).map((f) => f.path));
  return (
    <EditorFrame
      id={id}
      title={label}
      {...frame((k) => shown.has(k))}
    >
      {fields.map(field)}
    </EditorFrame>
  );
}

function page(id: string, fields: SettingField[]) {
  return function TenantSettingsPage({ label }: { label?: ReactNode }) {
    return <WithTenantSettings id={id} label={label}>{(stored) => <SettingsForm id={id} label={label} fields={fields} stored={stored} />}</WithTenantSettings>;
  };
}

/** Host adapter (manual, FOLIO, NCIP) and how borrowed items are mapped in the host. */
export const HostSettingsPage = page('rs-settings-host', HOST_FIELDS);
/** Delivery offset, lending threshold, stale requests, auto-responder, request id prefix. */
export const WorkflowSettingsPage = page('rs-settings-workflow', WORKFLOW_FIELDS);
/** Overload threshold and ranking weights. */
export const RankingSettingsPage = page('rs-settings-ranking', RANKING_FIELDS);
