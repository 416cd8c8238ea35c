/**
 * Small single-purpose decoders: Application Identifier (4F, 84, 9F06), Application Priority
 * Indicator (87), Short File Identifier (88), Log Entry (9F4D), Issuer Code Table Index (9F11),
 * Authorisation Response Code (8A), version numbers (EMV Book 1 §12.2.3, Book 3 Annex A).
 */

import { toHex } from '../bytes/hex.js';
import { schemeOfAid } from '../dictionary/dictionary.js';
import { bcd } from './numeric.js';
import { Misfit, expectLength } from './types.js';

const SCHEME_NAMES: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  jcb: 'JCB',
  discover: 'Discover',
  unionpay: 'UnionPay',
  interac: 'Interac',
};

/** An AID: RID (5 bytes) and PIX, with the scheme of the RID when it has a kernel. */
export function decodeAid(value: Uint8Array) {
  expectLength(value, 5, 16);

  const scheme = schemeOfAid(value);
  const rid = toHex(value.subarray(0, 5));
  const pix = toHex(value.subarray(5));
  const text = String.fromCharCode(...value);
  if (/^[\x20-\x7e]+$/.test(text) && !scheme) return { summary: JSON.stringify(text), details: [] };
  return {
    summary: `RID ${rid}${scheme ? ` (${SCHEME_NAMES[scheme]})` : ''}, PIX ${pix || '(none)'}`,
    details: [],
  };
}

/** Application Priority Indicator (87), EMV Book 1 §12.2.3 Table 48. */
export function decodePriority(value: Uint8Array) {
  expectLength(value, 1);

  const order = value[0] & 15;
  const confirm =
    value[0] & 0x80 ? 'cardholder confirmation required' : 'may be selected without confirmation';
  return {
    summary: `${order === 0 ? 'no priority' : `priority ${order}`}, ${confirm}`,
    details: [],
  };
}

/** Short File Identifier (88). */
export function decodeSfi(value: Uint8Array) {
  expectLength(value, 1);
  if (value[0] < 1 || value[0] > 30) throw new Misfit(`SFI ${value[0]} is not 1-30`);
  return { summary: `SFI ${value[0]}`, details: [] };
}

/** Log Entry (9F4D): SFI and number of records of the transaction log. */
export function decodeLogEntry(value: Uint8Array) {
  expectLength(value, 2);
  return { summary: `SFI ${value[0]}, ${value[1]} records`, details: [] };
}

/** Issuer Code Table Index (9F11): the ISO/IEC 8859 part for Application Preferred Name. */
export function decodeCodeTable(value: Uint8Array) {
  expectLength(value, 1);
  const part = Number(bcd(value));
  if (part < 1 || part > 10) throw new Misfit(`code table ${part} is not 1-10`);
  return { summary: `ISO/IEC 8859-${part}`, details: [] };
}

const RESPONSE_CODES: Record<string, string> = {
  '00': 'approved',
  '01': 'refer to card issuer',
  '05': 'do not honour',
  '51': 'insufficient funds',
  '55': 'incorrect PIN',
  Y1: 'offline approved',
  Z1: 'offline declined',
  Y2: 'approved (after card-initiated referral)',
  Z2: 'declined (after card-initiated referral)',
  Y3: 'unable to go online, offline approved',
  Z3: 'unable to go online, offline declined',
};

/** Authorisation Response Code (8A), EMV Book 4 §12.2.1 for the codes set by the terminal. */
export function decodeResponseCode(value: Uint8Array) {
  expectLength(value, 2);
  const code = String.fromCharCode(...value);
  if (!/^[\x20-\x7e]{2}$/.test(code)) throw new Misfit('not two characters');
  return { summary: `${code}: ${RESPONSE_CODES[code] ?? 'issuer-defined'}`, details: [] };
}

/** A two-byte version number as its hex digits (9F08, 9F09, 9F6C Mastercard...). */
export function decodeVersion(value: Uint8Array) {
  expectLength(value, 2);
  return { summary: `version ${toHex(value)}`, details: [] };
}
