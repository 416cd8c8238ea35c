/**
 * The EMV character formats (EMV Book 1 §4.3): n (BCD, left-padded with zeros), cn (BCD,
 * right-padded with F), a / an / ans (ASCII, ISO/IEC 8859 common character set).
 */

import { toAscii, toUint } from '../bytes/hex.js';
import { Misfit } from './types.js';

/** The digits of an n field; throws `Misfit` on a nibble that is not 0-9. */
export function bcd(value: Uint8Array): string {
  let out = '';
  for (const b of value) {
    const hi = b >> 4;
    const lo = b & 15;
    if (hi > 9 || lo > 9)
      throw new Misfit(
        `byte ${b.toString(16).toUpperCase().padStart(2, '0')} is not two BCD digits`,
      );
    out += String(hi) + String(lo);
  }
  return out;
}

/** The digits of a cn field: BCD up to the first F; anything after the padding must be F. */
export function compressedNumeric(value: Uint8Array): string {
  let out = '';
  let padded = false;
  for (const b of value) {
    for (const nibble of [b >> 4, b & 15]) {
      if (nibble === 15) padded = true;
      else if (padded || nibble > 9)
        throw new Misfit(`nibble ${nibble.toString(16).toUpperCase()} in a cn field`);
      else out += String(nibble);
    }
  }
  return out;
}

/** An n field as a number without leading zeros. */
export function decodeNumeric(value: Uint8Array) {
  const digits = bcd(value);
  return { summary: digits.replace(/^0+(?=\d)/, ''), details: [] };
}

/** A cn field as its digits. */
export function decodeCompressedNumeric(value: Uint8Array) {
  return { summary: compressedNumeric(value), details: [] };
}

/**
 * An a, an or ans field as quoted text. Bytes outside printable ASCII show as U+FFFD with a
 * note: cards use other code tables for names (see Issuer Code Table Index, 9F11).
 */
export function decodeText(value: Uint8Array) {
  const text = toAscii(value);
  const odd = value.filter((b) => b < 0x20 || b >= 0x7f).length;
  const details = odd
    ? [`${odd} byte${odd === 1 ? '' : 's'} outside printable ASCII (another code table?)`]
    : [];
  return { summary: JSON.stringify(text), details };
}

/** A binary counter or limit as a decimal number. */
export function decodeBinaryNumber(value: Uint8Array) {
  if (value.length === 0 || value.length > 6)
    throw new Misfit(`expected 1 to 6 bytes, got ${value.length}`);
  return { summary: String(toUint(value)), details: [] };
}
