/**
 * Magnetic-stripe images on the chip: Track 2 Equivalent Data (57, EMV Book 3 Annex A; layout
 * of ISO/IEC 7813 track 2) and Track 1 Data (56, ISO/IEC 7813 track 1, format code B).
 */

import { bcdDigits, toHex } from '../bytes/hex.js';

export interface Track2 {
  pan: string;
  /** Expiry as YYMM. */
  expiry: string;
  serviceCode: string;
  discretionary: string;
}

/**
 * Parses track 2 from its BCD bytes: PAN, separator D, YYMM, service code, discretionary data,
 * F padding. Returns undefined when there is no separator or the fields are short.
 */
export function parseTrack2(bytes: Uint8Array): Track2 | undefined {
  const hex = toHex(bytes).replace(/F+$/, '');
  const sep = hex.indexOf('D');
  if (sep < 1) return undefined;

  const pan = hex.slice(0, sep);
  const rest = hex.slice(sep + 1);
  if (!/^\d+$/.test(pan) || !/^\d{4}/.test(rest)) return undefined;

  // Anonymised recordings overwrite the service code with F; keep the expiry all the same.
  const serviceCode = /^\d{3}$/.test(rest.slice(4, 7)) ? rest.slice(4, 7) : '';
  return {
    pan,
    expiry: rest.slice(0, 4),
    serviceCode,
    discretionary: serviceCode ? rest.slice(7) : rest.slice(4),
  };
}

/** Encodes track 2 fields back to BCD, padded with F to whole bytes. */
export function formatTrack2(t: Track2): Uint8Array {
  let hex = `${t.pan}D${t.expiry}${t.serviceCode}${t.discretionary}`;
  if (hex.length & 1) hex += 'F';
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export interface Track1 {
  pan: string;
  name: string;
  /** Expiry as YYMM. */
  expiry: string;
  serviceCode: string;
  discretionary: string;
}

/** Parses track 1 (`B<PAN>^<NAME>^<YYMM><service code><discretionary>`), ASCII. */
export function parseTrack1(bytes: Uint8Array): Track1 | undefined {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
  const m = /^%?B(\d{1,19})\^([^^]*)\^(\d{4})(\d{3})?(.*)$/s.exec(text);
  if (!m) return undefined;
  return {
    pan: m[1],
    name: m[2],
    expiry: m[3],
    serviceCode: m[4] ?? '',
    discretionary: m[5] ?? '',
  };
}

/** Digits of a cn-format PAN (5A): BCD with trailing F padding removed. */
export function panFromBcd(bytes: Uint8Array): string {
  return bcdDigits(bytes);
}
