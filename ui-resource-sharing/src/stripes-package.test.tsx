// The app package as a FOLIO platform takes it in: stripes-webpack's translations plugin reads
// `<package>/translations/<module>/*.json`, its module parser reads the `stripes` block and
// `icons/<name>.svg`, npm publishes what `files` lets through, and stripes-cli loads a CommonJS
// stripes.config.js beside the package.json. Checked on the package itself, not on a copy of it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.resolve(here, '..');
const repo = path.resolve(appDir, '..');

interface StripesIcon { name: string; fileName?: string; alt?: string; title?: string }
interface AppPackage {
  name: string;
  version: string;
  type?: string;
  main: string;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  stripes: { actsAs: unknown; hasSettings?: unknown; icons?: StripesIcon[]; okapiInterfaces?: Record<string, string> };
}

const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as AppPackage;

/** stripes-webpack's getModuleName: the package name without its scope, `ui-` unless it starts with `stripes-`. */
function stripesModuleName(packageName: string): string {
  const name = packageName.replace(/.*\//, '');
  return name.startsWith('stripes-') ? name : `ui-${name}`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Bare module specifiers the file imports for run time (`import type` and `type`-only lists left out). */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    const [, typeOnly, clause, spec] = m;
    if (typeOnly || spec.startsWith('.') || spec.startsWith('node:')) continue;
    const braced = /^\{([^}]*)\}$/.exec(clause.trim());
    if (braced && braced[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    found.push(spec);
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) if (!m[1].startsWith('.')) found.push(m[1]);
  return found;
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// folio-org/stripes-webpack webpack/tsconfig.json, the configFile of its ts-loader rule
// (webpack/typescript-loader-rule.js): what a platform build type-checks every .ts/.tsx file with.
const STRIPES_WEBPACK_COMPILER_OPTIONS = {
  noImplicitAny: true,
  esModuleInterop: true,
  jsx: 'react-jsx',
  lib: ['esnext', 'dom'],
  module: 'esnext',
  moduleResolution: 'node',
  resolveJsonModule: true,
};

describe('ui-resource-sharing: the package a platform takes in', () => {
  it('type-checks src with exactly the compiler options of stripes-webpack, in npm run typecheck', () => {
    const config = JSON.parse(readFileSync(path.join(appDir, 'tsconfig.stripes.json'), 'utf8')) as { compilerOptions: Record<string, unknown>; include: string[] };
    const { noEmit, paths, ...options } = config.compilerOptions;
    assert.deepEqual(options, STRIPES_WEBPACK_COMPILER_OPTIONS);
    assert.equal(noEmit, true);
    // paths only stand in for the platform packages npmjs does not have
    assert.deepEqual(Object.keys(paths as object).sort(), ['@folio/stripes/components', '@folio/stripes/core', '@folio/stripes/smart-components']);
    assert.deepEqual(config.include, ['src/**/*.ts', 'src/**/*.tsx']);
    const rootScripts = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const appScripts = (pkg as unknown as { scripts: Record<string, string> }).scripts;
    assert.match(rootScripts.test, /npm run typecheck/);
    assert.match(rootScripts.typecheck, /npm run typecheck -w ui-resource-sharing/);
    assert.match(appScripts.typecheck, /tsc -p tsconfig\.stripes\.json/);
  });

  it('those options refuse what a platform build refuses: .ts extensions in imports, ES2015 iteration, implicit any', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rs-stripes-tsc-'));
    try {
      writeFileSync(path.join(dir, 'b.ts'), 'export const b = 1;\n');
      writeFileSync(path.join(dir, 'a.ts'), [
        "import { b } from './b.ts';",
        'const seen = new Map<string, number>([["x", b]]);',
        'for (const key of seen.keys()) console.log(key);',
        'export function f(x) { return x; }',
      ].join('\n'));
      const { options } = ts.convertCompilerOptionsFromJson({ ...STRIPES_WEBPACK_COMPILER_OPTIONS, noEmit: true, types: [] }, dir);
      const program = ts.createProgram([path.join(dir, 'a.ts')], options);
      const codes = ts.getPreEmitDiagnostics(program).map((d) => d.code);
      assert.ok(codes.includes(5097), `an import ending in .ts (TS5097); got ${codes.join(', ')}`);
      assert.ok(codes.includes(2802), `Map iteration without target ES2015 (TS2802); got ${codes.join(', ')}`);
      assert.ok(codes.includes(7006), `implicit any (TS7006); got ${codes.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its translations where stripes-translations-plugin reads them: <package>/translations/ui-resource-sharing/<language>.json', () => {
    const dir = path.join(appDir, 'translations', stripesModuleName(pkg.name));
    assert.equal(stripesModuleName(pkg.name), 'ui-resource-sharing');
    const entries = readdirSync(dir, { withFileTypes: true });
    assert.ok(entries.some((e) => e.name === 'en.json'), 'en.json is the base every language is layered over');
    for (const e of entries) {
      // the plugin parses every entry as a language file and skips what is not a plain file (a symlink is not)
      assert.ok(e.isFile(), `${e.name}: the plugin reads only plain files`);
      assert.match(e.name, /^[a-z]{2,3}(_[A-Z]{2})?\.json$/, `${e.name}: the plugin takes every file's name as a language`);
      const messages = JSON.parse(readFileSync(path.join(dir, e.name), 'utf8')) as Record<string, unknown>;
      assert.ok(Object.values(messages).every((v) => typeof v === 'string'), `${e.name}: flat map of ICU strings`);
      assert.ok(!Object.keys(messages).some((k) => k.startsWith('ui-resource-sharing.')), `${e.name}: keys without the module prefix (the plugin adds it)`);
    }
  });

  it('still answers the root layout translations/ui-resource-sharing/ with the same files', () => {
    const root = path.join(repo, 'translations', 'ui-resource-sharing');
    assert.equal(realpathSync(root), realpathSync(path.join(appDir, 'translations', 'ui-resource-sharing')));
    assert.deepEqual(readFileSync(path.join(root, 'de.json')), readFileSync(path.join(appDir, 'translations/ui-resource-sharing/de.json')));
  });

  it('has the icon files its stripes block names (stripes-webpack looks for icons/<name>.svg and .png)', () => {
    assert.ok(pkg.stripes.icons && pkg.stripes.icons.length > 0, 'an app without icons gets a build warning');
    for (const icon of pkg.stripes.icons) {
      const file = path.join(appDir, 'icons', `${icon.fileName ?? icon.name}.svg`);
      const svg = readFileSync(file, 'utf8');
      assert.match(svg, /^<svg\b[^>]*\bxmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*\bviewBox="0 0 \d+ \d+"/, `${file}: a standalone, scalable SVG`);
      assert.match(svg, /<\/svg>\s*$/);
      // the "low" variant; without it the module parser warns
      const png = readFileSync(path.join(appDir, 'icons', `${icon.fileName ?? icon.name}.png`));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
      assert.ok(icon.alt, 'the icon has alternative text');
    }
  });

  it('says what it acts as the way stripes-webpack reads it (an actsAs array; hasSettings would be ignored)', () => {
    assert.deepEqual(pkg.stripes.actsAs, ['app', 'settings']);
    assert.equal(pkg.stripes.hasSettings, undefined, 'with actsAs an array stripes-webpack never reads hasSettings');
    assert.deepEqual(pkg.stripes.okapiInterfaces, { 'resource-sharing': '1.0' });
  });

  it('has the version of the repository', () => {
    const root = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, root.version);
  });

  it('lets a CommonJS stripes.config.js beside its package.json load (the package is not "type": "module")', () => {
    assert.notEqual(pkg.type, 'module');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rs-stripes-config-'));
    try {
      copyFileSync(path.join(appDir, 'package.json'), path.join(dir, 'package.json'));
      writeFileSync(path.join(dir, 'stripes.config.js'), "module.exports = { config: { hasAllPerms: false }, modules: { '@folio/resource-sharing': {} } };\n");
      const config = createRequire(path.join(dir, 'x.js'))('./stripes.config.js') as { modules: Record<string, unknown> };
      assert.ok('@folio/resource-sharing' in config.modules);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares every package the app imports at run time as a dependency or peer, not only as a devDependency', () => {
    const runtime = { ...pkg.dependencies, ...pkg.peerDependencies };
    const missing = new Set<string>();
    let seen = 0;
    for (const file of sourceFiles(here)) {
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        seen += 1;
        const name = packageOf(spec);
        // `@folio/stripes/*` is the platform itself (the optional @folio/stripes peer)
        if (!(name in runtime)) missing.add(`${name} (${path.relative(appDir, file)})`);
      }
    }
    assert.ok(seen > 50, `expected many imports, saw ${seen}`);
    assert.deepEqual([...missing], []);
    assert.ok(runtime['@apollo/client'] && runtime.graphql, 'the request detail and dashboard run on Apollo and graphql');
  });

  it('publishes the app, its translations and icon, and neither the stand-in nor the tests', function () {
    this.timeout(60_000);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--workspace', 'ui-resource-sharing'], { cwd: repo, encoding: 'utf8' });
    const [packed] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
    const files = packed.files.map((f) => f.path);
    for (const wanted of [pkg.main, 'translations/ui-resource-sharing/en.json', 'translations/ui-resource-sharing/de.json', 'icons/app.svg', 'icons/app.png', 'src/css-modules.d.ts', 'src/components/RoleSwitch.css']) {
      assert.ok(files.includes(wanted), `${wanted} is published`);
    }
    const unwanted = files.filter((f) => /^(standalone|test|dist)\//.test(f) || /\.test\.tsx?$/.test(f) || /^webpack\.config/.test(f));
    assert.deepEqual(unwanted, []);
  });
});
