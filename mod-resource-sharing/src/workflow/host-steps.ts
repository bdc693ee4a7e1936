// Work in the library's own system (the host LSP) that goes with a state model action: check the
// patron before validating, create temporary records when an item is received, check out when
// shipping, and so on. Host calls are network calls, so they run outside the database
// transaction: `before` runs first and may decide the action's outcome or add parameters;
// `after` runs once the action has committed. A failing host call leaves the request flagged
// with the reason (lastError, needsAttention) and never half-applies the action.
import type { Database } from '../db/database.ts';
import type { ResourceSharingRequest } from '../requests/request-types.ts';
import type { ActionInput } from './perform-action.ts';

export interface HostStepContext {
  db: Database;
  tenant: string;
  request: ResourceSharingRequest;
  input: ActionInput;
}

export interface HostStepResult {
  params?: Record<string, unknown>;
  outcome?: string;
  patch?: Partial<ResourceSharingRequest>;
}

export interface HostStep {
  /** before the action: may choose the outcome (e.g. invalidPatron) or add parameters */
  before?(ctx: HostStepContext): Promise<HostStepResult | void>;
  /** after the action committed (e.g. remove temporary records once the loan is complete) */
  after?(ctx: HostStepContext & { updated: ResourceSharingRequest }): Promise<Partial<ResourceSharingRequest> | void>;
}

/** Host steps by state model action code; empty until a host adapter registers its steps. */
const steps = new Map<string, HostStep>();

export function registerHostStep(actionCode: string, step: HostStep): void {
  steps.set(actionCode, step);
}

export function hostStepFor(actionCode: string): HostStep | undefined {
  return steps.get(actionCode);
}
