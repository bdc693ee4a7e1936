import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { REPO_DIR, referenceFile } from '../../../test/support/shared.ts';
import { startModule, type RunningModule } from '../../../test/support/module-harness.ts';

interface Handler {
  methods: string[];
  pathPattern: string;
  permissionsRequired?: string[];
  permissionsDesired?: string[];
  modulePermissions?: string[];
  unit?: string;
  delay?: string;
}
interface Interface {
  id: string;
  version: string;
  interfaceType?: string;
  handlers?: Handler[];
}
interface Descriptor {
  id: string;
  provides: Interface[];
  requires: { id: string; version: string }[];
  permissionSets: { permissionName: string; subPermissions?: string[] }[];
}

const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

/** Okapi's own descriptor schemas (reference files: the test in `ctx` is skipped without them). */
function okapiValidator(ctx: Mocha.Context) {
  const ajv = new Ajv04({ strict: false, allErrors: true });
  addFormats(ajv);
  const dir = referenceFile(ctx, 'folio', 'okapi');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('example'))) {
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    delete schema.id;
    ajv.addSchema(schema, pathToFileURL(path.join(dir, file)).href);
  }
  return ajv.getSchema(pathToFileURL(path.join(dir, 'ModuleDescriptor.json')).href)!;
}

/** `/a/{id}/b` in the descriptor is `/a/:id/b` in the server. */
const toServerPath = (pattern: string) => pattern.replace(/\{([^}]+)\}/g, ':$1');

describe('ModuleDescriptor', () => {
  const md = resolvedDescriptor() as unknown as Descriptor;
  let mod: RunningModule;
  before(async () => {
    mod = await startModule();
  });
  after(() => mod.close());

  it('ModuleDescriptor.json is the template resolved with the package version (npm run build:descriptor)', () => {
    const written = JSON.parse(readFileSync(path.join(REPO_DIR, 'ModuleDescriptor.json'), 'utf8'));
    assert.deepEqual(written, md);
    const pkg = JSON.parse(readFileSync(path.join(REPO_DIR, 'mod-resource-sharing', 'package.json'), 'utf8'));
    assert.equal(md.id, `mod-resource-sharing-${pkg.version}`);
  });

  it("validates against Okapi's own ModuleDescriptor schema, which forbids unknown fields", function () {
    const validate = okapiValidator(this);
    const ok = validate(md);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    const broken = { ...md, provides: [{ ...md.provides[0], handler: [] }] };
    assert.equal(validate(broken), false, 'the schema check would notice a misspelt field');
  });

  it('declares resource-sharing 1.0, _tenant 2.0 and _timer 1.0', () => {
    const ids = Object.fromEntries(md.provides.map((i) => [i.id, i.version]));
    assert.equal(ids['resource-sharing'], '1.0');
    assert.equal(ids._tenant, '2.0');
    assert.equal(ids._timer, '1.0');
  });

  it('every route the server registers is declared with permissions, or is deliberately public', () => {
    const declared = new Map<string, Handler & { iface: string }>();
    for (const iface of md.provides) {
      for (const h of iface.handlers ?? []) {
        for (const m of h.methods) declared.set(`${m} ${toServerPath(h.pathPattern)}`, { ...h, iface: iface.id });
      }
    }
    const undeclared: string[] = [];
    for (const route of mod.app.registeredRoutes) {
      if (route.public) continue; // /admin/health: public by FOLIO convention, never declared
      const key = `${route.method} ${route.url}`;
      const handler = declared.get(key);
      if (!handler) {
        undeclared.push(key);
        continue;
      }
      const isSystem = handler.iface.startsWith('_');
      const isPublicByDesign = Array.isArray(handler.permissionsRequired) && handler.permissionsRequired.length === 0;
      assert.ok(
        isSystem || isPublicByDesign || (handler.permissionsRequired?.length ?? 0) > 0,
        `${key} has no permissionsRequired`,
      );
    }
    assert.deepEqual(undeclared, [], 'routes missing from the descriptor');
  });

  it('every declared handler exists in the server', () => {
    const served = new Set(mod.app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    const missing: string[] = [];
    for (const iface of md.provides) {
      for (const h of iface.handlers ?? []) {
        for (const m of h.methods) {
          const key = `${m} ${toServerPath(h.pathPattern)}`;
          if (!served.has(key)) missing.push(key);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  it('every permission a handler names is defined, and the sets only contain defined permissions', () => {
    const defined = new Set(md.permissionSets.map((p) => p.permissionName));
    for (const iface of md.provides) {
      for (const h of iface.handlers ?? []) {
        for (const p of [...(h.permissionsRequired ?? []), ...(h.permissionsDesired ?? [])]) {
          assert.ok(defined.has(p), `${h.pathPattern} names undefined permission ${p}`);
        }
      }
    }
    for (const set of md.permissionSets) {
      for (const sub of set.subPermissions ?? []) assert.ok(defined.has(sub), `${set.permissionName} includes undefined ${sub}`);
    }
    const all = md.permissionSets.find((p) => p.permissionName === 'resource-sharing.all');
    assert.ok(all, 'resource-sharing.all exists');
    // resource-sharing.all reaches every fine-grained permission
    const expand = (name: string, seen = new Set<string>()): Set<string> => {
      seen.add(name);
      for (const sub of md.permissionSets.find((p) => p.permissionName === name)?.subPermissions ?? []) {
        if (!seen.has(sub)) expand(sub, seen);
      }
      return seen;
    };
    const reach = expand('resource-sharing.all');
    const fine = md.permissionSets.filter((p) => !p.subPermissions?.length).map((p) => p.permissionName);
    assert.deepEqual(fine.filter((p) => !reach.has(p)), []);
  });
});
