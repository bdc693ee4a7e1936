// The app must build inside a real FOLIO platform: every name it imports from `@folio/stripes/*`
// must exist there, and so must every export of the stand-in it is tested against.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

// Export names of the real packages, from shared/research/stripes-api.md (stripes-core 11.2,
// stripes-components 13.1, stripes-smart-components 10.1 index.js).
export const REAL_STRIPES_EXPORTS: Record<string, string[]> = {
  '@folio/stripes/core': [
    'RootContext', 'withRoot', 'CalloutContext', 'useCallout', 'stripesShape', 'withStripes', 'useStripes', 'StripesContext',
    'useModules', 'withModule', 'withModules', 'stripesConnect', 'Pluggable', 'updateUser', 'updateTenant', 'validateUser',
    'coreEvents', 'useOkapiKy', 'usePublicGatewayKy', 'withOkapiKy', 'useCustomFields', 'createReactQueryClient',
    'useAppOrderContext', 'isGuardable', 'AppContextMenu', 'IfInterface', 'IfPermission', 'IfAnyPermission', 'TitleManager',
    'HandlerManager', 'IntlConsumer', 'AppIcon', 'Route', 'Switch', 'Redirect', 'AuthenticatedError', 'ModuleHierarchyContext',
    'ModuleHierarchyProvider', 'useModuleHierarchy', 'useNamespace', 'withNamespace', 'LastVisitedContext', 'withLastVisited',
    'useChunkedCQLFetch', 'useChunkedIdTransformFetch', 'getUserTenantsPermissions', 'useSettings', 'useUserTenantPermissions',
    'useModuleInfo', 'usePreferences', 'useTenantPreferences', 'supportedLocales', 'supportedNumberingSystems', 'userLocaleConfig',
    'userOwnLocaleConfig', 'tenantLocaleConfig', 'getFullLocale', 'queryLimit', 'init', 'getOkapiSession', 'getTokenExpiry',
    'setTokenExpiry', 'registerServiceWorker', 'unregisterServiceWorker', 'getEventHandler', 'handleEvent',
  ],
  '@folio/stripes/components': [
    'Accordion', 'AccordionSet', 'AccordionStatus', 'DefaultAccordionHeader', 'FilterAccordionHeader', 'ExpandAllButton',
    'AutoSuggest', 'Badge', 'Button', 'ButtonGroup', 'Callout', 'Card', 'Checkbox', 'CommandList', 'HasCommand',
    'defaultKeyboardShortcuts', 'ConfirmationModal', 'Datepicker', 'Dropdown', 'DropdownMenu', 'DropdownButton', 'EmptyMessage',
    'ErrorModal', 'FilterGroups', 'FormattedDate', 'FormattedTime', 'FormattedUTCDate', 'Headline', 'Icon', 'IconButton',
    'InfoPopover', 'KeyValue', 'Label', 'Layer', 'Layout', 'Grid', 'Row', 'Col', 'List', 'Loading', 'LoadingPane', 'LoadingView',
    'MenuItem', 'MenuSection', 'MessageBanner', 'MetaSection', 'Modal', 'ModalFooter', 'MultiColumnList', 'MCLPagingTypes',
    'MultiSelection', 'NavList', 'NavListItem', 'NavListSection', 'NoValue', 'Pane', 'PaneBackLink', 'PaneCloseLink', 'PaneFooter',
    'PaneHeader', 'PaneHeaderIconButton', 'PaneMenu', 'PaneSubheader', 'Paneset', 'Popover', 'Popper', 'RadioButton',
    'RadioButtonGroup', 'RepeatableField', 'SearchField', 'Select', 'Selection', 'Spinner', 'SRStatus', 'TextArea', 'TextField',
    'TextLink', 'Timepicker', 'Tooltip', 'dayjs', 'getLocaleDateFormat', 'exportToCsv', 'countries', 'currencies', 'languages',
    'timezones',
  ],
  '@folio/stripes/smart-components': [
    'SearchAndSort', 'SearchAndSortQuery', 'SearchAndSortNoResultsMessage', 'SearchAndSortResetButton', 'SearchAndSortSearchButton',
    'CheckboxFilter', 'MultiSelectionFilter', 'DateRangeFilter', 'DATE_TYPES', 'ExpandFilterPaneButton', 'CollapseFilterPaneButton',
    'makeQueryFunction', 'buildUrl', 'parseFilters', 'StripesConnectedSource', 'Settings', 'ControlledVocab', 'ConfigManager',
    'EntryManager', 'EditableList', 'ViewMetaData', 'NotesSmartAccordion', 'Tags', 'TagsAccordion', 'UserName', 'LocationLookup',
    'LocationSelection', 'PersistedPaneset', 'ColumnManager',
  ],
};

// Type-only exports of the typings a platform build checks against (folio-org/stripes-types 3.1
// @288a560, `components|core|smart-components/index.d.ts`): importable as types, absent at run time.
export const REAL_STRIPES_TYPE_EXPORTS: Record<string, string[]> = {
  '@folio/stripes/core': ['StripesType', 'CalloutContextType', 'PluggableProps', 'IfInterfaceProps', 'IfPermissionProps', 'AppIconProps'],
  '@folio/stripes/components': ['PanesetProps', 'PaneProps', 'PaneHeaderProps', 'PaneMenuProps', 'PaneFooterProps', 'ButtonProps', 'TextFieldProps', 'TextAreaProps', 'SelectProps', 'CheckboxProps', 'MessageBannerProps', 'HeadlineProps', 'LayoutProps'],
  '@folio/stripes/smart-components': ['SettingsProps', 'SearchAndSortProps', 'CheckboxFilterProps', 'MultiSelectionFilterProps', 'DateRangeFilterProps'],
};

function knownExport(module: string, name: string): boolean {
  return Boolean(REAL_STRIPES_EXPORTS[module]?.includes(name) || REAL_STRIPES_TYPE_EXPORTS[module]?.includes(name));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** `import { a, b as c, type T } from '<module>'` and `export { x } from '<module>'` -> [module, names]. */
export function importedNames(source: string): Array<{ module: string; names: string[] }> {
  const found: Array<{ module: string; names: string[] }> = [];
  const re = /(?:import|export)\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:\{([^}]*)\}|\*\s+as\s+[\w$]+|([\w$]+))\s+from\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) {
    const [, braced, defaultName, module] = m;
    const names = braced
      ? braced.split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]).filter(Boolean)
      : [defaultName ? 'default' : '*'];
    found.push({ module, names });
  }
  return found;
}

describe('ui-resource-sharing: the Stripes contract', () => {
  const appFiles = sourceFiles(path.join(repo, 'ui-resource-sharing/src'));

  it('the parser sees named, aliased, type and default imports', () => {
    assert.deepEqual(importedNames("import { A, B as C, type D } from '@folio/stripes/core';\nimport X from '@folio/stripes/components';"), [
      { module: '@folio/stripes/core', names: ['A', 'B', 'D'] },
      { module: '@folio/stripes/components', names: ['default'] },
    ]);
  });

  it('the app imports from @folio/stripes/* only names the real packages export', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of appFiles) {
      for (const { module, names } of importedNames(readFileSync(file, 'utf8'))) {
        if (!module.startsWith('@folio/')) continue;
        for (const name of names) {
          checked += 1;
          if (!knownExport(module, name)) wrong.push(`${path.relative(repo, file)}: ${name} from ${module}`);
        }
      }
    }
    assert.ok(checked > 20, `expected the app to use Stripes (checked ${checked} names)`);
    assert.deepEqual(wrong, []);
  });

  it('the app never imports the stand-in directly', () => {
    const offenders = appFiles.filter((f) => importedNames(readFileSync(f, 'utf8')).some((i) => i.module.includes('standalone')));
    assert.deepEqual(offenders.map((f) => path.relative(repo, f)), []);
  });

  it('the stand-in exports nothing the real packages lack', () => {
    for (const [module, dir] of [['@folio/stripes/core', 'core'], ['@folio/stripes/components', 'components'], ['@folio/stripes/smart-components', 'smart-components']]) {
      const index = readFileSync(path.join(repo, 'ui-resource-sharing/standalone', dir, 'index.ts'), 'utf8');
      const extra = importedNames(index).flatMap((i) => i.names).filter((n) => !knownExport(module, n));
      assert.deepEqual(extra, [], `${module} stand-in exports names the real package does not have`);
    }
  });

  it('every translation id the app uses exists in en.json, and de.json has exactly the same keys', () => {
    const en = JSON.parse(readFileSync(path.join(repo, 'ui-resource-sharing/translations/ui-resource-sharing/en.json'), 'utf8')) as Record<string, string>;
    const de = JSON.parse(readFileSync(path.join(repo, 'ui-resource-sharing/translations/ui-resource-sharing/de.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(de)) assert.ok(v.trim() !== '', `de.json: ${k} is empty`);
    const missing: string[] = [];
    for (const file of appFiles.filter((f) => !f.endsWith('permissions.ts'))) {
      const source = readFileSync(file, 'utf8');
      // literal ids: `${T}.a.b` or 'ui-resource-sharing.a.b' (ids built from data are checked by the screens' tests)
      for (const m of source.matchAll(/(?:\$\{T\}\.|'ui-resource-sharing\.)([A-Za-z0-9_.]+)(?=[`'])/g)) {
        if (!(m[1] in en)) missing.push(`${path.relative(repo, file)}: ${m[1]}`);
      }
    }
    // Stripes shows a visible permission set `ui-x.a.b` with the translation `ui-x.permission.a.b`
    const pkg = JSON.parse(readFileSync(path.join(repo, 'ui-resource-sharing/package.json'), 'utf8')) as {
      stripes: { displayName: string; permissionSets: Array<{ permissionName: string; visible?: boolean }> };
    };
    for (const set of pkg.stripes.permissionSets.filter((p) => p.visible)) {
      const key = set.permissionName.replace(/^ui-resource-sharing\./, 'permission.');
      if (!(key in en)) missing.push(`package.json: ${key}`);
    }
    if (!(pkg.stripes.displayName.replace(/^ui-resource-sharing\./, '') in en)) missing.push('package.json: displayName');
    assert.deepEqual(missing, []);
  });
});
