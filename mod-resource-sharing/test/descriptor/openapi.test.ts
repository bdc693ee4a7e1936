// The OpenAPI 3 document (issue 13 item 9): generated from the route schemas, served at
// /resource-sharing/openapi.json, and describing exactly the descriptor's resource-sharing interface.
import assert from 'node:assert/strict';
import { resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { startModule, type RunningModule } from '../../../test/support/module-harness.ts';

interface Descriptor {
  provides: { id: string; handlers?: { methods: string[]; pathPattern: string }[] }[];
}

describe('OpenAPI document', () => {
  let mod: RunningModule;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: any;
  before(async () => {
    mod = await startModule();
    const res = await fetch(`${mod.url}/resource-sharing/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    doc = await res.json();
  });
  after(() => mod.close());

  const operations = (): string[] =>
    Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );

  it('is OpenAPI 3 with the module version, served without a tenant', () => {
    assert.match(doc.openapi, /^3\./);
    assert.equal(doc.info.title, 'mod-resource-sharing');
    assert.match(doc.info.version, /^\d+\.\d+\.\d+/);
  });

  it('has every handler of the descriptor’s resource-sharing interface, and nothing else', () => {
    const md = resolvedDescriptor() as unknown as Descriptor;
    const declared = md.provides
      .find((i) => i.id === 'resource-sharing')!
      .handlers!.flatMap((h) => h.methods.map((m) => `${m} ${h.pathPattern}`))
      .filter((op) => !op.endsWith(' /resource-sharing/openapi.json'));
    assert.deepEqual(operations().sort(), [...new Set(declared)].sort());
  });

  it('leaves out the platform interfaces (_tenant, _timer) and /admin', () => {
    const ops = operations();
    assert.ok(!ops.some((o) => /\/_\/|\/timers\/|\/admin\//.test(o)), ops.join('\n'));
  });

  it('carries the schemas the routes validate with: the create body requires a citation with a title', () => {
    const body = doc.paths['/resource-sharing/requests'].post.requestBody.content['application/json'].schema;
    assert.ok(body.required.includes('citation'));
    assert.ok(body.properties.citation.required.includes('title'));
    const item = doc.paths['/resource-sharing/requests/{id}'].get;
    assert.deepEqual(item.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`), ['path:id']);
  });
});
