/**
 * Validation of terms for typed fields, so that a bad value is reported as a
 * CqlFieldError (422) instead of reaching PostgreSQL as a failing cast.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?$/;
const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export function isNumber(text: string): boolean {
  return NUMBER.test(text);
}

/** Returns 'true' / 'false' for a boolean term (case-insensitive), otherwise null. */
export function parseBooleanTerm(text: string): 'true' | 'false' | null {
  const lower = text.toLowerCase();
  return lower === 'true' || lower === 'false' ? lower : null;
}

export interface DateTerm {
  /** The value to pass as `$n::timestamptz`. */
  value: string;
  /** For a date without time: the following day (YYYY-MM-DD), so the term can mean the whole day. */
  nextDay: string | null;
}

/** A UTC date; avoids Date.UTC's mapping of years 0-99 to 1900-1999. */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utcDate(year, month, 0).getUTCDate();
}

/** ISO 8601 date or date-time with a real calendar date, or null. */
export function parseDateTerm(text: string): DateTerm | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) return null;
    const zone = m[8];
    if (zone !== undefined && zone.toUpperCase() !== 'Z') {
      const digits = zone.slice(1).replace(':', '');
      if (Number(digits.slice(0, 2)) > 15 || (digits.length > 2 && Number(digits.slice(2)) > 59)) return null;
    }
    return { value: text, nextDay: null };
  }
  const next = utcDate(year, month - 1, day + 1);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const nextDay = `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1, 2)}-${pad(next.getUTCDate(), 2)}`;
  return { value: text, nextDay };
}
