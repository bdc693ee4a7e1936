/** Decoding of CQL search terms: backslash escapes, masking characters, words. */

export interface TermChar {
  /** One Unicode code point. */
  ch: string;
  /** Set for an unescaped masking character: `*` (any run) or `?` (one character). */
  mask: '*' | '?' | null;
}

/** Decodes a raw term (escapes kept) into characters; unescaped `*`/`?` become masks unless `unmasked`. */
export function decodeTerm(raw: string, masked = true): TermChar[] {
  const chars: TermChar[] = [];
  const points = Array.from(raw);
  for (let i = 0; i < points.length; i++) {
    const ch = points[i];
    if (ch === '\\' && i + 1 < points.length) {
      chars.push({ ch: points[++i], mask: null });
    } else if (masked && (ch === '*' || ch === '?')) {
      chars.push({ ch, mask: ch });
    } else {
      chars.push({ ch, mask: null });
    }
  }
  return chars;
}

export function hasMask(chars: TermChar[]): boolean {
  return chars.some((c) => c.mask !== null);
}

/** The literal text of the term, masking characters included as written. */
export function termText(chars: TermChar[]): string {
  return chars.map((c) => c.ch).join('');
}

/** A LIKE pattern (escape character `\`): user's `%`, `_`, `\` are escaped; `*` -> `%`, `?` -> `_`. */
export function likePattern(chars: TermChar[]): string {
  let out = '';
  for (const c of chars) {
    if (c.mask === '*') out += '%';
    else if (c.mask === '?') out += '_';
    else if (c.ch === '%' || c.ch === '_' || c.ch === '\\') out += '\\' + c.ch;
    else out += c.ch;
  }
  return out;
}

export interface TermWord {
  text: string;
  /** The word was directly followed by an unescaped `*`: match it as a prefix. */
  prefix: boolean;
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
/** Longer words are cut and matched as a prefix (tsquery operands have a size limit). */
export const MAX_WORD_LENGTH = 200;

/** Words of the term: runs of letters, marks and digits; anything else separates words. */
export function termWords(chars: TermChar[]): TermWord[] {
  const words: TermWord[] = [];
  let current: string[] = [];
  const flush = (prefix: boolean): void => {
    if (current.length === 0) return;
    const cut = current.length > MAX_WORD_LENGTH;
    words.push({ text: current.slice(0, MAX_WORD_LENGTH).join(''), prefix: prefix || cut });
    current = [];
  };
  for (const c of chars) {
    if (c.mask === null && WORD_CHAR.test(c.ch)) {
      current.push(c.ch);
    } else {
      flush(c.mask === '*');
    }
  }
  flush(false);
  return words;
}
