// The Dockerfile as the deployment tests read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_DIR } from '../../../test/support/shared.ts';

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The Dockerfile's instructions, continuation lines joined, comments left out. */
export function dockerfileInstructions(text = readFileSync(path.join(REPO_DIR, 'Dockerfile'), 'utf8')): Instruction[] {
  const out: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!pending && (line.trim() === '' || line.trimStart().startsWith('#'))) return;
    const part = line.endsWith('\\') ? line.slice(0, -1) : line;
    pending = pending ? { ...pending, text: `${pending.text} ${part.trim()}` } : { text: part.trim(), line: i + 1 };
    if (!line.endsWith('\\')) {
      const m = /^(\S+)\s*(.*)$/.exec(pending.text)!;
      out.push({ keyword: m[1].toUpperCase(), args: m[2], line: pending.line });
      pending = undefined;
    }
  });
  return out;
}

/** The HEALTHCHECK command of the image, as the exec-form array Docker runs. */
export function healthcheckCommand(instructions = dockerfileInstructions()): string[] {
  const hc = instructions.filter((i) => i.keyword === 'HEALTHCHECK');
  if (hc.length !== 1) throw new Error(`expected one HEALTHCHECK, found ${hc.length}`);
  const m = /\bCMD\s+(\[.*\])\s*$/.exec(hc[0].args);
  if (!m) throw new Error(`HEALTHCHECK is not in exec form: ${hc[0].args}`);
  return JSON.parse(m[1]) as string[];
}
