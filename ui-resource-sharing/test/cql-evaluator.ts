// A small CQL evaluator for the fake backend: the subset the UI sends
// (==, =, <>, <, <=, >, >= on dates, and/or/not, parentheses, right truncation with *, sortby field[/sort.descending]).

type Node =
  | { kind: 'term'; field: string; op: string; value: string }
  | { kind: 'bool'; op: 'and' | 'or' | 'not'; left: Node; right: Node };

export interface ParsedCql {
  where?: Node;
  sort: Array<{ field: string; descending: boolean }>;
}

function tokenize(cql: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < cql.length) {
    const c = cql[i];
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '(' || c === ')') { tokens.push(c); i += 1; continue; }
    if (c === '"') {
      let j = i + 1;
      let s = '"';
      while (j < cql.length && cql[j] !== '"') {
        if (cql[j] === '\\') { s += cql[j] + cql[j + 1]; j += 2; } else { s += cql[j]; j += 1; }
      }
      tokens.push(`${s}"`);
      i = j + 1;
      continue;
    }
    const op = /^(==|<>|<=|>=|=|<|>)/.exec(cql.slice(i));
    if (op) { tokens.push(op[1]); i += op[1].length; continue; }
    let j = i;
    while (j < cql.length && !/[\s()"=<>]/.test(cql[j])) j += 1;
    tokens.push(cql.slice(i, j));
    i = j;
  }
  return tokens;
}

export function parseCql(cql: string): ParsedCql {
  const tokens = tokenize(cql);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  function primary(): Node {
    if (peek() === '(') {
      next();
      const inner = orExpr();
      if (next() !== ')') throw new Error(`CQL: expected ) in ${cql}`);
      return inner;
    }
    const field = next();
    const op = next();
    const raw = next();
    if (!field || !op || raw === undefined) throw new Error(`CQL: incomplete term in ${cql}`);
    return { kind: 'term', field, op, value: raw.startsWith('"') ? raw.slice(1, -1) : raw };
  }
  function andExpr(): Node {
    let left = primary();
    while (peek() === 'and' || peek() === 'not') {
      const op = next() as 'and' | 'not';
      left = { kind: 'bool', op, left, right: primary() };
    }
    return left;
  }
  function orExpr(): Node {
    let left = andExpr();
    while (peek() === 'or') {
      next();
      left = { kind: 'bool', op: 'or', left, right: andExpr() };
    }
    return left;
  }

  const parsed: ParsedCql = { sort: [] };
  if (peek() !== 'sortby' && pos < tokens.length) parsed.where = orExpr();
  if (peek() === 'sortby') {
    next();
    while (pos < tokens.length) {
      const [field, ...mods] = next().split('/');
      parsed.sort.push({ field, descending: mods.includes('sort.descending') });
    }
  }
  if (pos < tokens.length) throw new Error(`CQL: unexpected ${peek()} in ${cql}`);
  return parsed;
}

function unescape(v: string): { text: string; truncated: boolean } {
  const truncated = /(^|[^\\])\*$/.test(v);
  const body = truncated ? v.slice(0, -1) : v;
  return { text: body.replace(/\\(.)/g, '$1'), truncated };
}

function matchTerm(actual: string | undefined, op: string, value: string): boolean {
  const a = (actual ?? '').toLowerCase();
  const { text, truncated } = unescape(value);
  const v = text.toLowerCase();
  switch (op) {
    case '==': return truncated ? a.startsWith(v) : a === v;
    case '<>': return a !== v;
    case '=': {
      if (v === '') return truncated || a === '';
      const words = a.split(/\s+/);
      return truncated ? (a.startsWith(v) || words.some((w) => w.startsWith(v))) : (a === v || a.includes(v));
    }
    case '<': case '<=': case '>': case '>=': return compareRange(actual, op, text);
    default: throw new Error(`CQL: operator ${op} not supported by the fake`);
  }
}

/**
 * Range relations on dates (ISO strings) as the backend reads them: a date without time stands for
 * the whole day, so `<=` and `>` compare the day part only (UTC in the fake).
 */
function compareRange(actual: string | undefined, op: string, value: string): boolean {
  if (actual === undefined || actual === '') return false;
  const a = /^\d{4}-\d{2}-\d{2}$/.test(value) ? actual.slice(0, 10) : actual;
  if (op === '<') return a < value;
  if (op === '<=') return a <= value;
  if (op === '>') return a > value;
  return a >= value;
}

export function evaluate(node: Node | undefined, get: (field: string) => string | undefined): boolean {
  if (!node) return true;
  if (node.kind === 'term') {
    if (node.field === 'cql.allRecords') return true;
    return matchTerm(get(node.field), node.op, node.value);
  }
  const l = evaluate(node.left, get);
  if (node.op === 'and') return l && evaluate(node.right, get);
  if (node.op === 'or') return l || evaluate(node.right, get);
  return l && !evaluate(node.right, get);
}
