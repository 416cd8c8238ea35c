/**
 * Amounts: n 12 in minor units (Amount, Authorised 9F02 and the like), or binary (81, 9F04),
 * shown in the currency of the transaction when it is known (EMV Book 3 Annex A; the exponent
 * is the ISO 4217 minor unit).
 */

import { toUint } from '../bytes/hex.js';
import { currencyOf } from './iso.js';
import { bcd } from './numeric.js';
import { Misfit, type DecodeContext } from './types.js';

/** Minor units as a decimal amount in `currency` (numeric code), when known. */
export function formatAmount(minor: bigint, currency: string | undefined): string {
  const c = currency ? currencyOf(currency) : undefined;
  if (!c) return `${minor} (minor units; currency not known)`;

  const digits = minor.toString().padStart(c.exponent + 1, '0');
  const whole = c.exponent ? digits.slice(0, -c.exponent) : digits;
  const fraction = c.exponent ? '.' + digits.slice(-c.exponent) : '';
  return `${whole}${fraction} ${c.code}`;
}

/** A numeric amount (n 12, 6 bytes). */
export function decodeAmount(value: Uint8Array, context: DecodeContext) {
  if (value.length !== 6) throw new Misfit(`expected 6 bytes, got ${value.length}`);
  return { summary: formatAmount(BigInt(bcd(value)), context.currency), details: [] };
}

/** A binary amount (4 bytes). */
export function decodeBinaryAmount(value: Uint8Array, context: DecodeContext) {
  if (value.length !== 4) throw new Misfit(`expected 4 bytes, got ${value.length}`);
  return { summary: formatAmount(BigInt(toUint(value)), context.currency), details: [] };
}
