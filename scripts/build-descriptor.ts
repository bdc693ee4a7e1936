// Writes ModuleDescriptor.json and DeploymentDescriptor.json from the templates in descriptors/
// with the module's name and version filled in (what Maven's resource filtering does for Java
// modules).
// The deployment descriptor's environment is the ModuleDescriptor's launchDescriptor env (one list
// of what the module needs) with the entries its own template names replacing those of the same name.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface EnvEntry {
  name: string;
  value?: string;
  description?: string;
  required?: boolean;
}

function resolveTemplate(name: string): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(path.join(root, 'mod-resource-sharing', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const template = readFileSync(path.join(root, 'descriptors', name), 'utf8');
  const resolved = template.replaceAll('@artifactId@', pkg.name).replaceAll('@version@', pkg.version);
  // Okapi takes an unfilled placeholder literally (a module id "@artifactId@-…"): refuse to write one.
  const left = /@[A-Za-z][\w.-]*@/.exec(resolved);
  if (left) throw new Error(`${name}: no value for the placeholder ${left[0]}`);
  return JSON.parse(resolved) as Record<string, unknown>;
}

export function resolvedDescriptor(): Record<string, unknown> {
  return resolveTemplate('ModuleDescriptor-template.json');
}

/** The DeploymentDescriptor for letting Okapi launch the built module as a process (POST /_/discovery/modules). */
export function resolvedDeploymentDescriptor(): Record<string, unknown> {
  const dd = resolveTemplate('DeploymentDescriptor-template.json') as { descriptor: { env?: EnvEntry[] } };
  const launch = resolvedDescriptor().launchDescriptor as { env?: EnvEntry[] } | undefined;
  const own = new Map((dd.descriptor.env ?? []).map((e) => [e.name, e]));
  const env = (launch?.env ?? []).map((e) => own.get(e.name) ?? e);
  for (const e of own.values()) if (!env.includes(e)) env.push(e);
  dd.descriptor.env = env;
  return dd as unknown as Record<string, unknown>;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const md = resolvedDescriptor();
  writeFileSync(path.join(root, 'ModuleDescriptor.json'), `${JSON.stringify(md, null, 2)}\n`);
  const dd = resolvedDeploymentDescriptor();
  writeFileSync(path.join(root, 'DeploymentDescriptor.json'), `${JSON.stringify(dd, null, 2)}\n`);
  console.log(`ModuleDescriptor.json: ${md.id as string}; DeploymentDescriptor.json: ${dd.srvcId as string}`);
}
