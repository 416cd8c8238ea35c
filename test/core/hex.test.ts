/**
 * Hex and byte helpers (src/bytes/hex.ts): strict about characters, loose about layout.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bcdDigits,
  concatBytes,
  equalBytes,
  fromHex,
  ParseError,
  toAscii,
  toHex,
} from '../../src/index.js';
import { isPrintableAscii, startsWith, toUint } from '../../src/bytes/hex.js';

function parseError(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a ParseError');
}

describe('toHex', () => {
  it('writes upper-case hex without separators by default', () => {
    expect(toHex(Uint8Array.of(0x6a, 0x82, 0x00, 0xff))).toBe('6A8200FF');
    expect(toHex([0x0a, 0xbc])).toBe('0ABC');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('puts the separator between bytes only', () => {
    expect(toHex(Uint8Array.of(0x90, 0x00), ' ')).toBe('90 00');
    expect(toHex(Uint8Array.of(0x90), ':')).toBe('90');
  });
});

describe('fromHex', () => {
  it('reads any case', () => {
    expect([...fromHex('6f1A')]).toEqual([0x6f, 0x1a]);
    expect([...fromHex('')]).toEqual([]);
  });

  it('ignores whitespace, colon, dash and comma separators between bytes', () => {
    expect([...fromHex('6F 1A\t00\r\n90:00-61,2C')]).toEqual([
      0x6f, 0x1a, 0x00, 0x90, 0x00, 0x61, 0x2c,
    ]);
    expect([...fromHex('  90 00  ')]).toEqual([0x90, 0x00]);
  });

  it('ignores 0x prefixes, whole or per byte', () => {
    expect([...fromHex('0x6F1A')]).toEqual([0x6f, 0x1a]);
    expect([...fromHex('0x6F 0X1a')]).toEqual([0x6f, 0x1a]);
  });

  it('reports a bad character with its 0-based position', () => {
    const e = parseError(() => fromHex('6F 1G'));
    expect(e.code).toBe('HEX_INVALID');
    expect(e.offset).toBe(4);
    expect(e.message).toContain('position 4');
    expect(e.message).toContain('"G"');
  });

  it('refuses a separator inside a byte, at its position', () => {
    const e = parseError(() => fromHex('6 F'));
    expect(e.offset).toBe(1);
  });

  it('refuses separators and prefixes in strict mode', () => {
    expect(parseError(() => fromHex('6F 1A', false)).offset).toBe(2);
    expect(parseError(() => fromHex('0x6F', false)).offset).toBe(1);
    expect([...fromHex('6F1A', false)]).toEqual([0x6f, 0x1a]);
  });

  it('refuses an odd number of digits', () => {
    const e = parseError(() => fromHex('6F1'));
    expect(e.code).toBe('HEX_INVALID');
    expect(e.message).toMatch(/odd/);
  });

  it('names the unpaired digit, and takes a leading dash for a bad character', () => {
    const odd = parseError(() => fromHex('6F 1'));
    expect(odd.message).toBe('odd number of hex digits: the last, "1" at position 3, has no pair');
    expect(odd.offset).toBe(3);

    const dash = parseError(() => fromHex('-1'));
    expect(dash.message).toBe('invalid hex character "-" at position 0');
    expect(dash.offset).toBe(0);
    expect([...fromHex('6F-1A - 90')]).toEqual([0x6f, 0x1a, 0x90]);
  });

  it('round-trips any bytes through toHex, with or without separators', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom('', ' ', ':', '-'),
        (bytes, sep) => {
          expect(equalBytes(fromHex(toHex(bytes, sep)), bytes)).toBe(true);
          expect(equalBytes(fromHex(toHex(bytes).toLowerCase()), bytes)).toBe(true);
        },
      ),
    );
  });

  it('only ever throws ParseError on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          fromHex(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
    );
  });
});

describe('byte helpers', () => {
  it('concatBytes joins in order and equalBytes compares content', () => {
    const joined = concatBytes(Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3));
    expect([...joined]).toEqual([1, 2, 3]);
    expect(equalBytes(joined, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(equalBytes(joined, Uint8Array.of(1, 2))).toBe(false);
    expect(equalBytes(joined, Uint8Array.of(1, 2, 4))).toBe(false);
    expect(startsWith(joined, Uint8Array.of(1, 2))).toBe(true);
    expect(startsWith(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
  });

  it('bcdDigits stops at the first F nibble (cn padding)', () => {
    expect(bcdDigits(fromHex('5413330089600044'))).toBe('5413330089600044');
    expect(bcdDigits(fromHex('374245001741007F'))).toBe('374245001741007');
    expect(bcdDigits(fromHex('12FFFF'))).toBe('12');
    expect(bcdDigits(fromHex('F1'))).toBe('');
  });

  it('toAscii keeps printable ASCII and replaces the rest', () => {
    expect(toAscii(fromHex('46554C4C2F46554E4354494F4E414C'))).toBe('FULL/FUNCTIONAL');
    expect(toAscii(fromHex('41 00 B1'))).toBe('A\uFFFD\uFFFD');
    expect(isPrintableAscii(fromHex('2041'))).toBe(true);
    expect(isPrintableAscii(fromHex('41A0'))).toBe(false);
  });

  it('toUint reads big-endian integers up to 6 bytes', () => {
    expect(toUint(fromHex('062C'))).toBe(1580);
    expect(toUint(fromHex('FFFFFFFFFFFF'))).toBe(2 ** 48 - 1);
    expect(toUint(new Uint8Array(0))).toBe(0);
  });
});
