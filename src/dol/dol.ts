/**
 * Data Object Lists (PDOL 9F38, CDOL1 8C, CDOL2 8D, DDOL 9F49, TDOL 97): EMV Book 3 §5.4.
 *
 * A DOL is an ordered list of (tag, length) pairs without values. It stays a list, never a map:
 * tags may repeat (a real Visa PDOL lists 9A twice) and the card expects every entry.
 */

import { ParseError } from '../errors.js';
import { tagHex } from '../tlv/tlv.js';

export interface DolEntry {
  tag: number;
  length: number;
}

/** Formats that change how a value is fitted to a DOL entry's length (Book 3 §4.3). */
export type DataFormat = 'n' | 'cn' | 'b' | 'an' | 'ans';

/** Most entries in one DOL; a card-supplied list longer than this is hostile. */
export const MAX_DOL_ENTRIES = 64;

/** Parses a DOL's value into its ordered entries. Throws `ParseError` (`DOL_INVALID`). */
export function parseDol(dol: Uint8Array): DolEntry[] {
  const entries: DolEntry[] = [];
  let i = 0;

  while (i < dol.length) {
    const start = i;
    let tag = dol[i++];
    if ((tag & 0x1f) === 0x1f) {
      let b: number;
      let n = 1;
      do {
        if (i >= dol.length)
          throw new ParseError('DOL_INVALID', `DOL tag cut short at offset ${start}`, start);
        b = dol[i++];
        tag = tag * 256 + b;
        if (++n > 4)
          throw new ParseError(
            'DOL_INVALID',
            `DOL tag longer than 4 bytes at offset ${start}`,
            start,
          );
      } while (b & 0x80);
    }

    if (i >= dol.length) {
      throw new ParseError(
        'DOL_INVALID',
        `DOL entry ${tagHex(tag)} has no length at offset ${start}`,
        start,
      );
    }
    // The length is one byte, 0 to 255 (Book 3 §5.4); there is no long form in a DOL.
    const length = dol[i++];
    entries.push({ tag, length });
    if (entries.length > MAX_DOL_ENTRIES) {
      throw new ParseError('DOL_INVALID', `DOL lists more than ${MAX_DOL_ENTRIES} entries`, start);
    }
  }
  return entries;
}

/**
 * Fits `value` to `length` by the rules of Book 3 §5.4: longer numeric (n) values lose their
 * leftmost bytes, others their rightmost; shorter n values get leading 00, cn values trailing FF,
 * everything else trailing 00.
 */
export function fitValue(value: Uint8Array, length: number, format: DataFormat): Uint8Array {
  const out = new Uint8Array(length);
  if (value.length >= length) {
    out.set(format === 'n' ? value.subarray(value.length - length) : value.subarray(0, length));
    return out;
  }

  if (format === 'n') {
    out.set(value, length - value.length);
    return out;
  }
  out.set(value, 0);
  if (format === 'cn') out.fill(0xff, value.length);
  return out;
}

/** What a DOL is filled from: a value and its format per tag, or nothing (zero-filled). */
export type DolSource = (tag: number) => { value: Uint8Array; format: DataFormat } | undefined;

/**
 * Builds the data for a DOL: each entry's value fitted to its length, in order, unknown tags
 * zero-filled (Book 3 §5.4: "If the data object is not known ... hexadecimal zeroes").
 * The result is exactly as long as the sum of the lengths listed.
 */
export function fillDol(entries: readonly DolEntry[], source: DolSource): Uint8Array {
  let size = 0;
  for (const e of entries) size += e.length;
  const out = new Uint8Array(size);

  let at = 0;
  for (const e of entries) {
    const found = source(e.tag);
    if (found) out.set(fitValue(found.value, e.length, found.format), at);
    at += e.length;
  }
  return out;
}
