// The product (the module, the app and its stand-alone host, the demo scripts and the simulators
// the demo runs) must work from a clone with nothing beside it: no import from the tests, and no
// reference to the reference material in ../shared (SHARED_DIR) except in the one place that uses it
// for optional validation. This reads every product source file and fails naming each offender.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from './support/shared.ts';

/** Folders whose code ships or runs in the demo. Tests inside them (`*.test.ts(x)`) are not product. */
const PRODUCT_DIRS = ['mod-resource-sharing/src', 'ui-resource-sharing/src', 'ui-resource-sharing/standalone', 'scripts', 'simulators'];
const PRODUCT_FILES = ['ui-resource-sharing/webpack.config.mjs'];
/** Folders of test code: nothing in the product may import from them. */
const TEST_DIRS = ['test', 'mod-resource-sharing/test', 'ui-resource-sharing/test'];
/** The only product file allowed to name SHARED_DIR / ../shared: the FOLIO simulator's optional schema check. */
const OPTIONAL_VALIDATION = new Set(['simulators/folio/folio-schemas.ts']);

const CODE = /\.(ts|tsx|js|cjs|mjs|jsx)$/;
const IS_TEST = /\.test\.(ts|tsx)$/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const SHARED_REFERENCE = /\.\.\/shared\b|SHARED_DIR|['"]\.\.['"]\s*,\s*['"]shared['"]/;

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...codeFiles(full));
    } else if (CODE.test(entry.name) && !IS_TEST.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

/** What is wrong with one product file (repository-relative `rel`, its text), one line per problem. */
export function boundaryViolations(rel: string, text: string): string[] {
  const problems: string[] = [];
  const dir = path.dirname(path.join(REPO_DIR, rel));
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (!spec.startsWith('.')) continue;
    const target = path.relative(REPO_DIR, path.resolve(dir, spec));
    if (TEST_DIRS.some((t) => target === t || target.startsWith(t + path.sep)) || IS_TEST.test(target)) {
      problems.push(`${rel} imports test code: '${spec}'`);
    }
  }
  if (!OPTIONAL_VALIDATION.has(rel)) {
    text.split('\n').forEach((line, i) => {
      if (SHARED_REFERENCE.test(line)) problems.push(`${rel}:${i + 1} refers to the reference material (../shared, SHARED_DIR): ${line.trim()}`);
    });
  }
  return problems;
}

describe('the product stands alone (no test code, no ../shared)', () => {
  it('the check notices an import from test/, from a module test folder, and a reference to ../shared', () => {
    assert.equal(boundaryViolations('scripts/demo/x.ts', "import { a } from '../../test/support/shared.ts';").length, 1);
    assert.equal(boundaryViolations('simulators/folio/x.ts', "const m = await import('../../mod-resource-sharing/test/host/ncip-fixtures.ts');").length, 1);
    assert.equal(boundaryViolations('mod-resource-sharing/src/x.ts', "export * from '../../test/flows/flow-support.ts';").length, 1);
    assert.equal(boundaryViolations('mod-resource-sharing/src/x.ts', "const dir = path.resolve(root, '..', 'shared');").length, 1);
    assert.equal(boundaryViolations('scripts/x.ts', 'const dir = process.env.SHARED_DIR;').length, 1);
    assert.deepEqual(boundaryViolations('scripts/x.ts', "import { x } from '../mod-resource-sharing/src/testing.ts';\nimport fs from 'node:fs';"), []);
  });

  it('no product file imports from the tests or refers to ../shared outside the optional validation', () => {
    const files = [
      ...PRODUCT_DIRS.flatMap((d) => codeFiles(path.join(REPO_DIR, d))),
      ...PRODUCT_FILES.map((f) => path.join(REPO_DIR, f)).filter((f) => statSync(f, { throwIfNoEntry: false })),
    ];
    assert.ok(files.length > 100, `only ${files.length} product files found`);
    const problems = files.flatMap((f) => boundaryViolations(path.relative(REPO_DIR, f), readFileSync(f, 'utf8')));
    assert.deepEqual(problems, []);
  });
});
