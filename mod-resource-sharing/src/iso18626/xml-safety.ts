// Guards and character handling around the XML reader (xml-tree.ts) and writer.
// ISO 18626 never needs a DTD, so a DOCTYPE is refused (the reader stops as soon as it has read
// one, before any element): no entity expansion (billion laughs) and no external entity (file://,
// http://) can ever happen. checkXmlSafety names what is wrong with a document the reader refused.

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024; // 1 MiB

export type SafetyRefusal =
  | { reason: 'too-large'; bytes: number; limit: number }
  | { reason: 'dtd' }
  | { reason: 'character'; codePoint: number; offset: number };

/**
 * A character XML 1.0 forbids in a document, even escaped: C0 controls other than tab, newline and
 * carriage return (U+0000 above all, which no database text can hold), U+FFFE/U+FFFF, and lone
 * UTF-16 surrogates (a string decoded from bytes never has them, but a caller's string may).
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses bodies over `maxBytes` (UTF-8), bodies with a DTD or entity declaration, and characters XML forbids. */
export function checkXmlSafety(xml: string, maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES): SafetyRefusal | undefined {
  const tooLarge = checkSize(xml, maxBytes);
  if (tooLarge) return tooLarge;
  if (/<!\s*(?:DOCTYPE|ENTITY)/i.test(xml)) return { reason: 'dtd' };
  return forbiddenCharacter(xml);
}

/** Refuses a body over `maxBytes` UTF-8 bytes (cheap: no copy, no scan when the length already tells). */
export function checkSize(xml: string, maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES): SafetyRefusal | undefined {
  // A string never has more UTF-16 units than UTF-8 bytes, so this cheap test comes first.
  if (xml.length > maxBytes) return { reason: 'too-large', bytes: Buffer.byteLength(xml, 'utf8'), limit: maxBytes };
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > maxBytes) return { reason: 'too-large', bytes, limit: maxBytes };
  return undefined;
}

/** The first character XML forbids, with its offset (see FORBIDDEN_CHARACTER). */
export function forbiddenCharacter(xml: string): SafetyRefusal | undefined {
  const bad = FORBIDDEN_CHARACTER.exec(xml);
  if (bad) return { reason: 'character', codePoint: bad[0].charCodeAt(0), offset: bad.index };
  return undefined;
}

/** A UTF-16 surrogate without its partner: only a caller's string can hold one (decoding never yields it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first lone surrogate, with its offset. */
export function loneSurrogate(xml: string): SafetyRefusal | undefined {
  const bad = LONE_SURROGATE.exec(xml);
  if (bad) return { reason: 'character', codePoint: bad[0].charCodeAt(0), offset: bad.index };
  return undefined;
}

/** `U+0000`. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export class UndecodableBody extends Error {}

/**
 * The text of a message body, decoded by the charset its Content-Type names, else by the encoding
 * its XML declaration names, else as UTF-8 (a UTF-8 or UTF-16 byte order mark wins over both, as
 * XML says). Bytes that are not valid in that encoding, and an encoding this runtime does not know,
 * throw UndecodableBody: the message cannot be read, and guessing would store mojibake.
 */
export function decodeBody(bytes: Uint8Array, contentTypeCharset?: string): string {
  let label: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (contentTypeCharset && contentTypeCharset.trim()) label = contentTypeCharset.trim().replace(/^["']|["']$/g, '');
  else {
    // The declaration is ASCII in every encoding a partner may use for ISO 18626.
    const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
    label = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(head)?.[1] ?? 'utf-8';
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new UndecodableBody(`unknown character encoding ${JSON.stringify(label.slice(0, 40))}`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new UndecodableBody(`the body is not valid ${decoder.encoding}`);
  }
}

/** Is `cp` a character XML 1.0 allows in a document? */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export class InvalidCharacterReference extends Error {}

function codePointOf(ref: string): number {
  const cp = ref[0] === 'x' || ref[0] === 'X' ? Number.parseInt(ref.slice(1), 16) : Number.parseInt(ref, 10);
  if (!Number.isFinite(cp) || !isXmlChar(cp)) throw new InvalidCharacterReference(`&#${ref};`);
  return cp;
}

/** Decodes the five predefined entities and numeric references in one pass (used by the sniffer). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(?:#(x[0-9A-Fa-f]{1,8}|[0-9]{1,10})|(amp|lt|gt|quot|apos));/g, (match, ref?: string, name?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? match;
    try {
      return String.fromCodePoint(codePointOf(ref ?? ''));
    } catch {
      return match;
    }
  });
}

/**
 * Escapes text for element content or a double-quoted attribute value. Characters XML 1.0 cannot
 * carry at all (e.g. U+0000, lone surrogates) become U+FFFD; carriage returns are written as `&#13;`
 * and, in attributes, tabs and newlines as references too, so a receiving parser's end-of-line
 * normalisation cannot alter free text such as notes.
 */
export function escapeXml(text: string, inAttribute = false): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += inAttribute ? '&quot;' : ch;
        break;
      case '\r':
        out += '&#13;';
        break;
      case '\n':
        out += inAttribute ? '&#10;' : ch;
        break;
      case '\t':
        out += inAttribute ? '&#9;' : ch;
        break;
      default:
        out += isXmlChar(cp) ? ch : '\uFFFD';
    }
  }
  return out;
}
