// DEMO ONLY: a user's permissions as FOLIO's login lists them. mod-users-bl's login (as stripes-core
// calls it, with expandPermissions) answers every permission a user holds, the sub-permissions of
// each permission set included, so `stripes.hasPerm` can ask for a module permission such as
// `resource-sharing.requests.copy.get`. The demo login hands out the same expanded list, from the
// app's permission sets and the module descriptor's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvedDescriptor } from '../build-descriptor.ts';

interface PermissionSet {
  permissionName: string;
  subPermissions?: string[];
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let known: Map<string, string[]> | undefined;

function permissionSets(): Map<string, string[]> {
  if (!known) {
    const app = JSON.parse(readFileSync(path.join(REPO, 'ui-resource-sharing', 'package.json'), 'utf8')) as { stripes: { permissionSets: PermissionSet[] } };
    const md = resolvedDescriptor() as { permissionSets?: PermissionSet[] };
    known = new Map([...app.stripes.permissionSets, ...(md.permissionSets ?? [])].map((p) => [p.permissionName, p.subPermissions ?? []]));
  }
  return known;
}

/** The names given and every permission they contain, each once. */
export function expandPermissions(names: readonly string[]): string[] {
  const sets = permissionSets();
  const out = new Set<string>();
  const add = (name: string) => {
    if (out.has(name)) return;
    out.add(name);
    for (const sub of sets.get(name) ?? []) add(sub);
  };
  names.forEach(add);
  return [...out];
}
