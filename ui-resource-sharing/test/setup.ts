// Import this FIRST in every UI test file, then load the app with `await loadHarness()`:
// - registers global-jsdom before React loads (React reads `window`/`document` at import time);
// - the module hooks (`@folio/stripes/*` to the stand-in, CSS modules as identity maps) are
//   registered before any test file loads, by register-hooks.mjs (root .mocharc.json). The app is
//   still loaded dynamically, after global-jsdom.
import 'global-jsdom/register';

// React 18: we drive the UI like a user, with interactors that wait; no act() environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

export type Harness = typeof import('./harness.tsx');

export function loadHarness(): Promise<Harness> {
  return import('./harness.tsx');
}
