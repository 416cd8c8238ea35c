/**
 * Contactless qualifiers exchanged with Visa payWave style kernels (also used by Discover,
 * UnionPay and JCB): Terminal Transaction Qualifiers (9F66) and Card Transaction Qualifiers
 * (9F6C), EMV Contactless Book C-3 Annex A.
 */

import { bitField, RFU, type ByteFlags } from './bits.js';

const TTQ: readonly ByteFlags[] = [
  [
    'Mag-stripe mode (MSD) supported',
    null,
    'EMV mode (qVSDC) supported',
    'EMV contact chip supported',
    'Offline-only reader',
    'Online PIN supported',
    'Signature supported',
    'Offline data authentication for online authorisations supported',
  ],
  [
    'Online cryptogram required',
    'CVM required',
    'Contact chip offline PIN supported',
    null,
    null,
    null,
    null,
    null,
  ],
  [
    'Issuer update processing supported',
    'Consumer device CVM supported',
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  RFU,
];

/** Terminal Transaction Qualifiers (9F66). */
export function decodeTtq(value: Uint8Array) {
  return bitField(value, TTQ);
}

const CTQ: readonly ByteFlags[] = [
  [
    'Online PIN required',
    'Signature required',
    'Go online if offline data authentication fails and reader is online capable',
    'Switch interface if offline data authentication fails and reader supports contact chip',
    'Go online if application expired',
    'Switch interface for cash transactions',
    'Switch interface for cashback transactions',
    null,
  ],
  [
    'Consumer device CVM performed',
    'Card supports issuer update processing at the POS',
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];

/** Card Transaction Qualifiers (9F6C). */
export function decodeCtq(value: Uint8Array) {
  return bitField(value, CTQ);
}
