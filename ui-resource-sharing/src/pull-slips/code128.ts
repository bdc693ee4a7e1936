// Code 128 (ISO/IEC 15417) for the barcodes on pull slips: code set B for text, code set C for
// runs of digits (two digits per symbol), a modulo-103 check symbol, and the stop pattern.
// Answers bar/space module widths, which Barcode128.tsx draws as SVG rectangles.

/** Widths (bar, space, bar, space, bar, space) of the symbol values 0-105, each 11 modules wide. */
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232',
];
/** The stop pattern: 13 modules, ending with the 2-module termination bar. */
const STOP = '2331112';

export const START_B = 104;
export const START_C = 105;
const CODE_B = 100;
const CODE_C = 99;

export class Code128Error extends Error {}

const isDigit = (c: string) => c >= '0' && c <= '9';

function digitRun(text: string, from: number): number {
  let n = 0;
  while (from + n < text.length && isDigit(text[from + n])) n += 1;
  return n;
}

/**
 * The symbol values for `text` (printable ASCII), start symbol first, without check and stop.
 * Code set C is used where it makes the barcode shorter: a leading run of 4+ digits (or a text of
 * only 2+ digits), and runs of 6+ digits later (4+ at the end); an odd run keeps its first digit in B.
 */
export function code128Values(text: string): number[] {
  if (text.length === 0) throw new Code128Error('Nothing to encode');
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code < 32 || code > 126) throw new Code128Error(`Code 128 (set B) cannot encode "${ch}"`);
  }
  const leading = digitRun(text, 0);
  const onlyDigits = leading === text.length;
  let set: 'B' | 'C' = (onlyDigits && leading % 2 === 0) || (!onlyDigits && leading >= 4) ? 'C' : 'B';
  const values: number[] = [set === 'C' ? START_C : START_B];
  let i = 0;
  while (i < text.length) {
    const run = digitRun(text, i);
    if (set === 'C') {
      if (run >= 2) {
        values.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      values.push(CODE_B);
      set = 'B';
    }
    const atEnd = i + run === text.length;
    const worthC = run >= 6 || (atEnd && run >= 4) || (i === 0 && atEnd && run >= 3);
    if (worthC && run % 2 === 0) {
      values.push(CODE_C);
      set = 'C';
      continue;
    }
    if (worthC && run % 2 === 1) {
      values.push(text.charCodeAt(i) - 32);
      i += 1;
      values.push(CODE_C);
      set = 'C';
      continue;
    }
    values.push(text.charCodeAt(i) - 32);
    i += 1;
  }
  return values;
}

/** The modulo-103 check value: start value plus each later value times its position. */
export function code128Checksum(values: number[]): number {
  return values.reduce((sum, v, i) => sum + (i === 0 ? v : v * i), 0) % 103;
}

/** Module widths of the whole symbol, bar first: start, data, check, stop (no quiet zones). */
export function code128Widths(text: string): number[] {
  const values = code128Values(text);
  const patterns = [...values, code128Checksum(values)].map((v) => PATTERNS[v]);
  return (patterns.join('') + STOP).split('').map(Number);
}

/** The symbol as a string of 1 (bar module) and 0 (space module). */
export function code128Bits(text: string): string {
  return code128Widths(text).map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w)).join('');
}
