// NCIP Problems as a typed error: what the responder refused, in words staff can act on.
import type { NcipProblem, NcipService } from './ncip-types.ts';

/** "Unknown User: f123 (UserIdentifierValue = f123)" */
export function describeProblem(p: NcipProblem): string {
  let text = p.type;
  if (p.detail) text += `: ${p.detail}`;
  if (p.element || p.value) {
    const where = p.element && p.value !== undefined ? `${p.element} = ${p.value}` : (p.element ?? p.value);
    text += ` (${where})`;
  }
  return text;
}

export class NcipProblemError extends Error {
  readonly problems: NcipProblem[];
  /** The service whose response carried the problems; null for a bare NCIPMessage/Problem. */
  readonly service: NcipService | null;

  constructor(service: NcipService | null, problems: NcipProblem[]) {
    const what = problems.length ? problems.map(describeProblem).join('; ') : 'Problem without details';
    super(service ? `NCIP ${service} failed: ${what}` : `NCIP message refused: ${what}`);
    this.name = 'NcipProblemError';
    this.service = service;
    this.problems = problems;
  }

  /** The first ProblemType, e.g. "Unknown Item". */
  get problemType(): string {
    return this.problems[0]?.type ?? 'Unknown Problem';
  }
}

/** Raised when a document is not an NCIP message this codec understands. */
export class NcipSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NcipSyntaxError';
  }
}
