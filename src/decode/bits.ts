/**
 * Bit fields as lists of set flags. EMV numbers bytes from 1 and bits from b8 (most
 * significant) to b1 (EMV Book 3 Annex C); tables here follow that layout.
 */

import { expectLength } from './types.js';

/** Names of b8..b1 of one byte; `null` for RFU bits. */
export type ByteFlags = readonly [
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

/**
 * The names of the set bits of `value` by `table` (one entry per byte). A set bit that the
 * table marks RFU is listed as such, so that nothing set is hidden.
 *
 *     setFlags(Uint8Array.of(0x40), [['a', 'b', null, null, null, null, null, null]]) // ['b']
 */
export function setFlags(value: Uint8Array, table: readonly ByteFlags[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const names = table[i];
    for (let bit = 8; bit >= 1; bit--) {
      if ((value[i] & (1 << (bit - 1))) === 0) continue;
      const name = names?.[8 - bit];
      out.push(name ?? `byte ${i + 1} bit ${bit}: RFU`);
    }
  }
  return out;
}

/** Decodes a fixed-length bit field: the set flags as details, how many as summary. */
export function bitField(value: Uint8Array, table: readonly ByteFlags[], length = table.length) {
  expectLength(value, length);
  const details = setFlags(value, table);
  return { summary: details.length === 0 ? 'no bit set' : undefined, details };
}

/** Eight RFU bits. */
export const RFU: ByteFlags = [null, null, null, null, null, null, null, null];
