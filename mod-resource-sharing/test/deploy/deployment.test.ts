// What an operator hands to Okapi and Docker: the resolved DeploymentDescriptor, the
// ModuleDescriptor's launchDescriptor and the Dockerfile, checked as Okapi and Docker read them.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { resolvedDeploymentDescriptor, resolvedDescriptor } from '../../../scripts/build-descriptor.ts';
import { okapiSchema } from '../../../test/support/okapi-schemas.ts';
import { REPO_DIR } from '../../../test/support/shared.ts';
import { dockerfileInstructions, healthcheckCommand, type Instruction } from './deploy-support.ts';

interface EnvEntry {
  name: string;
  value?: string;
}
interface LaunchDescriptor {
  exec?: string;
  dockerImage?: string;
  dockerArgs?: { HostConfig: { Memory: number; PortBindings: Record<string, { HostPort: string }[]> } };
  env?: EnvEntry[];
}

const dd = resolvedDeploymentDescriptor() as { srvcId: string; descriptor: LaunchDescriptor };
const md = resolvedDescriptor() as { id: string; launchDescriptor: LaunchDescriptor };
const pkg = JSON.parse(readFileSync(path.join(REPO_DIR, 'mod-resource-sharing', 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

/** Environment variables the module's code reads (`env.NAME`). */
function variablesReadBySource(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) for (const m of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) names.add(m[1]);
    }
  };
  walk(path.join(REPO_DIR, 'mod-resource-sharing', 'src'));
  return names;
}

/** The instructions of the last stage (the image that ships). */
function finalStage(all: Instruction[]): Instruction[] {
  const lastFrom = all.map((i) => i.keyword).lastIndexOf('FROM');
  return all.slice(lastFrom);
}

function envOf(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.filter((x) => x.keyword === 'ENV')) {
    for (const pair of i.args.split(/\s+/)) {
      const [k, ...v] = pair.split('=');
      env[k] = v.join('=');
    }
  }
  return env;
}

describe('deployment descriptor and launchDescriptor', () => {
  it('DeploymentDescriptor.json is the template resolved by the build, and no generated file keeps a @placeholder@', () => {
    const written = JSON.parse(readFileSync(path.join(REPO_DIR, 'DeploymentDescriptor.json'), 'utf8'));
    assert.deepEqual(written, dd);
    assert.equal(dd.srvcId, `${pkg.name}-${pkg.version}`);
    assert.equal(dd.srvcId, md.id);
    for (const file of ['ModuleDescriptor.json', 'DeploymentDescriptor.json']) {
      const text = readFileSync(path.join(REPO_DIR, file), 'utf8');
      assert.doesNotMatch(text, /@[A-Za-z][\w.-]*@/, `${file} keeps a placeholder Okapi would take literally`);
    }
  });

  it('Okapi can launch the built module from the exec line: %p there, none in env values', () => {
    const exec = dd.descriptor.exec!;
    // Okapi refuses an exec line without %p, replaces it by the port and splits on spaces (no shell).
    assert.match(exec, /%p/);
    const argv = exec.replace('%p', '9131').split(' ');
    assert.equal(argv[0], 'node');
    assert.equal(argv[1], 'mod-resource-sharing/dist/main.js');
    assert.deepEqual(argv.slice(2), ['--port', '9131']);
    for (const e of [...(dd.descriptor.env ?? []), ...(md.launchDescriptor.env ?? [])]) {
      assert.doesNotMatch(e.value ?? '', /%p/, `${e.name}: Okapi does not fill %p in environment values`);
    }
  });

  it('names every DB_* and SYSTEM_USER_* variable the module reads, in the launchDescriptor and the deployment descriptor', () => {
    const read = [...variablesReadBySource()].filter((n) => /^(DB_|SYSTEM_USER_)/.test(n)).sort();
    assert.ok(read.includes('DB_HOST') && read.includes('SYSTEM_USER_PASSWORD'), `variables found: ${read.join(', ')}`);
    for (const descriptor of [md.launchDescriptor, dd.descriptor]) {
      const named = new Set((descriptor.env ?? []).map((e) => e.name));
      assert.deepEqual(read.filter((n) => !named.has(n)), [], 'variables the module reads but the descriptor does not name');
    }
    // A process started by Okapi on its own node reaches PostgreSQL there, not a docker network name.
    assert.equal(dd.descriptor.env!.find((e) => e.name === 'DB_HOST')!.value, 'localhost');
  });

  it('launchDescriptor: this version as docker image, the port the image exposes bound to %p, room for the module', () => {
    const launch = md.launchDescriptor;
    assert.equal(launch.dockerImage, `${pkg.name}:${pkg.version}`);
    const exposed = finalStage(dockerfileInstructions()).find((i) => i.keyword === 'EXPOSE')!.args;
    assert.deepEqual(launch.dockerArgs!.HostConfig.PortBindings, { [`${exposed}/tcp`]: [{ HostPort: '%p' }] });
    // docs/benchmarks.md: under 200 MB resident on PostgreSQL; the container limit leaves headroom.
    assert.ok(launch.dockerArgs!.HostConfig.Memory >= 256 * 1024 * 1024);
  });

  it("validates against Okapi's DeploymentDescriptor and LaunchDescriptor schemas", function () {
    const deployment = okapiSchema('DeploymentDescriptor.json');
    const launch = okapiSchema('LaunchDescriptor.json');
    if (typeof deployment === 'string' || typeof launch === 'string') {
      console.log(`      skipped: ${typeof deployment === 'string' ? deployment : launch}`);
      this.skip();
    }
    assert.ok(deployment(dd), JSON.stringify(deployment.errors, null, 2));
    assert.ok(launch(md.launchDescriptor), JSON.stringify(launch.errors, null, 2));
    const { exec, ...rest } = dd.descriptor;
    assert.equal(deployment({ ...dd, descriptor: { ...rest, exe: exec } }), false, 'the schema check notices a misspelt field');
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(path.join(REPO_DIR, 'Dockerfile'), 'utf8');
  const all = dockerfileInstructions(text);
  const last = finalStage(all);

  it('passes the Dockerfile linter (dockerfile-utils, npm run lint:dockerfile) with no finding; a broken one does not', () => {
    assert.deepEqual(lintDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`), []);
    const broken = text.replace('HEALTHCHECK --interval=30s', 'HEALTHCHECK --intervall=30s');
    assert.notEqual(broken, text);
    assert.ok(lintDockerfile(broken).length > 0);
  });

  it('builds in one stage and ships another: the Node of engines on Alpine, production dependencies only, a non-root user', () => {
    const froms = all.filter((i) => i.keyword === 'FROM');
    assert.ok(froms.length >= 2, 'multi-stage');
    // The Node major the project declares (engines), on Alpine (small; no curl, hence node for the check).
    const engines = (JSON.parse(readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const major = /\d+/.exec(engines)![0];
    for (const f of froms) assert.match(f.args, new RegExp(`^node:${major}[-.\\w]*alpine`), `${f.args} against engines ${engines}`);
    const installs = all.filter((i) => i.keyword === 'RUN' && /npm ci/.test(i.args));
    assert.ok(installs.some((i) => /--omit=dev/.test(i.args)), 'a production-only install');
    assert.ok(!last.some((i) => i.keyword === 'RUN' && /npm (ci|install)(?!.*--omit=dev)/.test(i.args)), 'no dev install in the image');
    const user = last.filter((i) => i.keyword === 'USER').at(-1);
    assert.ok(user && !/^(root|0)(:|$)/.test(user.args), `runs as ${user?.args ?? 'root'}`);
    const cmd = JSON.parse(last.find((i) => i.keyword === 'CMD')!.args) as string[];
    assert.deepEqual(cmd, dd.descriptor.exec!.split(' ').slice(0, 2), 'the image runs what the DeploymentDescriptor runs');
  });

  it('declares PORT and DB_* defaults, exposes PORT, checks health on /admin/health with plain node, carries the descriptor', () => {
    const env = envOf(last);
    assert.equal(last.find((i) => i.keyword === 'EXPOSE')!.args, env.PORT);
    for (const name of ['DB_HOST', 'DB_PORT', 'DB_USERNAME', 'DB_DATABASE', 'DB_MAXPOOLSIZE']) assert.ok(env[name], name);
    assert.equal(env.DB_PASSWORD, undefined, 'no password baked into the image');
    const hc = healthcheckCommand(all);
    assert.equal(hc[0], 'node', 'alpine has no curl: the check runs with node');
    assert.match(hc.join(' '), /\/admin\/health/);
    assert.ok(last.some((i) => i.keyword === 'COPY' && /ModuleDescriptor\.json/.test(i.args)));
  });

  it('copies only what exists in the checkout and what .dockerignore lets through', () => {
    const ignored = readFileSync(path.join(REPO_DIR, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.ok(ignored.includes('**/node_modules') && ignored.includes('**/dist'), 'the local build never enters the image');
    const plain = ignored.filter((l) => !l.includes('*') && !l.startsWith('!'));
    for (const copy of all.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const src of sources) {
        assert.ok(existsSync(path.join(REPO_DIR, src)), `line ${copy.line}: ${src} does not exist`);
        const hit = plain.find((p) => src === p || src.startsWith(`${p}/`));
        assert.equal(hit, undefined, `line ${copy.line}: ${src} is excluded by .dockerignore (${hit})`);
      }
    }
  });
});
