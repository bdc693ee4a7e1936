/** Splits CQL text into tokens, each with its 0-based start position. */
import { CqlSyntaxError } from './errors.ts';
import type { CqlComparator } from './ast.ts';

export type CqlToken =
  | { kind: 'lparen'; position: number }
  | { kind: 'rparen'; position: number }
  | { kind: 'slash'; position: number }
  | { kind: 'comparator'; value: CqlComparator; position: number }
  /** Unquoted word; `raw` keeps backslash escapes. */
  | { kind: 'word'; raw: string; position: number }
  /** Quoted string; `raw` is the text between the quotes, escapes kept. */
  | { kind: 'string'; raw: string; position: number }
  | { kind: 'end'; position: number };

const WHITESPACE = /\s/u;
/** Characters that end an unquoted word. */
const DELIMITERS = new Set(['(', ')', '=', '<', '>', '"', '/']);

/**
 * Control characters other than whitespace have no meaning in CQL, and PostgreSQL cannot hold
 * U+0000 in a text parameter: a query containing one is malformed. So is a lone UTF-16 surrogate.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function tokenize(text: string): CqlToken[] {
  const forbidden = FORBIDDEN.exec(text);
  if (forbidden) {
    const cp = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new CqlSyntaxError(forbidden.index, `U+${cp} is not allowed in a query`);
  }
  const tokens: CqlToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(') {
      tokens.push({ kind: 'lparen', position: start });
      i++;
    } else if (c === ')') {
      tokens.push({ kind: 'rparen', position: start });
      i++;
    } else if (c === '/') {
      tokens.push({ kind: 'slash', position: start });
      i++;
    } else if (c === '=') {
      const double = text[i + 1] === '=';
      tokens.push({ kind: 'comparator', value: double ? '==' : '=', position: start });
      i += double ? 2 : 1;
    } else if (c === '<') {
      const next = text[i + 1];
      if (next === '>' || next === '=') {
        tokens.push({ kind: 'comparator', value: next === '>' ? '<>' : '<=', position: start });
        i += 2;
      } else {
        tokens.push({ kind: 'comparator', value: '<', position: start });
        i++;
      }
    } else if (c === '>') {
      const double = text[i + 1] === '=';
      tokens.push({ kind: 'comparator', value: double ? '>=' : '>', position: start });
      i += double ? 2 : 1;
    } else if (c === '"') {
      i++;
      let raw = '';
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '\\') {
          if (i + 1 >= n) break;
          raw += d + text[i + 1];
          i += 2;
        } else if (d === '"') {
          closed = true;
          i++;
          break;
        } else {
          raw += d;
          i++;
        }
      }
      if (!closed) throw new CqlSyntaxError(start, 'unterminated quoted string');
      tokens.push({ kind: 'string', raw, position: start });
    } else {
      let raw = '';
      while (i < n) {
        const d = text[i];
        if (WHITESPACE.test(d) || DELIMITERS.has(d)) break;
        if (d === '\\' && i + 1 < n) {
          raw += d + text[i + 1];
          i += 2;
        } else {
          raw += d;
          i++;
        }
      }
      tokens.push({ kind: 'word', raw, position: start });
    }
  }
  tokens.push({ kind: 'end', position: n });
  return tokens;
}
