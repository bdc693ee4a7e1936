// The app must run against the real Stripes: every prop it passes to a `@folio/stripes/*`
// component must be one the real component takes (test/stripes-props.ts, from
// shared/research/stripes-api.md), and the stand-in may not declare props the real one lacks.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { REACT_PROPS, STRIPES_PROPS, takesProp, type StripesModule } from '../test/stripes-props.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const uiRoot = path.resolve(here, '..');

const STRIPES_MODULES = Object.keys(STRIPES_PROPS) as StripesModule[];

function isStripesModule(name: string): name is StripesModule {
  return (STRIPES_MODULES as string[]).includes(name);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

interface PropProblem {
  line: number;
  component: string;
  prop: string;
}

/** The names of a type literal's or object literal's members; undefined when one is not a plain name. */
function memberNames(members: ts.NodeArray<ts.TypeElement | ts.ObjectLiteralElementLike>): string[] | undefined {
  const names: string[] = [];
  for (const m of members) {
    if (!m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) return undefined;
    names.push(m.name.text);
  }
  return names;
}

/**
 * The keys a JSX spread can carry, when the file itself says: an object literal, or a name declared
 * in an enclosing function's parameters or block with a type literal (`extra: { required?: boolean }`)
 * or, without a type, an object literal initialiser (also behind a cast). Anything else: undefined (not checkable).
 */
function spreadKeys(expression: ts.Expression): string[] | undefined {
  // a cast (`{...(x as unknown as SettingsProps)}`) carries what `x` carries
  if (ts.isAsExpression(expression) || ts.isParenthesizedExpression(expression)) return spreadKeys(expression.expression);
  if (ts.isObjectLiteralExpression(expression)) return memberNames(expression.properties);
  if (!ts.isIdentifier(expression)) return undefined;
  const name = expression.text;
  const fromDeclaration = (decl: ts.ParameterDeclaration | ts.VariableDeclaration): string[] | undefined => {
    if (decl.type) return ts.isTypeLiteralNode(decl.type) ? memberNames(decl.type.members) : undefined;
    return decl.initializer && ts.isObjectLiteralExpression(decl.initializer) ? memberNames(decl.initializer.properties) : undefined;
  };
  for (let node: ts.Node | undefined = expression.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node)) {
      const param = node.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (param) return fromDeclaration(param);
    }
    if (ts.isBlock(node) || ts.isSourceFile(node)) {
      for (const st of node.statements) {
        if (!ts.isVariableStatement(st)) continue;
        const decl = st.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
        if (decl) return fromDeclaration(decl);
      }
    }
  }
  return undefined;
}

/**
 * Every JSX attribute passed to a component imported from `@folio/stripes/*` that the real
 * component does not take. A spread counts as a problem unless `spreadKeys` can name what it
 * carries; then those names are checked. Components without an entry in STRIPES_PROPS are
 * reported with prop `(no entry in test/stripes-props.ts)`.
 */
export function wrongStripesProps(fileName: string, text: string): PropProblem[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const named = new Map<string, { module: StripesModule; name: string }>();
  const namespaces = new Map<string, StripesModule>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const module = st.moduleSpecifier.text;
    const bindings = st.importClause?.namedBindings;
    if (!isStripesModule(module) || !bindings) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, module);
    else for (const el of bindings.elements) named.set(el.name.text, { module, name: (el.propertyName ?? el.name).text });
  }

  const resolveTag = (tag: ts.JsxTagNameExpression): { module: StripesModule; name: string } | undefined => {
    if (ts.isIdentifier(tag)) return named.get(tag.text);
    if (ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression)) {
      const module = namespaces.get(tag.expression.text);
      return module ? { module, name: tag.name.text } : undefined;
    }
    return undefined;
  };

  const problems: PropProblem[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const target = resolveTag(node.tagName);
      if (target) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const contract = STRIPES_PROPS[target.module][target.name];
        const report = (prop: string) => problems.push({ line, component: target.name, prop });
        if (!contract) report('(no entry in test/stripes-props.ts)');
        else {
          for (const attr of node.attributes.properties) {
            if (ts.isJsxAttribute(attr)) {
              const prop = attr.name.getText(sf);
              if (!takesProp(contract, prop)) report(prop);
            } else {
              const keys = spreadKeys(attr.expression);
              if (!keys) report(`{...${attr.expression.getText(sf)}}`);
              for (const key of keys ?? []) if (!takesProp(contract, key)) report(key);
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

/** A name an index signature of key type `key` admits: `data-test-x` for `data-test-${string}`, and so on. */
function indexSample(key: string): string {
  const m = /^`((?:data|aria)-(?:test-)?)\$\{string\}`$/.exec(key);
  return m ? `${m[1]}x` : `[index: ${key}]`;
}

/** The prop names each exported component of a stand-in entry point declares, by export name. */
function standInDeclaredProps(program: ts.Program, entry: string): Map<string, string[]> {
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(entry);
  assert.ok(sf, `${entry} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  assert.ok(moduleSymbol, `${entry} has no module symbol`);
  const result = new Map<string, string[]>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!/^[A-Z]/.test(exported.name) || !(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
    const signature = checker.getTypeOfSymbol(symbol).getCallSignatures()[0];
    if (!signature) continue; // a context or constant (StripesContext, MCLPagingTypes)
    const propsParam = signature.getParameters()[0];
    const propsType = propsParam ? checker.getTypeOfSymbol(propsParam) : undefined;
    const names = propsType ? checker.getPropertiesOfType(propsType).map((p) => p.getName()) : [];
    // index signatures such as [k: `data-${string}`]: reported as a sample name (`data-x`, `data-test-x`, `aria-x`)
    const indexed = propsType ? checker.getIndexInfosOfType(propsType).map((info) => indexSample(checker.typeToString(info.keyType))) : [];
    result.set(exported.name, [...names, ...indexed].filter((n) => !REACT_PROPS.includes(n)));
  }
  return result;
}

const STAND_IN_ENTRIES: Record<StripesModule, string> = {
  '@folio/stripes/core': 'standalone/core/index.ts',
  '@folio/stripes/components': 'standalone/components/index.ts',
  '@folio/stripes/smart-components': 'standalone/smart-components/index.ts',
};

describe('ui-resource-sharing: Stripes component props', () => {
  it('the check reports props, spreads and components the real Stripes does not have', () => {
    const source = `
      import { Button, KeyValue as KV, Pane } from '@folio/stripes/components';
      import * as Smart from '@folio/stripes/smart-components';
      import { Thing } from './local.tsx';
      const a = <Button buttonStyle="primary" colour="red" aria-pressed data-test-x id="b" key="k">x</Button>;
      const b = <KV label="l" data-test-count="3" data-foo="f" />;
      const c = <Pane defaultWidth="fill" aria-label="p" {...rest} />;
      const d = <Smart.CheckboxFilter name="n" dataOptions={[]} onChange={f} open />;
      const e = <Smart.Settings {...{ match, pages, extra: 1 }} />;
      const f = <Thing anything="goes" />;
      const g = (extra: { required?: boolean; colour?: string }) => <Pane defaultWidth="fill" {...extra} />;
      const h = (props: AppProps) => <Pane {...props} />;
    `;
    assert.deepEqual(wrongStripesProps('fixture.tsx', source).map((p) => `${p.line} ${p.component}.${p.prop}`), [
      '5 Button.colour',
      '6 KeyValue.data-foo',
      '7 Pane.aria-label',
      '7 Pane.{...rest}',
      '8 CheckboxFilter.open',
      '9 Settings.extra',
      '11 Pane.required',
      '11 Pane.colour',
      '12 Pane.{...props}',
    ]);
  });

  it('the app passes Stripes components only props the real components take', () => {
    const problems: string[] = [];
    let files = 0;
    for (const file of sourceFiles(path.join(uiRoot, 'src'))) {
      const found = wrongStripesProps(file, readFileSync(file, 'utf8'));
      files += 1;
      for (const p of found) problems.push(`${path.relative(uiRoot, file)}:${p.line} <${p.component}> ${p.prop}`);
    }
    assert.ok(files > 20, `expected to check the app's source files (checked ${files})`);
    assert.deepEqual(problems, []);
  });

  it('the stand-in declares only props the real components take, and every component it exports is listed', function () {
    this.timeout(120_000);
    const configPath = path.join(uiRoot, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    assert.ok(config, 'ui-resource-sharing/tsconfig.json could not be read');
    const entries = Object.values(STAND_IN_ENTRIES).map((e) => path.join(uiRoot, e));
    const program = ts.createProgram(entries, { ...config.options, noEmit: true });
    const extra: string[] = [];
    let components = 0;
    for (const [module, entry] of Object.entries(STAND_IN_ENTRIES) as Array<[StripesModule, string]>) {
      for (const [component, declared] of standInDeclaredProps(program, path.join(uiRoot, entry))) {
        components += 1;
        const contract = STRIPES_PROPS[module][component];
        if (!contract) {
          extra.push(`${module} ${component}: no entry in test/stripes-props.ts`);
          continue;
        }
        for (const prop of declared) if (!takesProp(contract, prop)) extra.push(`${module} ${component}: ${prop}`);
      }
    }
    // sanity: the type reading sees the stand-in's props at all
    const button = standInDeclaredProps(program, path.join(uiRoot, STAND_IN_ENTRIES['@folio/stripes/components'])).get('Button');
    assert.ok(button?.includes('buttonStyle') && button.includes('to'), `Button props not read: ${String(button)}`);
    assert.ok(components >= 30, `expected the stand-in's components (found ${components})`);
    assert.deepEqual(extra, []);
  });
});
