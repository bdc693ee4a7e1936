// The FOLIO host simulator: start it, seed tenants, inspect their state, inject failures.
export { startFolioSimulator } from './folio-simulator.ts';
export type { FolioSimulator, FolioSimulatorOptions, FailureOutcome } from './folio-simulator.ts';
export { seedState } from './seed.ts';
export type { SeedData } from './seed.ts';
export { demoSeed, demoHostSettings, demoServicePoints, demoId, DEMO_PATRONS, DEMO_ITEMS, DEMO_CREDENTIALS } from './demo-seed.ts';
export type { SimState, SimItem, SimRequest, SimLoan, SimUser, LoanPolicy, AutomatedPatronBlock } from './sim-state.ts';
export { FolioSchemas, folioSchemas } from './folio-schemas.ts';
