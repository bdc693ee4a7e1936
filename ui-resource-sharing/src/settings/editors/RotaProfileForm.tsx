/** @jsxRuntime automatic @jsxImportSource react */
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Checkbox, Col, Headline, Row, Select, TextArea, TextField } from '@folio/stripes/components';
import { T } from '../../utils/labels';
import type { DirectoryEntry, RotaProfile } from './config-types';
import { EditorFrame } from './EditorFrame';
import { useSaveRotaProfile } from './config-api';
import { EMPTY_ROTA, EMPTY_RULE, moved, toRotaProfile, toRotaValues, validateRota, type RotaValues, type RuleValues } from './rota-values';
import { useEditor } from './use-editor';
import { InputField } from '../../components/InputField';

const SHOWN = /^(name|description|ordered|useBroker|entries\[\d+\]\.(symbol|note)|rules\[\d+\]\.(serviceType|format|patronGroup|neededWithinDays|priority))$/;

/** Create or edit a rota profile: name, ordered or ranked, suppliers (reordered with up/down), rules. */
export function RotaProfileForm({ profile, directory, onDone }: { profile?: RotaProfile; directory: DirectoryEntry[]; onDone(): void }) {
  const intl = useIntl();
  const msg = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const saveProfile = useSaveRotaProfile();
  const { values, setValues, errorAt, save, general, invalid } = useEditor<RotaValues>(profile ? toRotaValues(profile) : EMPTY_ROTA, validateRota);
  const set = (patch: Partial<RotaValues>) => setValues((v) => ({ ...v, ...patch }));
  const setEntry = (i: number, patch: Partial<RotaValues['entries'][number]>) =>
    setValues((v) => ({ ...v, entries: v.entries.map((e, j) => (j === i ? { ...e, ...patch } : e)) }));
  const setRule = (i: number, patch: Partial<RuleValues>) =>
    setValues((v) => ({ ...v, rules: v.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  const symbolOptions = directory.filter((d) => !d.self).flatMap((d) => d.symbols.map((s) => {
    const symbol = `${s.authority}:${s.symbol}`;
    return { value: symbol, label: `${symbol} (${d.name})` };
  }));
  const optionsFor = (current: string) => (current && !symbolOptions.some((o) => o.value === current)
    ? [...symbolOptions, { value: current, label: current }]
    : symbolOptions);

  const submit = () => {
    void save((v) => saveProfile.mutateAsync(toRotaProfile(v)), msg('editor.saved', { name: values.name.trim() })).then((ok) => ok && onDone());
  };

  return (
    <EditorFrame
      id="rs-rota-form"
      title={profile ? msg('editor.rota.edit', { name: profile.name }) : msg('editor.rota.new')}
      onSubmit={submit}
      onCancel={onDone}
      saving={saveProfile.isLoading}
      general={general((k) => SHOWN.test(k))}
      invalid={invalid}
    >
      <TextField id="rs-rota-name" label={msg('editor.rota.name')} required value={values.name} onChange={(e) => set({ name: e.target.value })} error={errorAt('name')} />
      <TextArea id="rs-rota-description" label={msg('editor.rota.description')} value={values.description} onChange={(e) => set({ description: e.target.value })} error={errorAt('description')} />
      <Checkbox id="rs-rota-ordered" label={msg('editor.rota.ordered')} checked={values.ordered} onChange={(e) => set({ ordered: e.target.checked })} />
      <Checkbox id="rs-rota-useBroker" label={msg('broker.rotaProfile.useBroker')} checked={values.useBroker} onChange={(e) => set({ useBroker: e.target.checked })} error={errorAt('useBroker')} />

      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.editor.rota.entries`} /></Headline>
      {values.entries.length === 0 ? <p><FormattedMessage id={`${T}.editor.rota.noEntries`} /></p> : null}
      <ol className="rs-rota-entries">
        {values.entries.map((e, i) => (
          <li key={i} data-test-rota-entry={i}>
            <Row>
              <Col xs={5}>
                <Select
                  id={`rs-rota-entry-${i}-symbol`}
                  label={msg('editor.rota.supplier', { n: i + 1 })}
                  placeholder={msg('editor.rota.chooseSupplier')}
                  value={e.symbol}
                  dataOptions={optionsFor(e.symbol)}
                  onChange={(ev) => setEntry(i, { symbol: ev.target.value })}
                  error={errorAt(`entries[${i}].symbol`)}
                />
              </Col>
              <Col xs={4}>
                <TextField id={`rs-rota-entry-${i}-note`} label={msg('editor.rota.note', { n: i + 1 })} value={e.note} onChange={(ev) => setEntry(i, { note: ev.target.value })} error={errorAt(`entries[${i}].note`)} />
              </Col>
              <Col xs={3}>
                <Button id={`rs-rota-entry-${i}-up`} aria-label={msg('editor.rota.moveUp', { n: i + 1 })} disabled={i === 0} onClick={() => set({ entries: moved(values.entries, i, -1) })}>↑</Button>
                <Button id={`rs-rota-entry-${i}-down`} aria-label={msg('editor.rota.moveDown', { n: i + 1 })} disabled={i === values.entries.length - 1} onClick={() => set({ entries: moved(values.entries, i, 1) })}>↓</Button>
                <Button id={`rs-rota-entry-${i}-remove`} aria-label={msg('editor.rota.remove', { n: i + 1 })} onClick={() => set({ entries: values.entries.filter((_, j) => j !== i) })}>×</Button>
              </Col>
            </Row>
          </li>
        ))}
      </ol>
      <Button id="rs-rota-add-entry" onClick={() => set({ entries: [...values.entries, { symbol: '', note: '' }] })}>
        <FormattedMessage id={`${T}.editor.rota.addEntry`} />
      </Button>

      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.editor.rota.rules`} /></Headline>
      <p><FormattedMessage id={`${T}.editor.rota.rulesHelp`} /></p>
      {values.rules.map((r, i) => (
        <fieldset key={i} data-test-rota-rule={i} className="rs-rota-rule">
          <legend><FormattedMessage id={`${T}.editor.rota.rule`} values={{ n: i + 1 }} /></legend>
          <Row>
            <Col xs={2}>
              <Select
                id={`rs-rota-rule-${i}-serviceType`}
                label={msg('editor.rota.rule.serviceType', { n: i + 1 })}
                value={r.serviceType}
                dataOptions={[{ value: '', label: msg('editor.rota.rule.any') }, { value: 'loan', label: msg('serviceType.loan') }, { value: 'copy', label: msg('serviceType.copy') }]}
                onChange={(e) => setRule(i, { serviceType: e.target.value as RuleValues['serviceType'] })}
                error={errorAt(`rules[${i}].serviceType`)}
              />
            </Col>
            <Col xs={2}><TextField id={`rs-rota-rule-${i}-format`} label={msg('editor.rota.rule.format', { n: i + 1 })} value={r.format} onChange={(e) => setRule(i, { format: e.target.value })} error={errorAt(`rules[${i}].format`)} /></Col>
            <Col xs={3}><TextField id={`rs-rota-rule-${i}-patronGroup`} label={msg('editor.rota.rule.patronGroup', { n: i + 1 })} value={r.patronGroup} onChange={(e) => setRule(i, { patronGroup: e.target.value })} error={errorAt(`rules[${i}].patronGroup`)} /></Col>
            <Col xs={2}><InputField id={`rs-rota-rule-${i}-neededWithinDays`} type="number" label={msg('editor.rota.rule.neededWithinDays', { n: i + 1 })} value={r.neededWithinDays} onChange={(e) => setRule(i, { neededWithinDays: e.target.value })} error={errorAt(`rules[${i}].neededWithinDays`)} /></Col>
            <Col xs={2}><InputField id={`rs-rota-rule-${i}-priority`} type="number" label={msg('editor.rota.rule.priority', { n: i + 1 })} value={r.priority} onChange={(e) => setRule(i, { priority: e.target.value })} error={errorAt(`rules[${i}].priority`)} /></Col>
            <Col xs={1}><Button id={`rs-rota-rule-${i}-remove`} aria-label={msg('editor.rota.rule.remove', { n: i + 1 })} onClick={() => set({ rules: values.rules.filter((_, j) => j !== i) })}>×</Button></Col>
          </Row>
        </fieldset>
      ))}
      <Button id="rs-rota-add-rule" onClick={() => set({ rules: [...values.rules, { ...EMPTY_RULE }] })}>
        <FormattedMessage id={`${T}.editor.rota.addRule`} />
      </Button>
    </EditorFrame>
  );
}
