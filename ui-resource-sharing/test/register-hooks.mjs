// Registers the UI tests' module hooks (stripes-alias-hooks.mjs) before mocha loads any test file:
// the root .mocharc.json imports this after tsx. Registering them before the test files load lets
// the hooks give this CommonJS-by-default package's TypeScript the ES module format it is written in.
import { register } from 'node:module';

register('./stripes-alias-hooks.mjs', import.meta.url);
