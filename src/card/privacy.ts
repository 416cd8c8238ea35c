/**
 * Finding and hiding card numbers in what paycard shows: decimal text, BCD (5A, 57, 9F6B and
 * any other place the digits appear) and ASCII (56, 9F1F). Masking keeps the first 6 and last 4
 * digits, as `maskPan` does.
 */

import { toHex } from '../bytes/hex.js';
import { decodeTlvLenient, flattenTlv } from '../tlv/tlv.js';
import { longestFirst, luhnValid, maskPan } from './pan.js';
import { panFromBcd, parseTrack1, parseTrack2 } from './track.js';

/**
 * Every PAN-like number (8-19 digits) in 5A, 57, 9F6B or 56 among `responses`: in the decoded
 * TLV, and also byte by byte, so that a number inside a template the decoder gave up on (nesting
 * past its limit, a damaged length) is still found and masked.
 */
export function findPans(responses: Iterable<Uint8Array>, into = new Set<string>()): Set<string> {
  for (const response of responses) {
    scanRaw(response, into);
    const { elements } = decodeTlvLenient(response);
    for (const e of flattenTlv(elements)) {
      let pan: string | undefined;
      if (e.tag === 0x5a) pan = panFromBcd(e.value);
      else if (e.tag === 0x57 || e.tag === 0x9f6b) pan = parseTrack2(e.value)?.pan;
      else if (e.tag === 0x56) pan = parseTrack1(e.value)?.pan;
      addPan(pan, into);
    }
  }
  return into;
}

/** Numbers of 8 digits or more count: a cut PAN (a truncated 5A) must be hidden too. */
function addPan(pan: string | undefined, into: Set<string>): void {
  if (pan && /^\d{8,19}$/.test(pan)) into.add(pan);
}

/** 5A, 57 and 9F6B followed by a plausible length and BCD digits; `B<digits>^` in ASCII. */
function scanRaw(bytes: Uint8Array, into: Set<string>): void {
  for (let i = 0; i + 2 < bytes.length; i++) {
    const b = bytes[i];
    const two = b === 0x9f && bytes[i + 1] === 0x6b;
    if (b !== 0x5a && b !== 0x57 && !two) continue;

    const at = i + (two ? 2 : 1);
    const length = bytes[at];
    if (length < 6 || length > 19 || at + 1 + length > bytes.length) continue;
    const value = bytes.subarray(at + 1, at + 1 + length);
    const pan = b === 0x5a ? panFromBcd(value) : parseTrack2(value)?.pan;
    // Outside decoded TLV, only numbers with a valid check digit: bytes that merely look alike
    // (inside a certificate, a log record) would otherwise count as card numbers.
    if (pan && luhnValid(pan)) addPan(pan, into);
  }

  // Track 1 keeps only 'B', '^' and digits; anything else becomes a space.
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    text += c === 0x42 || c === 0x5e || (c >= 0x30 && c <= 0x39) ? String.fromCharCode(c) : ' ';
  }
  for (const m of text.matchAll(/B(\d{12,19})\^/g)) if (luhnValid(m[1])) into.add(m[1]);
}

function asciiHex(digits: string): string {
  let out = '';
  for (const d of digits) out += '3' + d;
  return out;
}

/** Replaces, in a hex string without separators, the BCD and ASCII forms of each PAN. */
export function maskHexText(hex: string, pans: Iterable<string>): string {
  let out = hex;
  for (const pan of longestFirst(pans)) {
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
