/**
 * Terminal Verification Results (95; also the layout of the Issuer and Terminal Action Codes
 * 9F0D-9F0F, DF8120-DF8122) and Transaction Status Information (9B): EMV Book 3 Annex C5, C6.
 */

import { bitField, RFU, type ByteFlags } from './bits.js';

const TVR: readonly ByteFlags[] = [
  [
    'Offline data authentication was not performed',
    'SDA failed',
    'ICC data missing',
    'Card appears on terminal exception file',
    'DDA failed',
    'CDA failed',
    'SDA selected',
    null,
  ],
  [
    'ICC and terminal have different application versions',
    'Expired application',
    'Application not yet effective',
    'Requested service not allowed for card product',
    'New card',
    null,
    null,
    null,
  ],
  [
    'Cardholder verification was not successful',
    'Unrecognised CVM',
    'PIN Try Limit exceeded',
    'PIN entry required and PIN pad not present or not working',
    'PIN entry required, PIN pad present, but PIN was not entered',
    'Online PIN entered',
    null,
    null,
  ],
  [
    'Transaction exceeds floor limit',
    'Lower consecutive offline limit exceeded',
    'Upper consecutive offline limit exceeded',
    'Transaction selected randomly for online processing',
    'Merchant forced transaction online',
    null,
    null,
    null,
  ],
  [
    'Default TDOL used',
    'Issuer authentication failed',
    'Script processing failed before final GENERATE AC',
    'Script processing failed after final GENERATE AC',
    null,
    null,
    null,
    null,
  ],
];

/** Terminal Verification Results (95) or an action code with its layout. */
export function decodeTvr(value: Uint8Array) {
  return bitField(value, TVR);
}

const TSI: readonly ByteFlags[] = [
  [
    'Offline data authentication was performed',
    'Cardholder verification was performed',
    'Card risk management was performed',
    'Issuer authentication was performed',
    'Terminal risk management was performed',
    'Script processing was performed',
    null,
    null,
  ],
  RFU,
];

/** Transaction Status Information (9B). */
export function decodeTsi(value: Uint8Array) {
  return bitField(value, TSI);
}
