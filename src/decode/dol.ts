/**
 * Data Object Lists (PDOL 9F38, CDOL1 8C, CDOL2 8D, TDOL 97, DDOL 9F49, UDOL...), the Static
 * Data Authentication Tag List (9F4A) and the Log Format (9F4F): lists of tags, with a length
 * each in a DOL (EMV Book 3 §5.4).
 */

import { tagHex } from '../tlv/tlv.js';
import { lookupTag } from '../dictionary/dictionary.js';
import { Misfit, type DecodeContext } from './types.js';

interface Entry {
  tag: number;
  length: number | undefined;
}

function readTags(value: Uint8Array, withLengths: boolean): Entry[] {
  const out: Entry[] = [];
  let i = 0;
  while (i < value.length) {
    const start = i;
    let tag = value[i++];
    if ((tag & 0x1f) === 0x1f) {
      let more = true;
      while (more) {
        if (i >= value.length) throw new Misfit(`tag at byte ${start + 1} is cut short`);
        const b = value[i++];
        tag = tag * 256 + b;
        more = (b & 0x80) !== 0;
        if (i - start > 4) throw new Misfit(`tag at byte ${start + 1} is longer than 4 bytes`);
      }
    }
    if (tag === 0) throw new Misfit(`byte ${start + 1} is 00, not a tag`);

    let length: number | undefined;
    if (withLengths) {
      if (i >= value.length) throw new Misfit(`tag ${tagHex(tag)} has no length`);
      length = value[i++];
    }
    out.push({ tag, length });
  }
  return out;
}

function line(entry: Entry, context: DecodeContext): string {
  const name = lookupTag(entry.tag, context.scheme)?.name ?? 'unknown tag';
  const length =
    entry.length === undefined ? '' : ` (${entry.length} byte${entry.length === 1 ? '' : 's'})`;
  return `${tagHex(entry.tag)} ${name}${length}`;
}

/**
 * A DOL: one line per entry, "tag name (length)"; the summary is the length of the data it asks.
 *
 *     decodeDol(fromHex('9F6604'), {}).details // ['9F66 Terminal Transaction Qualifiers (TTQ) (4 bytes)']
 */
export function decodeDol(value: Uint8Array, context: DecodeContext) {
  const entries = readTags(value, true);
  const total = entries.reduce((n, e) => n + (e.length ?? 0), 0);
  return {
    summary: `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${total} bytes of data`,
    details: entries.map((e) => line(e, context)),
  };
}

/** A list of tags without lengths (Static Data Authentication Tag List, 9F4A). */
export function decodeTagList(value: Uint8Array, context: DecodeContext) {
  const entries = readTags(value, false);
  return { details: entries.map((e) => line(e, context)) };
}
