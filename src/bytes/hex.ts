/**
 * Hex and byte helpers. Upper-case hex out; in, any case with optional separators.
 */

import { ParseError } from '../errors.js';

const HEX = '0123456789ABCDEF';
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4] + HEX[i & 15]);

/** Bytes to upper-case hex without separators: `toHex([0x6a, 0x82])` is `"6A82"`. */
export function toHex(bytes: Uint8Array | readonly number[], separator = ''): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && separator) out += separator;
    out += BYTE_HEX[bytes[i] & 0xff];
  }
  return out;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Hex text to bytes. Whitespace, `:`, `,` and `-` separators and `0x` prefixes are ignored
 * when `loose` is true (the default), `-` only after a whole byte (so `-1` is a bad `-`, not a
 * lone digit); any other character is reported with its 0-based position.
 *
 *     fromHex('6F 1A') // Uint8Array [0x6f, 0x1a]
 */
export function fromHex(text: string, loose = true): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  let high = -1;
  let highAt = -1;

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (loose && high < 0 && c === 48 && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      i++;
      continue;
    }

    const v = nibble(c);
    if (v >= 0) {
      if (high < 0) {
        high = v;
        highAt = i;
      } else {
        out[n++] = (high << 4) | v;
        high = -1;
      }
      continue;
    }

    if (loose && high < 0) {
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 58 || c === 44) continue;
      if (c === 45 && n > 0) continue;
    }
    throw new ParseError(
      'HEX_INVALID',
      `invalid hex character ${JSON.stringify(text[i])} at position ${i}`,
      i,
    );
  }

  if (high >= 0) {
    const digit = JSON.stringify(text[highAt]);
    const message = `odd number of hex digits: the last, ${digit} at position ${highAt}, has no pair`;
    throw new ParseError('HEX_INVALID', message, highAt);
  }
  return out.subarray(0, n);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Packed BCD to its digits, stopping at the first F nibble (the padding of cn fields). */
export function bcdDigits(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const hi = b >> 4;
    const lo = b & 15;
    if (hi === 15) break;
    out += HEX[hi];
    if (lo === 15) break;
    out += HEX[lo];
  }
  return out;
}

/** Printable ASCII of `bytes`; other bytes become U+FFFD so nothing unprintable reaches a user. */
export function toAscii(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\uFFFD';
  }
  return out;
}

export function isPrintableAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] < 0x20 || bytes[i] >= 0x7f) return false;
  return true;
}

/** Big-endian unsigned integer of up to 6 bytes. */
export function toUint(bytes: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < bytes.length; i++) v = v * 256 + bytes[i];
  return v;
}
