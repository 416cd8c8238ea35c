/**
 * Cryptogram Information Data (9F27): which cryptogram the card returned and why
 * (EMV Book 3 §6.5.5.4, Table 15).
 */

import { expectLength } from './types.js';

const TYPES = [
  'AAC (transaction declined)',
  'TC (transaction approved)',
  'ARQC (online authorisation requested)',
  'RFU',
] as const;

const REASONS: Record<number, string> = {
  0: 'no information given',
  1: 'service not allowed',
  2: 'PIN Try Limit exceeded',
  3: 'issuer authentication failed',
};

/** Cryptogram Information Data (9F27). */
export function decodeCid(value: Uint8Array) {
  expectLength(value, 1);

  const b = value[0];
  const details: string[] = [];
  const payment = (b >> 4) & 3;
  if (payment)
    details.push(
      `payment system-specific cryptogram bits: ${payment.toString(2).padStart(2, '0')}`,
    );
  if (b & 0x08) details.push('Advice required');
  const reason = b & 7;
  if (reason) details.push(`Reason: ${REASONS[reason] ?? `RFU (${reason})`}`);

  return { summary: TYPES[b >> 6], details };
}
