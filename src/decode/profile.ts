/**
 * Application Interchange Profile (82) and Application Usage Control (9F07): what the card
 * supports and where it may be used (EMV Book 3 Annex C1 and C2; EMV Contactless Book C-2
 * §A.1.16 for the Mastercard contactless bits).
 */

import { bitField, type ByteFlags } from './bits.js';
import type { DecodeContext } from './types.js';

const AIP_BYTE1: ByteFlags = [
  null,
  'SDA supported',
  'DDA supported',
  'Cardholder verification is supported',
  'Terminal risk management is to be performed',
  'Issuer authentication is supported',
  null,
  'CDA supported',
];

const AIP_MASTERCARD: readonly ByteFlags[] = [
  [
    null,
    'SDA supported',
    'DDA supported',
    'Cardholder verification is supported',
    'Terminal risk management is to be performed',
    'Issuer authentication is supported',
    'On device cardholder verification is supported',
    'CDA supported',
  ],
  [
    'EMV mode is supported',
    null,
    null,
    null,
    null,
    null,
    null,
    'Relay resistance protocol is supported',
  ],
];

const AIP: readonly ByteFlags[] = [
  AIP_BYTE1,
  ['Reserved for the contactless kernels (b8)', null, null, null, null, null, null, null],
];

/** Application Interchange Profile (82), EMV Book 3 Annex C1. */
export function decodeAip(value: Uint8Array, context: DecodeContext) {
  return bitField(value, context.scheme === 'mastercard' ? AIP_MASTERCARD : AIP);
}

const AUC: readonly ByteFlags[] = [
  [
    'Valid for domestic cash transactions',
    'Valid for international cash transactions',
    'Valid for domestic goods',
    'Valid for international goods',
    'Valid for domestic services',
    'Valid for international services',
    'Valid at ATMs',
    'Valid at terminals other than ATMs',
  ],
  [
    'Domestic cashback allowed',
    'International cashback allowed',
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];

/** Application Usage Control (9F07), EMV Book 3 Annex C2. */
export function decodeAuc(value: Uint8Array) {
  return bitField(value, AUC);
}
