/**
 * What the terminal says about itself: Terminal Capabilities (9F33), Additional Terminal
 * Capabilities (9F40), Terminal Type (9F35), Transaction Type (9C) and POS Entry Mode (9F39)
 * (EMV Book 4 Annex A1-A3; ISO 8583 for the transaction type and the POS entry mode).
 */

import { bitField, type ByteFlags } from './bits.js';
import { Misfit, expectLength } from './types.js';

const CAPABILITIES: readonly ByteFlags[] = [
  ['Manual key entry', 'Magnetic stripe', 'IC with contacts', null, null, null, null, null],
  [
    'Plaintext PIN for ICC verification',
    'Enciphered PIN for online verification',
    'Signature (paper)',
    'Enciphered PIN for offline verification',
    'No CVM required',
    null,
    null,
    null,
  ],
  ['SDA', 'DDA', 'Card capture', null, 'CDA', null, null, null],
];

/** Terminal Capabilities (9F33), EMV Book 4 Annex A2. */
export function decodeTerminalCapabilities(value: Uint8Array) {
  return bitField(value, CAPABILITIES);
}

const ADDITIONAL: readonly ByteFlags[] = [
  ['Cash', 'Goods', 'Services', 'Cashback', 'Inquiry', 'Transfer', 'Payment', 'Administrative'],
  ['Cash deposit', null, null, null, null, null, null, null],
  [
    'Numeric keys',
    'Alphabetic and special characters keys',
    'Command keys',
    'Function keys',
    null,
    null,
    null,
    null,
  ],
  [
    'Print, attendant',
    'Print, cardholder',
    'Display, attendant',
    'Display, cardholder',
    null,
    null,
    'Code table 10',
    'Code table 9',
  ],
  [
    'Code table 8',
    'Code table 7',
    'Code table 6',
    'Code table 5',
    'Code table 4',
    'Code table 3',
    'Code table 2',
    'Code table 1',
  ],
];

/** Additional Terminal Capabilities (9F40), EMV Book 4 Annex A3. */
export function decodeAdditionalTerminalCapabilities(value: Uint8Array) {
  return bitField(value, ADDITIONAL);
}

const OPERATORS = ['', 'financial institution', 'merchant', 'cardholder'] as const;
const ENVIRONMENTS: Record<number, string> = {
  1: 'attended, online only',
  2: 'attended, offline with online capability',
  3: 'attended, offline only',
  4: 'unattended, online only',
  5: 'unattended, offline with online capability',
  6: 'unattended, offline only',
};

/** Terminal Type (9F35), EMV Book 4 Annex A1: operator and environment. */
export function decodeTerminalType(value: Uint8Array) {
  expectLength(value, 1);

  const operator = OPERATORS[value[0] >> 4];
  const environment = ENVIRONMENTS[value[0] & 15];
  if (!operator || !environment)
    throw new Misfit(`terminal type ${value[0].toString(16)} is not defined`);
  return {
    summary: `${environment}, operated by ${operator === 'cardholder' ? 'the cardholder' : `a ${operator}`}`,
    details: [],
  };
}

const TRANSACTION_TYPES: Record<string, string> = {
  '00': 'purchase of goods or services',
  '01': 'cash',
  '09': 'purchase with cashback',
  '20': 'refund',
  '30': 'balance inquiry',
  '31': 'balance inquiry',
  '40': 'transfer',
  '50': 'payment',
  '60': 'load',
  '70': 'PIN change or unblock',
};

/** Transaction Type (9C): the first two digits of the ISO 8583 processing code. */
export function decodeTransactionType(value: Uint8Array) {
  expectLength(value, 1);

  const code = value[0].toString(16).padStart(2, '0');
  return {
    summary: TRANSACTION_TYPES[code] ?? `code ${code} (not a common EMV transaction type)`,
    details: [],
  };
}

const ENTRY_MODES: Record<string, string> = {
  '00': 'unknown',
  '01': 'manual key entry',
  '02': 'magnetic stripe',
  '05': 'integrated circuit card (contact)',
  '07': 'contactless chip (EMV mode)',
  '10': 'credential on file',
  '80': 'magnetic stripe read after a chip failure (fallback)',
  '90': 'magnetic stripe, full track read',
  '91': 'contactless magnetic stripe mode',
  '95': 'integrated circuit card, CVV may be unreliable',
};

/** Point-of-Service (POS) Entry Mode (9F39), ISO 8583 field 22 positions 1-2. */
export function decodePosEntryMode(value: Uint8Array) {
  expectLength(value, 1);

  const code = value[0].toString(16).padStart(2, '0');
  return { summary: ENTRY_MODES[code] ?? `code ${code}`, details: [] };
}
