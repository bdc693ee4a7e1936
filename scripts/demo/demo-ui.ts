// Serves the standalone build of ui-resource-sharing from the module's own server: files from
// ui-resource-sharing/dist, and index.html for browser GETs of app routes (deep links) that no
// API route answers. Builds the bundle when dist/ is missing or older than its sources; while it
// builds, pages answer a "being built" page that reloads itself (the API answers meanwhile).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const UI_DIR = path.join(ROOT, 'ui-resource-sharing');
export const UI_DIST = path.join(UI_DIR, 'dist');
const UI_SOURCES = [
  path.join(UI_DIR, 'src'),
  path.join(UI_DIR, 'standalone'),
  path.join(UI_DIR, 'webpack.config.mjs'),
  path.join(UI_DIR, 'package.json'),
  path.join(UI_DIR, 'translations'),
  path.join(UI_DIR, 'icons'),
];

/** Files that end up in the bundle (tests and notes do not). */
const BUILD_INPUT = /\.(tsx?|c?js|json|html|css|svg)$/;

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return BUILD_INPUT.test(p) && !/\.test\.tsx?$/.test(p) ? st.mtimeMs : 0;
  let newest = 0;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** True when dist/index.html is missing or older than any source file of the app. */
export function uiBuildIsStale(): boolean {
  const index = path.join(UI_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return UI_SOURCES.some((p) => newestMtime(p) > built);
}

export interface UiBuild {
  /** resolves true when it built, false when dist/ was up to date; rejects when the build failed */
  done: Promise<boolean>;
  /** true until `done` settles */
  running(): boolean;
  /** stops a running build (its whole process group) */
  cancel(): void;
}

/**
 * Runs the production build when dist/ is stale (10-30 s: the first start of a clone), in its own
 * process group so that cancel() stops webpack and everything it started.
 */
export function ensureUiBuilt(log: (line: string) => void = () => {}): UiBuild {
  if (!uiBuildIsStale()) return { done: Promise.resolve(false), running: () => false, cancel: () => {} };
  log('Building the staff app (ui-resource-sharing/dist is missing or older than its sources)...');
  const webpackCli = createRequire(path.join(UI_DIR, 'package.json')).resolve('webpack-cli/bin/cli.js');
  const child = spawn(process.execPath, [webpackCli, '--mode', 'production'], { cwd: UI_DIR, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let running = true;
  let cancelled = false;
  const done = new Promise<boolean>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running = false;
      if (code === 0) resolve(true);
      else reject(new Error(cancelled ? 'UI build stopped' : `UI build failed (${signal ?? `exit ${code}`}):\n${output.slice(-3000)}`));
    });
  });
  return {
    done,
    running: () => running,
    cancel() {
      if (!running || child.pid === undefined) return;
      cancelled = true;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

export interface UiPageConfig {
  tenants: string[];
  /** preselected tenant in the login form */
  tenant?: string;
  platformName?: string;
  /** DEMO ONLY: the patron page's barcode + PIN sign-in (scripts/demo/demo-patrons.ts) */
  patronSignInUrl?: string;
  /** false while the bundle is being built: pages then answer a "being built" page (default: always ready) */
  uiReady?: () => boolean;
}

/** What a browser gets while the first start builds the app: it reloads itself until the app is there. */
const BUILDING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>Resource sharing demo: building the app</title></head><body>
<p>The resource sharing demo is running; its staff app is still being built (first start only, usually under a minute).
This page reloads by itself. The API already answers.</p></body></html>`;

/** index.html with `window.resourceSharingConfig` set before the bundle runs. */
export function indexHtml(config: UiPageConfig): string {
  const html = readFileSync(path.join(UI_DIST, 'index.html'), 'utf8');
  const runtime = { tenants: config.tenants, tenant: config.tenant ?? config.tenants[0], devMode: false, platformName: config.platformName ?? 'FOLIO (demo)', ...(config.patronSignInUrl ? { patronSignInUrl: config.patronSignInUrl } : {}) };
  const script = `<script>window.resourceSharingConfig = ${JSON.stringify(runtime).replace(/</g, '\\u003c')};</script>`;
  return html.replace('<head>', `<head>${script}`);
}

function distFile(urlPath: string): string | undefined {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  if (rel === '' || rel.includes('..') || rel.includes('\0')) return undefined;
  const file = path.join(UI_DIST, rel);
  return file.startsWith(UI_DIST + path.sep) && existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * Adds the UI to `app`: a GET that no route answers gets the file of that name from dist/, or
 * index.html when the browser asks for a page (Accept: text/html). API calls keep their 404s.
 */
export function registerUi(app: FastifyInstance, config: UiPageConfig): void {
  let page: string | undefined;
  let pageBuilt = 0;
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url || (req.method !== 'GET' && req.method !== 'HEAD')) return;
    const urlPath = req.url.split('?')[0];
    const accept = String(req.headers.accept ?? '');
    const wantsPage = urlPath === '/' || accept.includes('text/html');
    if (config.uiReady && !config.uiReady()) {
      if (!wantsPage) return undefined;
      return reply.code(503).type(TYPES['.html']).header('cache-control', 'no-store').header('retry-after', '3').send(BUILDING_PAGE);
    }
    const file = distFile(urlPath);
    if (file && !file.endsWith('index.html')) {
      const immutable = /\.[0-9a-f]{8}\.js/.test(file);
      return reply
        .code(200)
        .type(TYPES[path.extname(file)] ?? 'application/octet-stream')
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .send(readFileSync(file));
    }
    if (wantsPage) {
      const built = statSync(path.join(UI_DIST, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (page === undefined || built !== pageBuilt) {
        page = indexHtml(config);
        pageBuilt = built;
      }
      return reply.code(200).type(TYPES['.html']).header('cache-control', 'no-cache').send(page);
    }
    return undefined;
  });
}
