/**
 * Certificate expiry dates (EMV Book 2 §5.3 step 8, §6.4 step 8): MMYY in BCD, valid through the
 * last day of that month. Two-digit years follow the EMV convention (Book 4 §6.7.3): 00-49 are
 * 20YY, 50-99 are 19YY. The "current date" is always the caller's (transaction date 9A).
 */

import { fullYear } from '../card/year.js';

function bcd(byte: number): number {
  const hi = byte >> 4;
  const lo = byte & 15;
  return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
}

/** The year and month of an MMYY expiry, or `null` if it is not a valid BCD month. */
export function parseExpiry(mmyy: Uint8Array): { year: number; month: number } | null {
  if (mmyy.length !== 2) return null;
  const month = bcd(mmyy[0]);
  const yy = bcd(mmyy[1]);
  if (month < 1 || month > 12 || yy < 0) return null;
  return { year: fullYear(yy), month };
}

/** `YYYY-MM` of an expiry for display, or the raw hex if it is not a valid date. */
export function formatExpiry(mmyy: Uint8Array): string {
  const e = parseExpiry(mmyy);
  if (!e)
    return Array.from(mmyy, (b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  return `${e.year}-${String(e.month).padStart(2, '0')}`;
}

/**
 * True when the certificate has expired on `date` (compared by calendar day in UTC): the last day
 * of MM/YY is before `date`. An invalid expiry counts as expired.
 */
export function isExpired(mmyy: Uint8Array, date: Date): boolean {
  const e = parseExpiry(mmyy);
  if (!e) return true;
  const lastDay = Date.UTC(e.year, e.month, 0);
  const today = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return lastDay < today;
}

/** A date as `YYYY-MM-DD` (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
