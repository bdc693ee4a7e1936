// Timestamps: read leniently, write strictly (RFC 3339 / xs:dateTime, UTC, `Z`).

const DATE_TIME =
  /^(\d{4,})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses what peers send as an xs:dateTime: RFC 3339 (`2025-01-15T10:00:00Z`, `...+01:00`,
 * fractional seconds), offsets without a colon (`+0000`) or minutes (`+01`), a space instead of `T`,
 * no offset at all (taken as UTC), `UTC`/`GMT`, and a bare date (midnight UTC).
 * Returns undefined when the text is not a real date and time.
 */
export function parseDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  let hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || second > 60) return undefined;
  let endOfDay = false;
  if (hour === 24 && minute === 0 && second === 0) {
    hour = 0;
    endOfDay = true; // xs:dateTime allows 24:00:00 = next day 00:00:00
  } else if (hour > 23) return undefined;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years 0..99 as written
  date.setUTCHours(hour, minute, Math.min(second, 59), ms);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined; // 31 Feb
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z' && zone !== 'UTC' && zone !== 'GMT') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const time = date.getTime() - offsetMinutes * 60_000 + (endOfDay ? 86_400_000 : 0);
  const result = new Date(time);
  // xs:dateTime allows more, but no date outside 0001..9999 can be written back or stored as a date
  return isWritableDate(result) ? result : undefined;
}

/** Is `d` a Date the emitter can write (valid, years 0001..9999)? */
export function isWritableDate(d: unknown): d is Date {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return false;
  const y = d.getUTCFullYear();
  return y >= 1 && y <= 9999;
}

/** RFC 3339 UTC, e.g. `2025-01-15T10:00:00Z` (milliseconds only when not zero). */
export function formatDateTime(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
