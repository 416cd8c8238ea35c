/**
 * BER-TLV (src/tlv/tlv.ts) against EMV Book 3 Annex B: tags (B1), lengths (B2), padding
 * between elements, limits, views, strict and lenient faults; plus fast-check properties.
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeTlv,
  decodeTlvLenient,
  encodeTlv,
  findAllTlv,
  findTlv,
  flattenTlv,
  fromHex,
  ParseError,
  PaycardError,
  parseTag,
  tagHex,
  toHex,
  type Tlv,
  type TlvNode,
} from '../../src/index.js';
import { encodeLength, encodeTag, isConstructed } from '../../src/tlv/tlv.js';

function strictError(hex: string, options = {}): ParseError {
  try {
    decodeTlv(fromHex(hex), options);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`expected ${hex} to fail`);
}

const tags = (list: readonly Tlv[] | undefined) => (list ?? []).map((e) => tagHex(e.tag));

describe('tags (Book 3 Annex B1)', () => {
  it('reads one-, two- and three-byte tags', () => {
    const [e] = decodeTlv(fromHex('9F38 03 9F 35 01'));
    expect(e.tag).toBe(0x9f38);
    expect(toHex(e.value)).toBe('9F3501');
    expect(decodeTlv(fromHex('BF0C 00'))[0].tag).toBe(0xbf0c);
    expect(decodeTlv(fromHex('DF8117 01 00'))[0].tag).toBe(0xdf8117);
    expect(decodeTlv(fromHex('5A 01 41'))[0].tag).toBe(0x5a);
  });

  it('formats and parses tag numbers', () => {
    expect(tagHex(0x9f38)).toBe('9F38');
    expect(tagHex(0x5a)).toBe('5A');
    expect(tagHex(0xdf8117)).toBe('DF8117');
    expect(parseTag('9f38')).toBe(0x9f38);
    expect(() => parseTag('9F3')).toThrow(TypeError);
    expect(isConstructed(0xbf0c)).toBe(true);
    expect(isConstructed(0x70)).toBe(true);
    expect(isConstructed(0x9f38)).toBe(false);
    expect(toHex(encodeTag(0xdf8117))).toBe('DF8117');
  });

  it('refuses a tag longer than 4 bytes', () => {
    const e = strictError('DF 81 81 81 81 01 00');
    expect(e.code).toBe('TLV_INVALID');
    expect(e.offset).toBe(0);
  });
});

describe('lengths (Annex B2)', () => {
  it('reads short and long forms', () => {
    const v129 = '00'.repeat(129);
    expect(decodeTlv(fromHex('70 81 81' + v129))[0].value.length).toBe(129);
    const v300 = 'AB'.repeat(300);
    const [big] = decodeTlv(fromHex('9F46 82 01 2C' + v300));
    expect(big.value.length).toBe(300);
    expect(decodeTlv(fromHex('5A 81 01 41'))[0].value.length).toBe(1);
  });

  it('encodes the minimal form', () => {
    expect(toHex(encodeLength(0x7f))).toBe('7F');
    expect(toHex(encodeLength(0x80))).toBe('8180');
    expect(toHex(encodeLength(0x100))).toBe('820100');
    expect(toHex(encodeLength(0x10000))).toBe('83010000');
  });

  it('refuses the indefinite form and lengths of more than 4 bytes', () => {
    expect(strictError('70 80 00 00').code).toBe('TLV_INVALID');
    const e = strictError('70 85 00 00 00 00 01 00');
    expect(e.code).toBe('TLV_INVALID');
    expect(e.offset).toBe(1);
  });
});

describe('values', () => {
  it('accepts empty values', () => {
    const [fci] = decodeTlv(fromHex('6F 04 84 00 A5 00'));
    expect(fci.children!.map((c) => [tagHex(c.tag), c.value.length])).toEqual([
      ['84', 0],
      ['A5', 0],
    ]);
    expect(fci.children![1].children).toEqual([]);
  });

  it('are views into the input (same buffer), not copies', () => {
    const input = fromHex('00 6F 07 84 05 A0 00 00 00 03');
    const [fci] = decodeTlv(input);
    const df = fci.children![0];
    expect(df.value.buffer).toBe(input.buffer);
    expect(df.value.byteOffset).toBe(input.byteOffset + 5);
    input[5] = 0xb0;
    expect(df.value[0]).toBe(0xb0);
    expect(fci.offset).toBe(1);
    expect(df.offset).toBe(3);
  });
});

describe('padding between elements (Annex B: 00 and FF)', () => {
  it('is skipped at the top level and at any depth', () => {
    const list = decodeTlv(fromHex('00 FF 70 0B 00 A5 06 FF 5A 01 41 00 00 FF 00 FF'));
    expect(tags(list)).toEqual(['70']);
    const a5 = list[0].children![0];
    expect(tagHex(a5.tag)).toBe('A5');
    expect(tags(a5.children)).toEqual(['5A']);
  });

  it('decodes 5F34 and 9F57 across FF padding, not a 5-byte tag (issue 4, input 4)', () => {
    const [record] = decodeTlv(fromHex('70 0C 5F 34 01 01 FF FF FF 9F 57 02 08 40'));
    expect(tags(record.children)).toEqual(['5F34', '9F57']);
    expect(toHex(record.children![1].value)).toBe('0840');
  });

  it('reads the FF-padded public Visa test record (issue 4, input 4)', () => {
    const hex =
      '70 59' +
      ' FF'.repeat(50) +
      ' 57 13 47 61 73 90 01 01 00 10 D2 01 21 20 00 12 33 99 00 03 1F' +
      ' 5F 20 0F 46 55 4C 4C 2F 46 55 4E 43 54 49 4F 4E 41 4C';
    const [record] = decodeTlv(fromHex(hex));
    expect(tags(record.children)).toEqual(['57', '5F20']);
    expect(toHex(findTlv([record], 0x57)!.value)).toBe('4761739001010010D20121200012339900031F');
  });
});

describe('faults', () => {
  it('a value longer than the input: TLV_TRUNCATED at the tag offset', () => {
    const e = strictError('90 00 5A 08 41 11');
    expect(e.code).toBe('TLV_TRUNCATED');
    expect(e.offset).toBe(2);
    expect(e.message).toMatch(/5A/);
    expect(e.message).toMatch(/offset 2/);
  });

  it('a tag or length cut short', () => {
    expect(strictError('9F').offset).toBe(0);
    expect(strictError('9F').code).toBe('TLV_TRUNCATED');
    expect(strictError('84 00 5A').offset).toBe(2);
    expect(strictError('5A 82 01').code).toBe('TLV_TRUNCATED');
  });

  it('a child longer than its parent: inconsistent, offset of the child', () => {
    const e = strictError('70 04 5A 05 11 22 9F 36 02 00 01');
    expect(e.code).toBe('TLV_TRUNCATED');
    expect(e.offset).toBe(2);
  });

  it('is a PaycardError with a stable code', () => {
    const e = strictError('5A 08');
    expect(e).toBeInstanceOf(PaycardError);
    expect(e.name).toBe('ParseError');
  });

  it('lenient mode returns the elements before the fault plus a warning', () => {
    const { elements, warnings } = decodeTlvLenient(
      fromHex('9F 36 02 00 17 77 62 82 02 00 40 94 04 18 01'),
    );
    expect(tags(elements)).toEqual(['9F36', '77']);
    expect(tags(elements[1].children)).toEqual(['82', '94']);
    expect(toHex(elements[1].children![1].value)).toBe('1801');
    expect(warnings).toHaveLength(2);
    expect(warnings[0].code).toBe('TLV_TRUNCATED');
    expect(warnings.some((w) => w.offset === 5 && /77/.test(w.message))).toBe(true);
  });

  it('lenient mode stops at a malformed tag with a warning', () => {
    const { elements, warnings } = decodeTlvLenient(fromHex('5A 01 41 9F'));
    expect(tags(elements)).toEqual(['5A']);
    expect(warnings.map((w) => [w.code, w.offset])).toEqual([['TLV_TRUNCATED', 3]]);
  });

  it('decodeTlv with lenient: true does not throw either', () => {
    expect(tags(decodeTlv(fromHex('5A 01 41 5F 24 03 25'), { lenient: true }))).toEqual([
      '5A',
      '5F24',
    ]);
  });
});

describe('limits', () => {
  const nested = (depth: number): string => {
    let hex = '5A 00';
    for (let i = 0; i < depth; i++) {
      const len = fromHex(hex).length;
      hex = `70 ${toHex(encodeLength(len))} ${hex}`;
    }
    return hex;
  };

  it('bounds the depth', () => {
    expect(() => decodeTlv(fromHex(nested(16)))).not.toThrow();
    const e = strictError(nested(17));
    expect(e.code).toBe('TLV_LIMIT');
    expect(strictError(nested(4), { maxDepth: 3 }).code).toBe('TLV_LIMIT');
    const lenient = decodeTlvLenient(fromHex(nested(5)), { maxDepth: 2 });
    expect(lenient.elements).toHaveLength(1);
    expect(lenient.warnings[0].code).toBe('TLV_LIMIT');
  });

  it('bounds the number of elements', () => {
    const hex = '5A 00 '.repeat(11);
    expect(decodeTlv(fromHex(hex), { maxElements: 11 })).toHaveLength(11);
    expect(strictError(hex, { maxElements: 10 }).code).toBe('TLV_LIMIT');
    expect(strictError(hex, { maxElements: 10 }).offset).toBe(20);
    const lenient = decodeTlvLenient(fromHex(hex), { maxElements: 10 });
    expect(lenient.elements).toHaveLength(10);
    expect(lenient.warnings[0].code).toBe('TLV_LIMIT');
    expect(strictError('5A 00 '.repeat(4097)).code).toBe('TLV_LIMIT');
  });
});

describe('search helpers', () => {
  const list = decodeTlv(fromHex('6F 12 84 02 AA BB A5 0C 50 01 41 BF 0C 06 61 04 4F 02 CC DD'));

  it('findTlv and findAllTlv search depth first', () => {
    expect(toHex(findTlv(list, 0x4f)!.value)).toBe('CCDD');
    expect(findTlv(list, 0x5a)).toBeUndefined();
    expect(findTlv(undefined, 0x4f)).toBeUndefined();
    expect(findAllTlv(list, 0x61)).toHaveLength(1);
  });

  it('flattenTlv lists primitive elements in document order', () => {
    expect(tags(flattenTlv(list))).toEqual(['84', '50', '4F']);
  });
});

// ---- properties ------------------------------------------------------------------------------

/** A tag whose constructed bit says `constructed`; never starting with 00 or FF (padding). */
function tagArb(constructed: boolean): fc.Arbitrary<number> {
  const cBit = constructed ? 0x20 : 0;
  const short = fc
    .record({ cls: fc.integer({ min: 0, max: 3 }), n: fc.integer({ min: 0, max: 30 }) })
    .map(({ cls, n }) => (cls << 6) | cBit | n)
    .filter((t) => t !== 0x00);
  const long = fc
    .record({
      cls: fc.integer({ min: 0, max: constructed ? 2 : 3 }),
      more: fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 2 }),
      last: fc.integer({ min: 0x00, max: 0x7f }),
    })
    .map(({ cls, more, last }) =>
      [(cls << 6) | cBit | 0x1f, ...more, last].reduce((a, b) => a * 256 + b, 0),
    );
  return fc.oneof(short, long);
}

const treeArb = fc.letrec<{ node: TlvNode; list: TlvNode[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ tag: tagArb(false), value: fc.uint8Array({ maxLength: 300 }) }),
    fc.record({ tag: tagArb(true), children: tie('list') as fc.Arbitrary<TlvNode[]> }),
  ),
  list: fc.array(tie('node') as fc.Arbitrary<TlvNode>, { maxLength: 4 }),
}));

function normalise(list: readonly Tlv[] | readonly TlvNode[]): unknown {
  return list.map((e) =>
    e.children
      ? { tag: e.tag, children: normalise(e.children) }
      : { tag: e.tag, value: toHex(e.value ?? new Uint8Array(0)) },
  );
}

describe('properties', () => {
  it('encode then decode gives back any tree', () => {
    fc.assert(
      fc.property(treeArb.list, (tree) => {
        const decoded = decodeTlv(encodeTlv(tree), { maxDepth: 64 });
        expect(normalise(decoded)).toEqual(normalise(tree));
      }),
      { numRuns: 300 },
    );
  });

  it('decoding survives 00/FF padding inserted between top-level elements', () => {
    fc.assert(
      fc.property(
        treeArb.list,
        fc.array(fc.constantFrom(0x00, 0xff), { maxLength: 3 }),
        (tree, pad) => {
          const parts: number[] = [];
          for (const node of tree) parts.push(...pad, ...encodeTlv([node]));
          parts.push(...pad);
          expect(normalise(decodeTlv(Uint8Array.from(parts), { maxDepth: 64 }))).toEqual(
            normalise(tree),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('arbitrary bytes only ever raise ParseError from decodeTlv', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeTlv(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
          expect(e).toBeInstanceOf(PaycardError);
          expect(['TLV_TRUNCATED', 'TLV_INVALID', 'TLV_LIMIT']).toContain((e as ParseError).code);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('decodeTlvLenient never throws on arbitrary bytes, and never reads past the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const { elements } = decodeTlvLenient(bytes);
        const check = (list: readonly Tlv[]) => {
          for (const e of list) {
            expect(e.value.buffer).toBe(bytes.buffer);
            expect(e.value.byteOffset + e.value.length).toBeLessThanOrEqual(
              bytes.byteOffset + bytes.length,
            );
            if (e.children) check(e.children);
          }
        };
        check(elements);
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary bytes with nested templates (TLV-shaped noise) behave the same', () => {
    const noisy = treeArb.list.chain((tree) => {
      const bytes = encodeTlv(tree);
      return fc.tuple(
        fc.constant(bytes),
        fc.nat({ max: Math.max(0, bytes.length) }),
        fc.uint8Array({ maxLength: 4 }),
      );
    });
    fc.assert(
      fc.property(noisy, ([bytes, cut, junk]) => {
        const damaged = Uint8Array.from([...bytes.subarray(0, cut), ...junk]);
        expect(() => decodeTlvLenient(damaged)).not.toThrow();
        try {
          decodeTlv(damaged);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
