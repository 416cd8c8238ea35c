/**
 * Data object lists (src/dol/dol.ts) and the terminal values that fill them
 * (src/dol/terminal.ts): EMV Book 3 §5.4.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BASE,
  fillDol,
  fitValue,
  fromHex,
  MAX_DOL_ENTRIES,
  ParseError,
  parseDol,
  PROFILES,
  profileSource,
  toHex,
  type DolEntry,
} from '../../src/index.js';

const VISA_ELECTRON_PDOL =
  '9F66 04 9F02 06 9F03 06 9F1A 02 95 05 5F2A 02 9A 03 9C 01 9F37 04 9A 03';

function dolError(hex: string): ParseError {
  try {
    parseDol(fromHex(hex));
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`expected ${hex} to fail`);
}

describe('parseDol', () => {
  it('keeps the order and every entry, a repeated tag included', () => {
    const entries = parseDol(fromHex(VISA_ELECTRON_PDOL));
    expect(entries.map((e) => [e.tag.toString(16).toUpperCase(), e.length])).toEqual([
      ['9F66', 4],
      ['9F02', 6],
      ['9F03', 6],
      ['9F1A', 2],
      ['95', 5],
      ['5F2A', 2],
      ['9A', 3],
      ['9C', 1],
      ['9F37', 4],
      ['9A', 3],
    ]);
  });

  it('reads three-byte tags and an empty list', () => {
    expect(parseDol(fromHex('DF8117 01 9F35 01'))).toEqual([
      { tag: 0xdf8117, length: 1 },
      { tag: 0x9f35, length: 1 },
    ]);
    expect(parseDol(new Uint8Array(0))).toEqual([]);
  });

  it('refuses malformed lists with DOL_INVALID and the entry offset', () => {
    expect(dolError('9F35 01 9F').code).toBe('DOL_INVALID');
    expect(dolError('9F35 01 9F').offset).toBe(3);
    expect(dolError('9F35 01 9A').offset).toBe(3);
    // A DOL length is one byte, 0-255 (Book 3 §5.4): 81 is 129 bytes, not a long form.
    expect(parseDol(fromHex('9F35 81 9F4E FF'))).toEqual([
      { tag: 0x9f35, length: 0x81 },
      { tag: 0x9f4e, length: 0xff },
    ]);
    expect(dolError('DF 81 81 81 81 01').code).toBe('DOL_INVALID');
    expect(dolError('9A 01 '.repeat(MAX_DOL_ENTRIES + 1)).message).toMatch(/more than/);
    expect(parseDol(fromHex('9A 01 '.repeat(MAX_DOL_ENTRIES)))).toHaveLength(MAX_DOL_ENTRIES);
  });
});

describe('fitValue (Book 3 §5.4)', () => {
  it('n: left-padded with 00, truncated on the left', () => {
    expect(toHex(fitValue(fromHex('0840'), 3, 'n'))).toBe('000840');
    expect(toHex(fitValue(fromHex('000000000100'), 2, 'n'))).toBe('0100');
  });

  it('cn: right-padded with FF, truncated on the right', () => {
    expect(toHex(fitValue(fromHex('1234'), 4, 'cn'))).toBe('1234FFFF');
    expect(toHex(fitValue(fromHex('123456'), 2, 'cn'))).toBe('1234');
  });

  it('b, an, ans: right-padded with 00, truncated on the right', () => {
    expect(toHex(fitValue(fromHex('3600'), 4, 'b'))).toBe('36000000');
    expect(toHex(fitValue(fromHex('36004000'), 2, 'b'))).toBe('3600');
    expect(toHex(fitValue(fromHex('4142'), 4, 'ans'))).toBe('41420000');
    expect(toHex(fitValue(fromHex('414243'), 1, 'an'))).toBe('41');
  });

  it('exact lengths are kept and zero length gives nothing', () => {
    expect(toHex(fitValue(fromHex('0840'), 2, 'n'))).toBe('0840');
    expect(fitValue(fromHex('0840'), 0, 'n')).toHaveLength(0);
  });
});

describe('fillDol', () => {
  const date = new Date(Date.UTC(2026, 0, 31, 13, 45, 7));
  const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => 0xa0 + i);
  const source = profileSource(PROFILES[0], { date, random });

  it('fills the Visa Electron PDOL (9A twice) to 36 bytes, in order', () => {
    const data = fillDol(parseDol(fromHex(VISA_ELECTRON_PDOL)), source);
    expect(data.length).toBe(36);
    expect(toHex(data)).toBe(
      BASE['9F66'].value +
        BASE['9F02'].value +
        BASE['9F03'].value +
        '0840' +
        '0000000000' +
        '0840' +
        '260131' +
        '00' +
        'A0A1A2A3' +
        '260131',
    );
  });

  it('fills 9F21 with the time and zero-fills unknown tags', () => {
    const data = fillDol(parseDol(fromHex('9F21 03 9F70 03 DF7F 02 9F35 01')), source);
    expect(toHex(data)).toBe('134507' + '000000' + '0000' + '22');
  });

  it('pads and truncates terminal values by their format', () => {
    const data = fillDol(parseDol(fromHex('9F1A 03 9F66 06 9F02 02 9F4E 10')), source);
    expect(toHex(data.subarray(0, 3))).toBe('000840');
    expect(toHex(data.subarray(3, 9))).toBe(BASE['9F66'].value + '0000');
    expect(toHex(data.subarray(9, 11))).toBe('0000');
    expect(toHex(data.subarray(11))).toBe(BASE['9F4E'].value + '0000');
  });

  it('a later profile changes only what it overrides', () => {
    const s = profileSource(PROFILES[1], { date, random });
    expect(toHex(fillDol(parseDol(fromHex('9F02 06 9F1A 02')), s))).toBe('000000000100' + '0840');
    expect(PROFILES[PROFILES.length - 1].emptyPdol).toBe(true);
  });

  it('asks the random source once per read for 9F37', () => {
    let calls = 0;
    const s = profileSource(PROFILES[0], {
      date,
      random: (n) => (calls++, new Uint8Array(n).fill(7)),
    });
    const data = fillDol(parseDol(fromHex('9F37 04 9F37 04')), s);
    expect(toHex(data)).toBe('07070707' + '07070707');
    expect(calls).toBe(1);
  });

  it('property: a filled DOL is exactly as long as the lengths it lists', () => {
    const tagArb = fc.oneof(
      fc.constantFrom(
        0x9f66,
        0x9f02,
        0x9a,
        0x9c,
        0x9f37,
        0x5f2a,
        0x9f1a,
        0x95,
        0x9f4e,
        0x9f35,
        0x9f33,
        0x9f21,
      ),
      fc.integer({ min: 0x9f01, max: 0x9f7f }),
      fc.integer({ min: 0x01, max: 0x1e }).map((n) => 0x80 | n),
    );
    const entryArb = fc.record({ tag: tagArb, length: fc.integer({ min: 0, max: 127 }) });
    fc.assert(
      fc.property(
        fc.array(entryArb, { maxLength: MAX_DOL_ENTRIES }),
        fc.constantFrom(...PROFILES),
        (entries: DolEntry[], profile) => {
          const data = fillDol(entries, profileSource(profile, { date, random }));
          expect(data.length).toBe(entries.reduce((n, e) => n + e.length, 0));
        },
      ),
    );
  });

  it('property: parseDol reads back any list of (tag, length) it is given', () => {
    const entryArb = fc.record({
      tag: fc.oneof(
        fc.integer({ min: 0x9f01, max: 0x9f7f }),
        fc.constantFrom(0x9a, 0x9c, 0x95, 0x5f2a),
      ),
      length: fc.integer({ min: 0, max: 127 }),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: MAX_DOL_ENTRIES }), (entries) => {
        const bytes = entries.flatMap((e) => [...fromHex(e.tag.toString(16)), e.length]);
        expect(parseDol(Uint8Array.from(bytes))).toEqual(entries);
      }),
    );
  });

  it('property: arbitrary bytes only ever raise ParseError from parseDol', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          parseDol(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
