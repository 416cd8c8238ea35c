/**
 * Issuer Application Data (9F10) where its layout is public: Visa (VIS 1.5 Appendix A formats
 * 0/1/3 and 2, also in EMV Contactless Book C-3) and Mastercard (M/Chip 4 and M/Chip Advance,
 * as in public issuer host documentation). Other schemes show the value raw.
 */

import { toHex } from '../bytes/hex.js';
import { setFlags, type ByteFlags } from './bits.js';
import { Misfit, type DecodeContext } from './types.js';

const VISA_CVR: readonly ByteFlags[] = [
  [
    null,
    null,
    null,
    null,
    'Issuer authentication performed and failed',
    'Offline PIN verification performed',
    'Offline PIN verification failed',
    'Unable to go online',
  ],
  [
    'Last online transaction not completed',
    'PIN Try Limit exceeded',
    'Exceeded velocity checking counters',
    'New card',
    'Issuer authentication failure on last online transaction',
    'Issuer authentication not performed after online authorisation',
    'Application blocked by card because PIN Try Limit exceeded',
    'Offline static data authentication failed on last transaction and transaction declined offline',
  ],
  [
    null,
    null,
    null,
    null,
    'Issuer script processing failed',
    'Offline dynamic data authentication failed on last transaction and transaction declined offline',
    'Offline dynamic data authentication performed',
    null,
  ],
];

const FIRST_AC = ['AAC', 'TC', 'ARQC', 'RFU'] as const;
const SECOND_AC = ['AAC', 'TC', 'second GENERATE AC not requested', 'RFU'] as const;

function visa(value: Uint8Array) {
  const details: string[] = [];

  // Format 2 (CVN 18 and later, 32 bytes): length 1F, CVN, DKI, CVR (5 bytes), IDD.
  if (value[0] === 0x1f && value.length === 32) {
    details.push(
      `Cryptogram Version Number ${hex(value[1])}`,
      `Derivation Key Index ${hex(value[2])}`,
    );
    details.push(`Card Verification Results ${toHex(value.subarray(3, 8))}`);
    details.push(`Issuer Discretionary Data ${toHex(value.subarray(8))}`);
    return { summary: 'Visa format 2', details };
  }

  // Formats 0, 1 and 3: length 06, DKI, CVN, CVR (length 03 and 3 bytes), optional IDD.
  if (value[0] !== 0x06 || value.length < 7) {
    throw new Misfit('neither Visa format 0/1/3 (06 DKI CVN 03 CVR) nor format 2 (1F, 32 bytes)');
  }
  details.push(
    `Derivation Key Index ${hex(value[1])}`,
    `Cryptogram Version Number ${hex(value[2])}`,
  );
  if (value[3] !== 0x03) details.push(`CVR length byte ${hex(value[3])} where VIS has 03`);
  const cvr = value.subarray(4, 7);
  details.push(`Card Verification Results ${toHex(cvr)}`);
  details.push(`  AC returned in second GENERATE AC: ${SECOND_AC[cvr[0] >> 6]}`);
  details.push(`  AC returned in first GENERATE AC: ${FIRST_AC[(cvr[0] >> 4) & 3]}`);
  const flags = Uint8Array.of(cvr[0] & 0x0f, cvr[1], cvr[2] & 0x0f);
  for (const flag of setFlags(flags, VISA_CVR)) details.push(`  ${flag}`);
  if (cvr[2] >> 4)
    details.push(`  ${cvr[2] >> 4} issuer script commands with secure messaging processed`);
  if (value.length > 7) details.push(`Issuer Discretionary Data ${toHex(value.subarray(7))}`);
  return { summary: 'Visa format 0/1/3', details };
}

const MASTERCARD_CVR: readonly ByteFlags[] = [
  [
    null,
    null,
    null,
    null,
    null,
    'Offline PIN verification performed',
    'Offline encrypted PIN verification performed',
    'Offline PIN verification successful',
  ],
  [
    'DDA returned',
    'Combined DDA/AC generation returned in first GENERATE AC',
    'Combined DDA/AC generation returned in second GENERATE AC',
    'Issuer authentication performed',
    'CIAC-Default skipped on CAT3',
    null,
    null,
    null,
  ],
  [null, null, null, null, null, null, null, null],
  [
    'Last online transaction not completed',
    'Unable to go online indicated',
    'Offline PIN verification not performed',
    'Offline PIN verification failed',
    'PIN Try Limit exceeded',
    'International transaction',
    'Domestic transaction',
    'Terminal erroneously considers offline PIN OK',
  ],
  [
    'Lower consecutive offline limit exceeded',
    'Upper consecutive offline limit exceeded',
    'Lower cumulative offline limit exceeded',
    'Upper cumulative offline limit exceeded',
    'Go online on next transaction was set',
    'Issuer authentication failed',
    'Script received',
    'Script failed',
  ],
  [
    null,
    null,
    null,
    null,
    null,
    null,
    'Match found in additional check table',
    'No match found in additional check table',
  ],
];

function mastercard(value: Uint8Array) {
  if (value.length !== 18 && value.length !== 20 && value.length < 26) {
    throw new Misfit(`${value.length} bytes is not an M/Chip layout (18, 20, 26 or more)`);
  }

  const cvr = value.subarray(2, 8);
  const flags = Uint8Array.of(cvr[0] & 0x0f, cvr[1], 0, cvr[3], cvr[4], cvr[5]);
  const details = [
    `Key Derivation Index ${hex(value[0])}`,
    `Cryptogram Version Number ${hex(value[1])}`,
    `Card Verification Results ${toHex(cvr)}`,
    `  AC returned in second GENERATE AC: ${SECOND_AC[cvr[0] >> 6]}`,
    `  AC returned in first GENERATE AC: ${FIRST_AC[(cvr[0] >> 4) & 3]}`,
    ...setFlags(flags, MASTERCARD_CVR).map((f) => `  ${f}`),
    `  Script counter ${cvr[2] >> 4}, PIN try counter ${cvr[2] & 15}`,
    `DAC / ICC Dynamic Number ${toHex(value.subarray(8, 10))}`,
    `Counters ${toHex(value.subarray(10, 18))}`,
  ];
  if (value.length > 18) details.push(`Further data ${toHex(value.subarray(18))}`);
  return { summary: 'Mastercard M/Chip', details };
}

/** Issuer Application Data (9F10) for Visa and Mastercard applications. */
export function decodeIad(value: Uint8Array, context: DecodeContext) {
  if (context.scheme === 'visa') return visa(value);
  if (context.scheme === 'mastercard') return mastercard(value);
  throw new Misfit('the layout is issuer- or scheme-specific and not public for this application');
}

/** True when `decodeIad` has a layout for `scheme`. */
export function hasIadLayout(scheme: string | undefined): boolean {
  return scheme === 'visa' || scheme === 'mastercard';
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
