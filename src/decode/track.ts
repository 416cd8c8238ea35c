/**
 * Magnetic stripe images kept on the chip: Track 2 Equivalent Data (57; Mastercard's Track 2
 * Data 9F6B), Track 1 Data (56) and the Service Code (5F30). Layouts from ISO/IEC 7813 §4.2
 * (track 1) and §4.3 (track 2); EMV Book 3 Annex A for the packing of 57.
 */

import { toAscii, toHex } from '../bytes/hex.js';
import { bcd } from './numeric.js';
import { Misfit } from './types.js';

const ORIGIN: Record<string, string> = {
  '1': 'international interchange',
  '2': 'international interchange, use the chip',
  '5': 'national interchange',
  '6': 'national interchange, use the chip',
  '7': 'private (no interchange)',
  '9': 'test card',
};
const AUTHORISATION: Record<string, string> = {
  '0': 'normal authorisation',
  '2': 'online authorisation by the issuer',
  '4': 'online authorisation by the issuer unless a bilateral agreement applies',
};
const SERVICES: Record<string, string> = {
  '0': 'no restrictions, PIN required',
  '1': 'no restrictions',
  '2': 'goods and services only',
  '3': 'ATM only, PIN required',
  '4': 'cash only',
  '5': 'goods and services only, PIN required',
  '6': 'no restrictions, PIN if a PIN pad is present',
  '7': 'goods and services only, PIN if a PIN pad is present',
};

/** The three digits of a service code in words: "201: international interchange, ...". */
export function serviceCodeText(code: string): string {
  const parts = [ORIGIN[code[0]], AUTHORISATION[code[1]], SERVICES[code[2]]].map(
    (p, i) => p ?? `digit ${i + 1} RFU`,
  );
  return `${code}: ${parts.join('; ')}`;
}

/** Service Code (5F30): n 3 in two bytes. */
export function decodeServiceCode(value: Uint8Array) {
  if (value.length !== 2) throw new Misfit(`expected 2 bytes, got ${value.length}`);
  const digits = bcd(value);
  if (digits[0] !== '0') throw new Misfit(`${digits} is not a 3-digit code`);
  return { summary: serviceCodeText(digits.slice(1)), details: [] };
}

function expiry(yymm: string): string {
  const mm = Number(yymm.slice(2));
  if (!/^\d{4}$/.test(yymm) || mm < 1 || mm > 12) throw new Misfit(`expiry ${yymm} is not YYMM`);
  return `20${yymm.slice(0, 2)}-${yymm.slice(2)}`;
}

/**
 * Track 2 Equivalent Data (57): PAN, separator D, expiry YYMM, service code, discretionary
 * data, padded with F to whole bytes.
 *
 *     decodeTrack2(fromHex('5413330089600044D14122010000000000000F')).details[0] // 'PAN 5413330089600044'
 */
export function decodeTrack2(value: Uint8Array) {
  const nibbles = toHex(value).replace(/F+$/, '');
  const m = /^(\d{1,19})D(\d{4})(.*)$/.exec(nibbles);
  if (!m) throw new Misfit('not PAN, separator D, expiry YYMM');

  const [, pan, yymm, rest] = m;
  const details = [`PAN ${pan}`, `Expiry ${expiry(yymm)}`];
  const sc = /^(\d{3})(\d*)$/.exec(rest);
  if (sc)
    details.push(
      `Service code ${serviceCodeText(sc[1])}`,
      `Discretionary data ${sc[2] || '(none)'}`,
    );
  else
    details.push(
      `Service code and discretionary data ${rest || '(none)'} (not digits: masked or padded)`,
    );
  return { summary: `PAN ${pan}, expires ${expiry(yymm)}`, details };
}

/**
 * Track 1 Data (56): format code B, PAN, ^, name, ^, expiry YYMM, service code, discretionary
 * data. Cards that leave out or blank a field are reported field by field, with a note.
 */
export function decodeTrack1(value: Uint8Array) {
  const text = toAscii(value);
  if (text[0] !== 'B') throw new Misfit(`format code ${JSON.stringify(text[0] ?? '')} is not B`);

  const fields = text.slice(1).split('^');
  const details: string[] = [];
  if (fields.length === 3) {
    const [pan, name, rest] = fields;
    details.push(
      /^\d{1,19}$/.test(pan) ? `PAN ${pan}` : `PAN field ${JSON.stringify(pan)} (not digits)`,
    );
    details.push(`Name ${JSON.stringify(name)}`);
    addExpiryAndService(rest, details);
    return { summary: /^\d+$/.test(pan) ? `PAN ${pan}` : undefined, details };
  }
  if (fields.length === 2) {
    details.push(
      `PAN and name field ${JSON.stringify(fields[0])} (one separator ^ where ISO 7813 has two)`,
    );
    addExpiryAndService(fields[1], details);
    return { details };
  }
  throw new Misfit(`${fields.length - 1} field separators ^ where ISO 7813 has two`);
}

function addExpiryAndService(rest: string, details: string[]): void {
  const m = /^(\d{4})(\d{3})(.*)$/.exec(rest);
  if (!m) {
    details.push(
      `Expiry, service code and discretionary data ${JSON.stringify(rest)} (not YYMM and 3 digits)`,
    );
    return;
  }
  details.push(
    `Expiry ${expiry(m[1])}`,
    `Service code ${serviceCodeText(m[2])}`,
    `Discretionary data ${JSON.stringify(m[3])}`,
  );
}
