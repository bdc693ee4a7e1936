// Which request states count as open, with a supplier, filled or shipped, for the ranking and the
// statistics. Derived from the state models (terminal flags and stages); a state code no model
// knows counts as terminal when it ends in COMPLETE, CANCELLED, UNFILLED or CLOSED_MANUALLY.
// The lists become SQL literals: constants from the models, never user input.
import { listModels, type StateDef } from '../statemodel/index.ts';

const FALLBACK_TERMINAL_SUFFIXES = ['COMPLETE', 'CANCELLED', 'UNFILLED', 'CLOSED_MANUALLY'];

function states(role: 'borrowing' | 'lending' | null, keep: (s: StateDef) => boolean): string[] {
  const out = new Set<string>();
  for (const m of listModels()) {
    if (role && m.role !== role) continue;
    for (const s of m.states) if (keep(s)) out.add(s.code);
  }
  return [...out].sort();
}

const KNOWN = states(null, () => true);
const TERMINAL = states(null, (s) => s.terminal);
const isCompleted = (s: StateDef) => s.terminal && s.code.endsWith('_COMPLETE');

/** borrowing states in which a supplier has the request (asked, answering, shipped) */
export const BORROWING_WITH_SUPPLIER = states('borrowing', (s) => !s.terminal && (s.stage === 'active' || s.stage === 'shipped'));
/** borrowing states that mean the supplier sent the item or copy */
export const BORROWING_FILLED = states('borrowing', (s) => s.stage === 'shipped' || isCompleted(s));
/** lending states that mean we sent the item or copy */
export const LENDING_FILLED = states('lending', (s) => s.stage === 'shipped' || isCompleted(s));
/** the borrowing states whose first arrival ends the turnaround (the supplier shipped or delivered) */
export const SHIPPED_STATES = states('borrowing', (s) => s.stage === 'shipped');
export const SENT_STATE = 'REQ_SENT_TO_SUPPLIER';
/** borrowing states the request is in right after a supplier answered Unfilled */
export const UNFILLED_STATES = ['REQ_UNFILLED', 'REQ_END_OF_ROTA'];

export function isTerminalState(code: string): boolean {
  if (KNOWN.includes(code)) return TERMINAL.includes(code);
  return FALLBACK_TERMINAL_SUFFIXES.some((s) => code.endsWith(s));
}

/** `'A', 'B'` for an SQL IN list of constant codes. */
export function sqlList(codes: readonly string[]): string {
  return codes.length ? codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ') : 'NULL';
}

/** SQL: the state in `col` is not terminal. */
export function openStateSql(col: string): string {
  const fallback = FALLBACK_TERMINAL_SUFFIXES.map((s) => `${col} LIKE '%${s}'`).join(' OR ');
  return `NOT (${col} IN (${sqlList(TERMINAL)}) OR (${col} NOT IN (${sqlList(KNOWN)}) AND (${fallback})))`;
}

/** SQL: a borrowing request in state `col` is with its supplier now. */
export function withSupplierSql(col: string): string {
  return `${col} IN (${sqlList(BORROWING_WITH_SUPPLIER)})`;
}
