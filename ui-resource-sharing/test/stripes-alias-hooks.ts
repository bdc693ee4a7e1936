// Node module-resolution hook for the UI tests: `@folio/stripes/{core,components,smart-components}`
// go to the stand-in in ../standalone ONLY when the real package cannot be resolved
// (the same rule as webpack.config.js). Registered by setup.ts.

const STAND_IN: Record<string, string> = {
  '@folio/stripes/core': '../standalone/core/index.ts',
  '@folio/stripes/components': '../standalone/components/index.ts',
  '@folio/stripes/smart-components': '../standalone/smart-components/index.ts',
};

interface ResolveResult {
  url: string;
  shortCircuit?: boolean;
  format?: string | null;
}

type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<ResolveResult> {
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
