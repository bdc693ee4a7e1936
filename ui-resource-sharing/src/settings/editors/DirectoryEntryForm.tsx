/** @jsxRuntime automatic @jsxImportSource react */
import type { ChangeEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Button, Checkbox, Col, Headline, MessageBanner, Row, Select, TextArea, TextField } from '@folio/stripes/components';
import { T } from '../../utils/labels';
import type { DirectoryEntry } from './config-types';
import { useSaveDirectoryEntry } from './config-api';
import { DirectoryEntryBanners } from './DirectoryEntryStatus';
import {
  ADDRESS_FIELDS, EMPTY_ENTRY, toDirectoryEntry, toDirectoryValues, validateDirectoryEntry, type AddressValues, type DirectoryValues,
} from './directory-values';
import { EditorFrame } from './EditorFrame';
import { useEditor } from './use-editor';
import { InputField, type InputFieldType } from '../../components/InputField';

const SHOWN = /^(name|description|symbols(\[\d+\]\.(authority|symbol))?|self|partner|viaBroker|iso18626Endpoint|iso18626Version|sharedSecret|accountId|sruEndpoint|lendingPolicy\.(returnables|copies|formats|loanPeriodDays)|(shippingAddress|returnAddress)\.(line1|line2|locality|region|postalCode|country))$/;

/** Create or edit a directory entry: the institution, its symbols, how to reach it, what it lends. */
export function DirectoryEntryForm({ entry, onDone }: { entry?: DirectoryEntry; onDone(): void }) {
  const intl = useIntl();
  const msg = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const saveEntry = useSaveDirectoryEntry();
  const { values, setValues, errorAt, save, general, invalid } = useEditor<DirectoryValues>(entry ? toDirectoryValues(entry) : EMPTY_ENTRY, validateDirectoryEntry);
  const set = (patch: Partial<DirectoryValues>) => setValues((v) => ({ ...v, ...patch }));
  const setSymbol = (i: number, patch: Partial<{ authority: string; symbol: string }>) =>
    setValues((v) => ({ ...v, symbols: v.symbols.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const setAddress = (which: 'shippingAddress' | 'returnAddress', field: keyof AddressValues, value: string) =>
    setValues((v) => ({ ...v, [which]: { ...v[which], [field]: value } }));

  const submit = () => {
    void save((v) => saveEntry.mutateAsync(toDirectoryEntry(v)), msg('editor.saved', { name: values.name.trim() })).then((ok) => ok && onDone());
  };
  const text = (key: keyof DirectoryValues & string, labelKey: string, extra: { required?: boolean; type?: InputFieldType } = {}) => {
    const common = { id: `rs-directory-${key}`, label: msg(labelKey), value: String(values[key] ?? ''), error: errorAt(key), required: extra.required };
    const onChange = (e: ChangeEvent<HTMLInputElement>) => set({ [key]: e.target.value } as Partial<DirectoryValues>);
    return extra.type
      ? <InputField {...common} type={extra.type} onChange={onChange} />
      : <TextField id={common.id} label={common.label} value={common.value} error={common.error} required={common.required} onChange={onChange} />;
  };
  const addressBlock = (which: 'shippingAddress' | 'returnAddress') => (
    <>
      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.editor.directory.${which}`} /></Headline>
      <Row>
        {ADDRESS_FIELDS.map((f) => (
          <Col xs={f === 'line1' || f === 'line2' ? 6 : 3} key={f}>
            <TextField
              id={`rs-directory-${which}-${f}`}
              label={msg(`editor.address.${f}`, { which: msg(`editor.directory.${which}`) })}
              value={values[which][f]}
              onChange={(e) => setAddress(which, f, e.target.value)}
              error={errorAt(`${which}.${f}`)}
            />
          </Col>
        ))}
      </Row>
    </>
  );

  return (
    <EditorFrame
      id="rs-directory-form"
      title={entry ? msg('editor.directory.edit', { name: entry.name }) : msg('editor.directory.new')}
      onSubmit={submit}
      onCancel={onDone}
      saving={saveEntry.isLoading}
      general={general((k) => SHOWN.test(k))}
      invalid={invalid}
    >
      <DirectoryEntryBanners entry={entry} />
      {text('name', 'editor.directory.name', { required: true })}
      <TextArea id="rs-directory-description" label={msg('editor.directory.description')} value={values.description} onChange={(e) => set({ description: e.target.value })} error={errorAt('description')} />

      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.editor.directory.symbols`} /></Headline>
      {errorAt('symbols') ? <MessageBanner type="error"><span id="rs-directory-symbols-error">{errorAt('symbols')}</span></MessageBanner> : null}
      {values.symbols.map((s, i) => (
        <Row key={i}>
          <Col xs={3}>
            <TextField id={`rs-directory-symbol-${i}-authority`} label={msg('editor.directory.authority', { n: i + 1 })} required value={s.authority} onChange={(e) => setSymbol(i, { authority: e.target.value })} error={errorAt(`symbols[${i}].authority`)} />
          </Col>
          <Col xs={6}>
            <TextField id={`rs-directory-symbol-${i}-symbol`} label={msg('editor.directory.symbol', { n: i + 1 })} required value={s.symbol} onChange={(e) => setSymbol(i, { symbol: e.target.value })} error={errorAt(`symbols[${i}].symbol`)} />
          </Col>
          <Col xs={3}>
            <Button id={`rs-directory-symbol-${i}-remove`} aria-label={msg('editor.directory.removeSymbol', { n: i + 1 })} disabled={values.symbols.length === 1} onClick={() => set({ symbols: values.symbols.filter((_, j) => j !== i) })}>×</Button>
          </Col>
        </Row>
      ))}
      <Button id="rs-directory-add-symbol" onClick={() => set({ symbols: [...values.symbols, { authority: 'ISIL', symbol: '' }] })}>
        <FormattedMessage id={`${T}.editor.directory.addSymbol`} />
      </Button>

      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.editor.directory.agreement`} /></Headline>
      <Checkbox id="rs-directory-partner" label={msg('editor.directory.partner')} checked={values.partner} onChange={(e) => set({ partner: e.target.checked })} error={errorAt('partner')} />
      <Checkbox id="rs-directory-self" label={msg('editor.directory.self')} checked={values.self} onChange={(e) => set({ self: e.target.checked })} error={errorAt('self')} />
      <Checkbox id="rs-directory-viaBroker" label={msg('broker.directory.viaBroker')} checked={values.viaBroker} onChange={(e) => set({ viaBroker: e.target.checked })} error={errorAt('viaBroker')} />
      <Row>
        <Col xs={8}>{text('iso18626Endpoint', 'editor.directory.endpoint', { type: 'url' })}</Col>
        <Col xs={4}>
          <Select
            id="rs-directory-iso18626Version"
            label={msg('editor.directory.version')}
            value={values.iso18626Version}
            dataOptions={[{ value: '2017', label: 'ISO 18626:2017' }, { value: '2021', label: 'ISO 18626:2021' }]}
            onChange={(e) => set({ iso18626Version: e.target.value as DirectoryValues['iso18626Version'] })}
            error={errorAt('iso18626Version')}
          />
        </Col>
      </Row>
      <Row>
        <Col xs={6}>{text('sharedSecret', 'editor.directory.sharedSecret', { type: 'password' })}</Col>
        <Col xs={6}>{text('accountId', 'editor.directory.accountId', { type: 'password' })}</Col>
      </Row>
      <p className="rs-help"><FormattedMessage id={`${T}.editor.directory.secretsHelp`} /></p>
      {text('sruEndpoint', 'editor.directory.sruEndpoint', { type: 'url' })}

      <Headline size="medium" tag="h3"><FormattedMessage id={`${T}.editor.directory.lendingPolicy`} /></Headline>
      <Checkbox id="rs-directory-hasPolicy" label={msg('editor.directory.hasPolicy')} checked={values.hasPolicy} onChange={(e) => set({ hasPolicy: e.target.checked })} />
      {values.hasPolicy ? (
        <Row>
          <Col xs={3}><Checkbox id="rs-directory-returnables" label={msg('editor.directory.returnables')} checked={values.returnables} onChange={(e) => set({ returnables: e.target.checked })} error={errorAt('lendingPolicy.returnables')} /></Col>
          <Col xs={3}><Checkbox id="rs-directory-copies" label={msg('editor.directory.copies')} checked={values.copies} onChange={(e) => set({ copies: e.target.checked })} error={errorAt('lendingPolicy.copies')} /></Col>
          <Col xs={3}>
            <TextField id="rs-directory-formats" label={msg('editor.directory.formats')} value={values.formats} onChange={(e) => set({ formats: e.target.value })} error={errorAt('lendingPolicy.formats')} />
          </Col>
          <Col xs={3}>
            <InputField id="rs-directory-loanPeriodDays" type="number" label={msg('editor.directory.loanPeriodDays')} value={values.loanPeriodDays} onChange={(e) => set({ loanPeriodDays: e.target.value })} error={errorAt('lendingPolicy.loanPeriodDays')} />
          </Col>
        </Row>
      ) : null}
      {addressBlock('shippingAddress')}
      {addressBlock('returnAddress')}
    </EditorFrame>
  );
}
