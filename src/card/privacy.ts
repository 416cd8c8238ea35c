/**
 * Finding and hiding card numbers in what paycard shows: decimal text, BCD (5A, 57, 9F6B and
 * any other place the digits appear) and ASCII (56, 9F1F). Masking keeps the first 6 and last 4
 * digits, as `maskPan` does.
 */

import { toHex } from '../bytes/hex.js';
import { decodeTlvLenient, flattenTlv } from '../tlv/tlv.js';
import { maskPan } from './pan.js';
import { panFromBcd, parseTrack1, parseTrack2 } from './track.js';

/** Every PAN-like number (12-19 digits) in 5A, 57, 9F6B or 56 among `responses`. */
export function findPans(responses: Iterable<Uint8Array>, into = new Set<string>()): Set<string> {
  for (const response of responses) {
    const { elements } = decodeTlvLenient(response);
    for (const e of flattenTlv(elements)) {
      let pan: string | undefined;
      if (e.tag === 0x5a) pan = panFromBcd(e.value);
      else if (e.tag === 0x57 || e.tag === 0x9f6b) pan = parseTrack2(e.value)?.pan;
      else if (e.tag === 0x56) pan = parseTrack1(e.value)?.pan;
      if (pan && /^\d{12,19}$/.test(pan)) into.add(pan);
    }
  }
  return into;
}

function asciiHex(digits: string): string {
  let out = '';
  for (const d of digits) out += '3' + d;
  return out;
}

/** Replaces, in a hex string without separators, the BCD and ASCII forms of each PAN. */
export function maskHexText(hex: string, pans: Iterable<string>): string {
  let out = hex;
  for (const pan of pans) {
    const masked = maskPan(pan);
    out = out.split(pan).join(masked);
    const ascii = asciiHex(pan);
    const asciiMasked = Array.from(masked, (c) => (c === '*' ? '2A' : '3' + c)).join('');
    out = out.split(ascii).join(asciiMasked);
  }
  return out;
}

/** Bytes as hex with every PAN among `pans` masked (`*` for hidden BCD digits). */
export function maskedHex(bytes: Uint8Array, pans: Iterable<string>, separator = ''): string {
  const hex = maskHexText(toHex(bytes), pans);
  if (!separator) return hex;
  return hex.replace(/(..)(?!$)/g, `$1${separator}`);
}
