import assert from 'node:assert/strict';
import { Code128Error, code128Bits, code128Checksum, code128Values, code128Widths } from './code128.ts';

// Published encodings: a GS1-style digit string (iText's Barcode128 test data, all code set C) and
// a two-digit string written out module by module; the rest follows from the symbol table.
describe('Code 128 encoder (pull slip barcodes)', () => {
  it('encodes a string of digits in code set C exactly as published', () => {
    const expected = [
      2, 1, 1, 2, 3, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 3, 2, 2, 2, 2, 2, 1, 2, 2, 3, 1, 2, 1, 3, 1, 1, 1,
      3, 1, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 2, 3, 1, 3, 1, 1, 3, 2, 2, 2, 1, 2, 1, 2, 2, 3, 1, 1, 2,
      2, 3, 2, 2, 1, 2, 3, 2, 1, 2, 2, 1, 3, 1, 2, 1, 1, 2, 2, 3, 2, 1, 3, 1, 1, 2, 3, 3, 3, 1, 1, 2, 1, 2, 2, 3, 1,
      1, 2, 2, 3, 3, 1, 1, 1, 2,
    ];
    assert.deepEqual(code128Widths('01040123453333361503123110123456'), expected);
  });

  it('writes "00" as start C, 00, check, stop in bar/space modules', () => {
    assert.equal(code128Bits('00'), ['11010011100', '11011001100', '11001100110', '1100011101011'].join(''));
  });

  it('uses code set B for a request id, with the modulo-103 check value', () => {
    // Start B (104), "A" = 33: check (104 + 33) mod 103 = 34
    assert.deepEqual(code128Values('A'), [104, 33]);
    assert.equal(code128Checksum([104, 33]), 34);
    assert.equal(code128Bits('A'), ['11010010000', '10100011000', '10001011000', '1100011101011'].join(''));
    // "PJJ123C": 104 + 48 + 2·42 + 3·42 + 4·17 + 5·18 + 6·19 + 7·35 = 879; 879 mod 103 = 55
    assert.equal(code128Checksum(code128Values('PJJ123C')), 55);
  });

  it('switches to code set C for long digit runs and back to B', () => {
    // SOUTH-123456: letters in B, then CODE C (99) and three digit pairs
    assert.deepEqual(code128Values('SOUTH-123456'), [104, 51, 47, 53, 52, 40, 13, 99, 12, 34, 56]);
    // 4+ leading digits start in C; an odd run leaves its last digit to B after CODE B (100)
    assert.deepEqual(code128Values('12345X'), [105, 12, 34, 100, 21, 56]);
    // short digit runs stay in B
    assert.deepEqual(code128Values('EAST-12'), [104, 37, 33, 51, 52, 13, 17, 18]);
    // an odd number of digits only: the first in B, the rest in C
    assert.deepEqual(code128Values('12345'), [104, 17, 99, 23, 45]);
  });

  it('gives every symbol 11 modules and the stop 13, with a bar first and last', () => {
    for (const text of ['NORTH-7', '2024', 'a b~c', '1']) {
      const widths = code128Widths(text);
      const symbols = code128Values(text).length + 1;
      assert.equal(widths.reduce((a, b) => a + b, 0), symbols * 11 + 13, text);
      assert.equal(widths.length % 2, 1, 'odd count: starts and ends with a bar');
    }
  });

  it('refuses what code set B cannot carry', () => {
    assert.throws(() => code128Values(''), Code128Error);
    assert.throws(() => code128Values('Gödel'), /cannot encode "ö"/);
    assert.throws(() => code128Values('tab\there'), Code128Error);
  });
});
