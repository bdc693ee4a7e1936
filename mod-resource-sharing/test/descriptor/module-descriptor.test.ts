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
  optional?: { id: string; version: string }[];
  permissionSets: { permissionName: string; subPermissions?: string[]; visible?: boolean }[];
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

/** The FOLIO interface behind each path prefix the module calls through Okapi. */
const INTERFACE_OF_PATH: Record<string, string> = {
  '/users': 'users',
  '/authn/': 'login',
  '/perms/': 'permissions',
  '/circulation/': 'circulation',
  '/instance-storage/': 'instance-storage',
  '/holdings-storage/': 'holdings-storage',
  '/item-storage/': 'item-storage',
  '/service-points': 'service-points',
  '/automated-patron-blocks/': 'automated-patron-blocks',
};

/** The FOLIO interfaces the given source files call, from the paths they name. */
function interfacesCalledBy(...files: string[]): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['`](\/[a-z-]+\/?)/g)) {
      const prefix = Object.keys(INTERFACE_OF_PATH).find((p) => m[1].startsWith(p) || `${m[1]}/`.startsWith(p));
      if (prefix) out.add(INTERFACE_OF_PATH[prefix]);
    }
  }
  return out;
}

const SRC = path.join(REPO_DIR, 'mod-resource-sharing', 'src');
const tsFilesUnder = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));

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
    assert.doesNotMatch(JSON.stringify(md), /@[A-Za-z][\w.-]*@/, 'no placeholder is left unfilled');
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

  it('requires only what every tenant needs; what only the FOLIO host uses is optional, so an NCIP or manual library can enable it', () => {
    const folioHost = interfacesCalledBy(...tsFilesUnder(path.join(SRC, 'host', 'folio')), path.join(SRC, 'host', 'steps', 'host-sync.ts'));
    // the system user is set up on enable (with SYSTEM_USER_* set) through users, login and permissions
    const systemUser = interfacesCalledBy(path.join(SRC, 'host', 'system-user.ts'));
    assert.deepEqual([...systemUser].sort(), ['login', 'permissions', 'users']);
    assert.ok(folioHost.has('circulation') && folioHost.has('item-storage'), `found ${[...folioHost].join(', ')}`);

    const required = new Set(md.requires.map((r) => r.id));
    const optional = new Set((md.optional ?? []).map((r) => r.id));
    assert.deepEqual([...required].sort(), [...systemUser].sort(), 'required: what the enable-time system user needs (in every FOLIO)');
    for (const id of folioHost) {
      assert.ok(required.has(id) || optional.has(id), `${id} is called by the FOLIO host but not declared`);
      if (!systemUser.has(id)) assert.ok(optional.has(id), `${id} is used only by the FOLIO host, so it is optional`);
    }
    for (const id of ['circulation', 'instance-storage', 'holdings-storage', 'item-storage', 'service-points', 'automated-patron-blocks']) {
      assert.ok(optional.has(id), `${id} is optional`);
    }
    for (const id of optional) assert.ok(!required.has(id), `${id} is not both required and optional`);
  });

  it('hides the individual permissions from the permission pickers ("visible": false); the read, write and all sets stay visible', () => {
    const named = new Set<string>();
    for (const iface of md.provides) {
      for (const h of iface.handlers ?? []) for (const p of [...(h.permissionsRequired ?? []), ...(h.permissionsDesired ?? [])]) named.add(p);
    }
    for (const set of md.permissionSets) {
      if (set.subPermissions?.length) assert.equal(set.visible, true, `${set.permissionName} (a set) is visible`);
      else assert.equal(set.visible, false, `${set.permissionName} is hidden`);
    }
    for (const p of named) assert.equal(md.permissionSets.find((s) => s.permissionName === p)?.visible, false, `${p} is hidden`);
    assert.deepEqual(
      md.permissionSets.filter((s) => s.visible).map((s) => s.permissionName).sort(),
      ['resource-sharing.all', 'resource-sharing.read', 'resource-sharing.write'],
    );
  });

  it('declares every timer Okapi fires with a method, a path the server serves and a delay', () => {
    const timers = md.provides.find((i) => i.id === '_timer')?.handlers ?? [];
    const served = new Set(mod.app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    assert.ok(timers.length >= 6);
    for (const t of timers) {
      assert.equal(t.methods.length, 1, `${t.pathPattern}: Okapi fires the first method only`);
      assert.ok(served.has(`${t.methods[0]} ${t.pathPattern}`), `${t.pathPattern} is served`);
      assert.ok(!/[{*]/.test(t.pathPattern), `${t.pathPattern}: Okapi calls a timer's static path`);
      assert.ok(t.unit && Number(t.delay) > 0, `${t.pathPattern} has a delay`);
    }
  });
});
