// Node module hooks for the UI tests, registered by setup.ts. Plain JavaScript (.mjs): Node loads
// hooks in their own thread, before and apart from tsx, and this package is CommonJS by default
// (no "type": "module", so that a CommonJS stripes.config.js can sit beside it, as stripes-cli expects).
// - resolve: `@folio/stripes/{core,components,smart-components}` go to the stand-in in
//   ../standalone ONLY when the real package cannot be resolved (the same rule as webpack.config.mjs);
// - load: a CSS module (`import css from './X.css'`) becomes an identity map, `css.roleSwitch` ===
//   'roleSwitch', as FOLIO's jest setup maps CSS modules (identity-obj-proxy). Webpack builds the
//   real thing (css-loader modules, `[local]---[hash]`).

/** @type {Record<string, string>} */
const STAND_IN = {
  '@folio/stripes/core': '../standalone/core/index.ts',
  '@folio/stripes/components': '../standalone/components/index.ts',
  '@folio/stripes/smart-components': '../standalone/smart-components/index.ts',
};

const IDENTITY_CSS_MODULE = "export default new Proxy({}, { get: (_, key) => (typeof key === 'string' ? key : undefined) });\n";

/**
 * @param {string} url
 * @param {unknown} context
 * @param {(url: string, context: unknown) => Promise<{ format?: string | null; source?: unknown; shortCircuit?: boolean }>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && new URL(url).pathname.endsWith('.css')) {
    return { format: 'module', source: IDENTITY_CSS_MODULE, shortCircuit: true };
  }
  return nextLoad(url, context);
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const result = await resolveStandIn(specifier, context, nextResolve);
  // this package is CommonJS by default; its TypeScript is written (and run by webpack) as ES modules
  // (tsx, seeing a CommonJS package, marks the URL for its CommonJS path: drop that mark)
  const file = result.url.replace(/(%3F|\?).*$/, '');
  if (file.startsWith(PACKAGE_URL) && /\.tsx?$/.test(file) && !file.includes('/node_modules/')) {
    return { ...result, url: file, format: 'module' };
  }
  return result;
}

const PACKAGE_URL = new URL('..', import.meta.url).href;

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>} nextResolve
 */
async function resolveStandIn(specifier, context, nextResolve) {
  // @apollo/client 3 has no `exports` map: Node takes its CommonJS `main`, whose named exports it
  // cannot see; its ES module entry is what webpack picks (the `module` field)
  if (specifier === '@apollo/client') return nextResolve('@apollo/client/index.js', context);
  const standIn = STAND_IN[specifier];
  if (!standIn) return nextResolve(specifier, context);
  try {
    return await nextResolve(specifier, context);
  } catch {
    // resolve the stand-in's file through the rest of the chain, so tsx loads it as TypeScript
    return nextResolve(new URL(standIn, import.meta.url).href, context);
  }
}
