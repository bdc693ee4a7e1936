// What a broker adds to the notes it forwards: `Supplier: {symbol}` (opaque mode names the real
// supplier this way) and `Vendor: {vendor}`, each followed by the separator (`, ` by default).
// Staff read the note without them.

export interface BrokerNote {
  /** the real supplier, from a `Supplier:` prefix */
  supplier?: string;
  /** the supplier's system, from a `Vendor:` prefix */
  vendor?: string;
  /** the note as the supplier wrote it; undefined when nothing is left */
  note?: string;
}

// A field runs to the first separator: `, `, `; `, ` | ` or a line break (brokers let operators
// choose the separator); a symbol or a vendor name never contains one.
const FIELD = /^\s*(Supplier|Vendor)\s*:\s*([^,;|\r\n]*?)\s*(?:,\s|;\s|\s\|\s|\r?\n|$)/i;

export function parseBrokerNote(raw: string | undefined): BrokerNote {
  if (raw === undefined) return {};
  const out: BrokerNote = {};
  let rest = raw;
  for (let i = 0; i < 4; i++) {
    const m = FIELD.exec(rest);
    if (!m || !m[2]) break;
    const key = m[1].toLowerCase() as 'supplier' | 'vendor';
    if (out[key] !== undefined) break;
    out[key] = m[2];
    rest = rest.slice(m[0].length);
  }
  if (out.supplier === undefined && out.vendor === undefined) return { note: raw };
  const note = rest.trim();
  if (note) out.note = note;
  return out;
}
