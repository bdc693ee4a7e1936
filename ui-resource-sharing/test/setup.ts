// Import this FIRST in every UI test file, then load the app with `await loadHarness()`:
// - registers global-jsdom before React loads (React reads `window`/`document` at import time);
// - the module hooks (`@folio/stripes/*` to the stand-in, CSS modules as identity maps) are
//   registered before any test file loads, by register-hooks.mjs (root .mocharc.json). The app is
//   still loaded dynamically, after global-jsdom.
import 'global-jsdom/register';
import { bigtestGlobals } from '@bigtest/globals';

// Interactors wait for what a user would see. Their default (1.9 s) is short for a shared 2-core
// CI machine where a first render can take seconds; a real failure still fails, only later.
bigtestGlobals.defaultInteractorTimeout = 10_000;

// React 18: we drive the UI like a user, with interactors that wait; no act() environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

export type Harness = typeof import('./harness.tsx');

export function loadHarness(): Promise<Harness> {
  return import('./harness.tsx');
}
