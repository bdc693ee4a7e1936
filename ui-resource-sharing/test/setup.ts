// Import this FIRST in every UI test file, then load the app with `await loadHarness()`:
// - registers global-jsdom before React loads (React reads `window`/`document` at import time);
// - registers the resolution hook mapping `@folio/stripes/*` to the stand-in. Static imports
//   of a test file are resolved before any of them runs, so the app must be imported dynamically.
import 'global-jsdom/register';
import { register } from 'node:module';

register('./stripes-alias-hooks.ts', import.meta.url);

// React 18: we drive the UI like a user, with interactors that wait; no act() environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

export type Harness = typeof import('./harness.tsx');

export function loadHarness(): Promise<Harness> {
  return import('./harness.tsx');
}
