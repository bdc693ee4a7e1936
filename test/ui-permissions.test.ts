import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolvedDescriptor } from '../scripts/build-descriptor.ts';
import { REPO_DIR } from './support/shared.ts';

interface PermissionSet {
  permissionName: string;
  subPermissions?: string[];
  visible?: boolean;
}

// Permissions of the platform itself the app may name: stripes-core's Settings entry, and mod-users'
// user lookup (the timeline names people through the users interface).
const PLATFORM = new Set(['settings.enabled', 'users.collection.get']);

describe('the app’s permission sets and the module’s permissions', () => {
  const ui = JSON.parse(readFileSync(path.join(REPO_DIR, 'ui-resource-sharing', 'package.json'), 'utf8')) as {
    stripes: { permissionSets: PermissionSet[] };
  };
  const md = resolvedDescriptor() as { permissionSets: PermissionSet[] };
  const backend = new Set(md.permissionSets.map((p) => p.permissionName));
  const own = new Set(ui.stripes.permissionSets.map((p) => p.permissionName));

  it('names only permissions that exist: the module’s, its own, or platform ones', () => {
    const unknown: string[] = [];
    for (const set of ui.stripes.permissionSets) {
      for (const sub of set.subPermissions ?? []) {
        const ok = backend.has(sub) || own.has(sub) || PLATFORM.has(sub);
        if (!ok) unknown.push(`${set.permissionName} -> ${sub}`);
      }
    }
    assert.deepEqual(unknown, [], 'wildcards and misspelt names are not permissions');
  });

  it('gives the view set everything the request screens read, and the manage set what they change', () => {
    const expand = (name: string, seen = new Set<string>()): Set<string> => {
      seen.add(name);
      for (const sub of ui.stripes.permissionSets.find((p) => p.permissionName === name)?.subPermissions ?? []) {
        if (!seen.has(sub)) expand(sub, seen);
      }
      return seen;
    };
    const view = expand('ui-resource-sharing.requests.view');
    for (const p of ['resource-sharing.requests.collection.get', 'resource-sharing.graphql.post', 'resource-sharing.requests.messages.get', 'resource-sharing.outbox.get']) {
      assert.ok(view.has(p), `view lacks ${p}`);
    }
    const manage = expand('ui-resource-sharing.requests.manage');
    assert.ok(manage.has('resource-sharing.requests.actions.post'));
    assert.ok(manage.has('resource-sharing.outbox.retry'), 'the chat offers "Send again" for a message the module gave up sending');
    assert.ok(!view.has('resource-sharing.outbox.retry'), 'viewing does not allow sending again');
    assert.ok(!view.has('resource-sharing.requests.actions.post'), 'viewing does not allow acting');
  });
});
