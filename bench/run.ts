// `npm run bench [name ...]`: runs the benchmarks and prints their figures. Never part of npm test.
const all: Record<string, () => Promise<void>> = {
  'request-list': async () => (await import('./request-list.ts')).run(),
  'iso18626-throughput': async () => (await import('./iso18626-throughput.ts')).run(),
  'boundary-costs': async () => (await import('./boundary-costs.ts')).run(),
  'iso18626-parse': async () => (await import('./iso18626-parse.ts')).run(),
  'ui-bundle-size': async () => (await import('./ui-bundle-size.ts')).run(),
  'ui-list-interactive': async () => (await import('./ui-list-interactive.ts')).run(),
  'demo-startup': async () => (await import('./demo-startup.ts')).run(),
  predictions: async () => (await import('./predictions.ts')).run(),
  'prediction-history': async () => (await import('./prediction-history.ts')).run(),
  'module-startup': async () => (await import('./module-startup.ts')).run(),
  'shared-directory': async () => (await import('./shared-directory.ts')).run(),
  'live-streams': async () => (await import('./live-streams.ts')).run(),
  'timers-startup': async () => (await import('./timers-startup.ts')).run(),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(all)) {
  const bench = all[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  await bench();
}
process.exit(0);
