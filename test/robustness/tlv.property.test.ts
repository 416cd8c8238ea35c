/**
 * Properties of the BER-TLV decoder (EMV Book 3 Annex B): arbitrary bytes only ever raise
 * paycard's own ParseError (strict) or nothing (lenient); encode then decode is the identity;
 * values are views into the input, never copies.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import {
  decodeTlv,
  decodeTlvLenient,
  encodeTlv,
  type Tlv,
  type TlvNode,
} from '../../src/tlv/tlv.js';

/** Tags a card may use: one byte (not 00/FF, low bits not 1F), or two bytes 9F xx / BF xx / 5F xx. */
const primitiveTag = fc.oneof(
  fc.integer({ min: 0x01, max: 0xfe }).filter((t) => (t & 0x1f) !== 0x1f && (t & 0x20) === 0),
  fc.integer({ min: 0x01, max: 0x7f }).map((t) => 0x9f00 | t),
  fc.integer({ min: 0x01, max: 0x7f }).map((t) => 0x5f00 | t),
);
const constructedTag = fc.constantFrom(0x6f, 0x70, 0x77, 0xa5, 0x61, 0xbf0c, 0xe1);

const node: fc.Memo<TlvNode> = fc.memo((n) =>
  n <= 1
    ? fc.record({ tag: primitiveTag, value: fc.uint8Array({ maxLength: 300 }) })
    : fc.oneof(
        fc.record({ tag: primitiveTag, value: fc.uint8Array({ maxLength: 300 }) }),
        fc.record({ tag: constructedTag, children: fc.array(node(n - 1), { maxLength: 4 }) }),
      ),
);

function strip(elements: readonly Tlv[]): TlvNode[] {
  return elements.map((e) =>
    e.children ? { tag: e.tag, children: strip(e.children) } : { tag: e.tag, value: e.value },
  );
}

function normal(nodes: readonly TlvNode[]): unknown {
  return nodes.map((n) =>
    n.children
      ? { tag: n.tag, children: normal(n.children) }
      : { tag: n.tag, value: [...(n.value ?? [])] },
  );
}

describe('BER-TLV decoder on arbitrary input', () => {
  it('strict mode raises only ParseError; lenient mode never throws', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          decodeTlv(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError);
          expect((e as ParseError).offset).toBeGreaterThanOrEqual(0);
          expect((e as ParseError).offset).toBeLessThanOrEqual(bytes.length);
        }
        const lenient = decodeTlvLenient(bytes);
        expect(Array.isArray(lenient.elements)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('encode then decode gives the same tree, with values as views into the input', () => {
    fc.assert(
      fc.property(
        fc.array(node(4), { maxLength: 5 }),
        fc.integer({ min: 0, max: 7 }),
        (nodes, pad) => {
          const encoded = encodeTlv(nodes);
          const framed = new Uint8Array(pad + encoded.length + 3);
          framed.set(encoded, pad);
          const input = framed.subarray(pad, pad + encoded.length);

          const decoded = decodeTlv(input);
          expect(normal(strip(decoded))).toEqual(normal(nodes));

          const check = (list: readonly Tlv[]) => {
            for (const e of list) {
              expect(e.value.buffer).toBe(framed.buffer);
              expect(e.value.byteOffset).toBeGreaterThanOrEqual(input.byteOffset + e.offset);
              if (e.children) check(e.children);
            }
          };
          check(decoded);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('padding 00 and FF between elements is skipped at any depth', () => {
    fc.assert(
      fc.property(
        fc.array(node(3), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(0x00, 0xff),
        (nodes, padByte) => {
          const parts = nodes.map((n) => encodeTlv([n]));
          const padded = parts.flatMap((p) => [padByte, ...p, padByte]);
          expect(normal(strip(decodeTlv(Uint8Array.from(padded))))).toEqual(normal(nodes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a cut-short input gives TLV_TRUNCATED with an offset in strict mode, a warning in lenient mode', () => {
    const bytes = Uint8Array.of(0x70, 0x08, 0x5a, 0x04, 0x12, 0x34);
    expect(() => decodeTlv(bytes)).toThrowError(ParseError);
    try {
      decodeTlv(bytes);
    } catch (e) {
      expect((e as ParseError).code).toBe('TLV_TRUNCATED');
      expect((e as ParseError).offset).toBe(0);
    }
    const lenient = decodeTlvLenient(bytes);
    expect(lenient.warnings[0].code).toBe('TLV_TRUNCATED');
    expect(lenient.elements[0].tag).toBe(0x70);
  });

  it('limits on depth and element count hold', () => {
    let deep: TlvNode = { tag: 0x5a, value: Uint8Array.of(1) };
    for (let i = 0; i < 40; i++) deep = { tag: 0x70, children: [deep] };
    const bytes = encodeTlv([deep]);
    expect(() => decodeTlv(bytes)).toThrowError(/nesting deeper than 16/);
    expect(decodeTlvLenient(bytes).warnings[0].code).toBe('TLV_LIMIT');

    const many = new Uint8Array(3 * 5000).map((_, i) => [0x5a, 0x01, 0x00][i % 3]);
    expect(() => decodeTlv(many)).toThrowError(/more than 4096 elements/);
  });
});
