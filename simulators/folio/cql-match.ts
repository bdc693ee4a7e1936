// The small piece of CQL the simulator answers: `field==value` (with * truncation), `field=value`
// (all words), `<>`, `field =/@value "x"` over arrays of objects (FOLIO's identifiers search),
// `cql.allRecords=1`, and/or/not, parentheses; `sortby` is ignored.

type Node =
  | { op: 'and' | 'or' | 'not'; left: Node; right: Node }
  | { op: 'term'; index: string; relation: string; modifier: string | null; value: string };

interface Token {
  kind: 'lp' | 'rp' | 'rel' | 'word' | 'string';
  text: string;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c === '(' ? 'lp' : 'rp', text: c });
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i] + src[i + 1]; // keep escapes: they matter for masking characters
          i += 2;
        } else {
          s += src[i++];
        }
      }
      i++;
      out.push({ kind: 'string', text: s });
    } else if ('=<>'.includes(c)) {
      let rel = c;
      i++;
      while (i < src.length && '=<>'.includes(src[i])) rel += src[i++];
      while (src[i] === '/') {
        let mod = '/';
        i++;
        while (i < src.length && /[^\s()"]/.test(src[i]) && !'=<>'.includes(src[i])) mod += src[i++];
        rel += mod;
      }
      out.push({ kind: 'rel', text: rel });
    } else {
      let w = '';
      while (i < src.length && !/[\s()"=<>]/.test(src[i])) w += src[i++];
      out.push({ kind: 'word', text: w });
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node | null {
    if (this.tokens.length === 0) return null;
    const node = this.expr();
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private expr(): Node {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      if (!t || t.kind !== 'word') return left;
      const w = t.text.toLowerCase();
      if (w === 'sortby') {
        this.pos = this.tokens.length;
        return left;
      }
      if (w !== 'and' && w !== 'or' && w !== 'not') return left;
      this.pos++;
      left = { op: w, left, right: this.term() };
    }
  }

  private term(): Node {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error('CQL: unexpected end of query');
    if (t.kind === 'lp') {
      const inner = this.expr();
      if (this.tokens[this.pos++]?.kind !== 'rp') throw new Error('CQL: missing )');
      return inner;
    }
    const rel = this.peek();
    if (rel?.kind === 'rel') {
      this.pos++;
      const v = this.tokens[this.pos++];
      if (!v || (v.kind !== 'word' && v.kind !== 'string')) throw new Error(`CQL: missing value after ${t.text}${rel.text}`);
      const [relation, ...mods] = rel.text.split('/');
      return { op: 'term', index: t.text, relation, modifier: mods.length ? mods.join('/') : null, value: v.text };
    }
    // a bare term searches everything (cql.serverChoice); the simulator treats it as "any field"
    return { op: 'term', index: 'cql.serverChoice', relation: '=', modifier: null, value: t.text };
  }
}

function unescape(v: string): string {
  return v.replace(/\\(.)/g, '$1');
}

/** A CQL value as a regexp: unescaped * matches anything, ? one character. */
function valuePattern(v: string, whole: boolean): RegExp {
  let re = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\' && i + 1 < v.length) {
      re += v[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(whole ? `^${re}$` : re, 'i');
}

function valuesAt(record: unknown, dotted: string): unknown[] {
  let current: unknown[] = [record];
  for (const part of dotted.split('.')) {
    const next: unknown[] = [];
    for (const c of current) {
      if (Array.isArray(c)) {
        for (const el of c) if (el && typeof el === 'object') next.push((el as Record<string, unknown>)[part]);
      } else if (c && typeof c === 'object') {
        next.push((c as Record<string, unknown>)[part]);
      }
    }
    current = next.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
  }
  return current;
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function matchTerm(record: unknown, t: Extract<Node, { op: 'term' }>): boolean {
  if (t.index === 'cql.allRecords') return true;
  let values = valuesAt(record, t.index);
  if (t.modifier?.startsWith('@')) {
    const sub = t.modifier.slice(1);
    values = values.flatMap((v) => (v && typeof v === 'object' ? valuesAt(v, sub) : []));
  }
  const strings = values.map(scalar).filter((s): s is string => s !== null);
  if (t.index === 'cql.serverChoice') return JSON.stringify(record).toLowerCase().includes(unescape(t.value).toLowerCase());
  switch (t.relation) {
    case '==':
      return strings.some((s) => valuePattern(t.value, true).test(s));
    case '=': {
      if (t.value === '') return values.length > 0;
      const words = t.value.split(/\s+/).filter(Boolean);
      return strings.some((s) => words.every((w) => valuePattern(w, false).test(s)));
    }
    case '<>':
      return !strings.some((s) => valuePattern(t.value, true).test(s));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const v = unescape(t.value);
      return strings.some((s) => (t.relation === '<' ? s < v : t.relation === '<=' ? s <= v : t.relation === '>' ? s > v : s >= v));
    }
    default:
      throw new Error(`CQL: relation ${t.relation} is not supported by the simulator`);
  }
}

function evaluate(record: unknown, n: Node): boolean {
  switch (n.op) {
    case 'term':
      return matchTerm(record, n);
    case 'and':
      return evaluate(record, n.left) && evaluate(record, n.right);
    case 'or':
      return evaluate(record, n.left) || evaluate(record, n.right);
    case 'not':
      return evaluate(record, n.left) && !evaluate(record, n.right);
  }
}

/** A predicate for `query`; throws Error on a query the simulator cannot read. */
export function cqlMatcher(query: string | undefined): (record: unknown) => boolean {
  if (!query || !query.trim()) return () => true;
  const tree = new Parser(tokenize(query)).parse();
  if (!tree) return () => true;
  return (record) => evaluate(record, tree);
}
