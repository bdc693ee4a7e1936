// Writes ModuleDescriptor.json from descriptors/ModuleDescriptor-template.json with the module's
// name and version filled in (what Maven's resource filtering does for Java modules).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function resolvedDescriptor(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'mod-resource-sharing', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const template = readFileSync(path.join(root, 'descriptors', 'ModuleDescriptor-template.json'), 'utf8');
  const resolved = template.replaceAll('@artifactId@', pkg.name).replaceAll('@version@', pkg.version);
  // Okapi takes an unfilled placeholder literally (a module id "@artifactId@-…"): refuse to write one.
  const left = /@[A-Za-z][\w.-]*@/.exec(resolved);
  if (left) throw new Error(`ModuleDescriptor-template.json: no value for the placeholder ${left[0]}`);
  return JSON.parse(resolved) as Record<string, unknown>;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const md = resolvedDescriptor();
  writeFileSync(path.join(root, 'ModuleDescriptor.json'), `${JSON.stringify(md, null, 2)}\n`);
  console.log(`ModuleDescriptor.json: ${md.id as string}`);
}
