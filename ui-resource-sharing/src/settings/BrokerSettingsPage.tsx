/** @jsxRuntime automatic @jsxImportSource react */
// Settings → Broker mode: how this library's requests travel (peer to peer, through the
// consortium's broker, or both, rota profiles and partners deciding), the broker itself (symbol,
// ISO 18626 endpoint and version, opaque or transparent, the credentials agreed with it) and the
// shared directory service. Peer to peer without a broker saves `broker: null`, as the module has it
// when broker mode was never set. Saving sends back what it read, changed only where the user
// changed it; the masked secrets go back as masks, which keep what is stored.
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Checkbox, Headline, MessageBanner, Select, TextField } from '@folio/stripes/components';
import { DATE_TIME } from '../components/DateTime';
import { InputField } from '../components/InputField';
import { T } from '../utils/labels';
import { WithTenantSettings } from './editors/WithTenantSettings';
import { keepUnchanged } from './editors/settings-fields';
import type { TenantSettings } from './editors/config-types';
import { EditorFrame } from './editors/EditorFrame';
import { useSettingsEditor } from './editors/use-settings-editor';

type Routing = 'peer' | 'broker' | 'both';

/** The module's BrokerSettings and SharedDirectorySettings, as the settings API answers them. */
interface BrokerSettings {
  broker?: {
    routing: Routing;
    symbol: string;
    endpoint: string;
    version?: '2017' | '2021';
    mode: 'opaque' | 'transparent';
    sharedSecret?: string;
    accountId?: string;
    authentication?: 'required' | 'notRequired';
    /** read-only, kept by the module */
    authenticationFailures?: { count: number; lastDate: string; lastReason: string };
  } | null;
  sharedDirectory?: { url: string; partners?: boolean } | null;
}

interface Values {
  routing: Routing;
  symbol: string;
  endpoint: string;
  version: '2017' | '2021';
  mode: 'opaque' | 'transparent';
  sharedSecret: string;
  accountId: string;
  /** '' leaves it to the module: required exactly when a secret is set */
  authentication: '' | 'required' | 'notRequired';
  directoryUrl: string;
  directoryPartners: boolean;
}

function valuesOf(s: BrokerSettings): Values {
  const b = s.broker;
  return {
    routing: b?.routing ?? 'peer',
    symbol: b?.symbol ?? '',
    endpoint: b?.endpoint ?? '',
    version: b?.version ?? '2017',
    mode: b?.mode ?? 'opaque',
    sharedSecret: b?.sharedSecret ?? '',
    accountId: b?.accountId ?? '',
    authentication: b?.authentication ?? '',
    directoryUrl: s.sharedDirectory?.url ?? '',
    directoryPartners: s.sharedDirectory?.partners ?? true,
  };
}

/** A broker is set up (or has to be): anything but peer to peer with no broker named. */
const hasBroker = (v: Values) => v.routing !== 'peer' || v.symbol.trim() !== '' || v.endpoint.trim() !== '';

function validate(v: Values): Record<string, string> {
  const e: Record<string, string> = {};
  if (hasBroker(v)) {
    if (!v.symbol.trim()) e['broker.symbol'] = 'validation.required';
    else if (!/^[A-Za-z0-9_-]{1,32}:\S{1,100}$/.test(v.symbol.trim())) e['broker.symbol'] = 'broker.settings.error.symbol';
    if (!v.endpoint.trim()) e['broker.endpoint'] = 'validation.required';
    else if (!/^https?:\/\/\S+$/.test(v.endpoint.trim())) e['broker.endpoint'] = 'validation.url';
  }
  if (v.directoryUrl.trim() && !/^https?:\/\/\S+$/.test(v.directoryUrl.trim())) e['sharedDirectory.url'] = 'validation.url';
  return e;
}

function settingsOf(v: Values): BrokerSettings {
  return {
    broker: hasBroker(v)
      ? {
          routing: v.routing,
          symbol: v.symbol.trim(),
          endpoint: v.endpoint.trim(),
          version: v.version,
          mode: v.mode,
          ...(v.sharedSecret ? { sharedSecret: v.sharedSecret } : {}),
          ...(v.accountId ? { accountId: v.accountId } : {}),
          ...(v.authentication ? { authentication: v.authentication } : {}),
        }
      : null,
    sharedDirectory: v.directoryUrl.trim() ? { url: v.directoryUrl.trim(), partners: v.directoryPartners } : null,
  };
}

/** The PUT body: what was read, changed only where the user changed it. */
function patchOf(stored: BrokerSettings, initial: Values, v: Values): BrokerSettings {
  const before = settingsOf(initial);
  const after = settingsOf(v);
  return {
    // a failure count sent back is ignored by the module: its own count stays
    broker: keepUnchanged(stored.broker ?? null, before.broker, after.broker) as BrokerSettings['broker'],
    sharedDirectory: keepUnchanged(stored.sharedDirectory ?? null, before.sharedDirectory, after.sharedDirectory) as BrokerSettings['sharedDirectory'],
  };
}

const SHOWN = new Set(['broker', 'broker.routing', 'broker.symbol', 'broker.endpoint', 'broker.version', 'broker.mode', 'broker.sharedSecret', 'broker.accountId', 'broker.authentication', 'sharedDirectory', 'sharedDirectory.url']);

function BrokerSettingsForm({ id, label, stored }: { id: string; label: ReactNode; stored: BrokerSettings }) {
  const intl = useIntl();
  const msg = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: `${T}.${key}` }, values);
  const { values, set, errorAt, frame } = useSettingsEditor<Values>(
    () => valuesOf(stored),
    validate,
    (initial, v) => patchOf(stored, initial, v) as Partial<TenantSettings>,
  );
  const refused = stored.broker?.authenticationFailures;
  return (
    <EditorFrame
      id={id}
      title={label}
      {...frame((k) => SHOWN.has(k))}
    >
      {refused?.count ? (
        <MessageBanner type="warning">
          <span id="rs-broker-refused">
            {msg('broker.settings.refused', { count: refused.count, date: intl.formatDate(refused.lastDate, DATE_TIME), reason: refused.lastReason })}
          </span>
        </MessageBanner>
      ) : null}
      <Select id="rs-broker-routing" label={msg('broker.settings.routing')} value={values.routing}
        dataOptions={(['peer', 'broker', 'both'] as const).map((r) => ({ value: r, label: msg(`broker.settings.routing.${r}`) }))}
        onChange={(e) => set('routing', e.target.value as Routing)} error={errorAt('broker.routing') ?? errorAt('broker')} />
      <p className="rs-help">{msg('broker.settings.help')}</p>

      <Headline size="medium" tag="h3">{msg('broker.settings.theBroker')}</Headline>
      <TextField id="rs-broker-symbol" label={msg('broker.settings.symbol')} required={hasBroker(values)} value={values.symbol}
        onChange={(e) => set('symbol', e.target.value)} error={errorAt('broker.symbol')} />
      <TextField id="rs-broker-endpoint" label={msg('broker.settings.endpoint')} required={hasBroker(values)} value={values.endpoint}
        onChange={(e) => set('endpoint', e.target.value)} error={errorAt('broker.endpoint')} />
      <Select id="rs-broker-version" label={msg('broker.settings.version')} value={values.version}
        dataOptions={[{ value: '2017', label: 'ISO 18626:2017' }, { value: '2021', label: 'ISO 18626:2021' }]}
        onChange={(e) => set('version', e.target.value as Values['version'])} error={errorAt('broker.version')} />
      <Select id="rs-broker-mode" label={msg('broker.settings.mode')} value={values.mode}
        dataOptions={(['opaque', 'transparent'] as const).map((m) => ({ value: m, label: msg(`broker.settings.mode.${m}`) }))}
        onChange={(e) => set('mode', e.target.value as Values['mode'])} error={errorAt('broker.mode')} />
      <InputField id="rs-broker-sharedSecret" type="password" label={msg('broker.settings.sharedSecret')} value={values.sharedSecret}
        onChange={(e) => set('sharedSecret', e.target.value)} error={errorAt('broker.sharedSecret')} />
      <InputField id="rs-broker-accountId" type="password" label={msg('broker.settings.accountId')} value={values.accountId}
        onChange={(e) => set('accountId', e.target.value)} error={errorAt('broker.accountId')} />
      <Select id="rs-broker-authentication" label={msg('broker.settings.authentication')} value={values.authentication}
        dataOptions={(['', 'required', 'notRequired'] as const).map((a) => ({ value: a, label: msg(`broker.settings.authentication.${a || 'default'}`) }))}
        onChange={(e) => set('authentication', e.target.value as Values['authentication'])} error={errorAt('broker.authentication')} />
      <p className="rs-help">{msg('editor.directory.secretsHelp')}</p>

      <Headline size="medium" tag="h3">{msg('broker.settings.sharedDirectoryHeading')}</Headline>
      <TextField id="rs-broker-directory-url" label={msg('broker.settings.sharedDirectory')} value={values.directoryUrl}
        onChange={(e) => set('directoryUrl', e.target.value)} error={errorAt('sharedDirectory.url') ?? errorAt('sharedDirectory')} />
      <Checkbox id="rs-broker-directory-partners" label={msg('broker.settings.sharedDirectoryPartners')} checked={values.directoryPartners}
        disabled={!values.directoryUrl.trim()} onChange={(e) => set('directoryPartners', e.target.checked)} />
    </EditorFrame>
  );
}

/** Settings → Broker mode. */
export function BrokerSettingsPage({ label }: { label?: ReactNode }) {
  const id = 'rs-settings-broker';
  return <WithTenantSettings id={id} label={label}>{(stored) => <BrokerSettingsForm id={id} label={label} stored={stored as unknown as BrokerSettings} />}</WithTenantSettings>;
}
