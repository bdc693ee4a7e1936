// Gzip size of the ui-resource-sharing bundle: the standalone production build as shipped, and
// the app without React (react, react-dom as externals, as a FOLIO platform provides them).
// Target: under 600 KB gzip without React.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import webpack, { type Configuration } from 'webpack';

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../ui-resource-sharing');
const TARGET_KB = 600;

const REACT_EXTERNALS = {
  react: 'React',
  'react-dom': 'ReactDOM',
  'react-dom/client': 'ReactDOM',
  'react/jsx-runtime': 'ReactJSXRuntime',
  scheduler: 'Scheduler',
};

async function build(externals: Record<string, string> | undefined): Promise<{ raw: number; gzip: number; files: number; entryGzip: number }> {
  const out = mkdtempSync(path.join(tmpdir(), 'rs-ui-bundle-'));
  try {
    const factory = (await import(pathToFileURL(path.join(UI, 'webpack.config.mjs')).href)).default as (env: unknown, argv: { mode: string }) => Configuration;
    const config = factory({}, { mode: 'production' });
    config.output = { ...config.output, path: out };
    config.devtool = false;
    config.stats = 'errors-only';
    if (externals) config.externals = externals;
    await new Promise<void>((resolve, reject) => {
      webpack(config, (err, stats) => {
        if (err) return reject(err);
        if (stats?.hasErrors()) return reject(new Error(stats.toString('errors-only')));
        resolve();
      });
    });
    let raw = 0;
    let gzip = 0;
    let entryGzip = 0;
    const js = readdirSync(out).filter((f) => f.endsWith('.js'));
    for (const f of js) {
      const bytes = readFileSync(path.join(out, f));
      raw += bytes.length;
      const z = gzipSync(bytes, { level: 9 }).length;
      gzip += z;
      // the script index.html loads; the others are chunks loaded on demand (the dashboard's charts)
      if (f.startsWith('main.')) entryGzip = z;
    }
    return { raw, gzip, files: js.length, entryGzip };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const whole = await build(undefined);
  console.log(`standalone bundle (React, host stand-in and app): ${kb(whole.raw)} minified, ${kb(whole.gzip)} gzip (${whole.files} files)`);
  console.log(`loaded at start (main script): ${kb(whole.entryGzip)} gzip; on demand (dashboard charts): ${kb(whole.gzip - whole.entryGzip)} gzip`);
  const app = await build(REACT_EXTERNALS);
  console.log(`without React (react, react-dom, scheduler external): ${kb(app.raw)} minified, ${kb(app.gzip)} gzip`);
  console.log(`target: under ${TARGET_KB} KB gzip without React — ${app.gzip / 1024 < TARGET_KB ? 'met' : 'NOT met'}`);
}
