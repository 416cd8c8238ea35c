/**
 * Dates (n 6, YYMMDD) and times (n 6, HHMMSS) as EMV data carries them (EMV Book 3 Annex A;
 * years 00-49 are 2000-2049 and 50-99 are 1950-1999, Book 4 §6.7.3).
 */

import { Misfit, expectLength } from './types.js';
import { bcd } from './numeric.js';
import { fullYear } from '../card/year.js';

/**
 * A YYMMDD date as ISO 8601: `decodeDate(fromHex('251231')).summary` is `'2025-12-31'`.
 */
export function decodeDate(value: Uint8Array) {
  expectLength(value, 3);

  const digits = bcd(value);
  const yy = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const dd = Number(digits.slice(4, 6));
  if (mm < 1 || mm > 12) throw new Misfit(`month ${mm} is not 1-12`);
  const year = fullYear(yy);
  const days = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd < 1 || dd > days) throw new Misfit(`day ${dd} is not in ${year}-${digits.slice(2, 4)}`);

  return { summary: `${year}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`, details: [] };
}

/** An HHMMSS time: `decodeTime(fromHex('134502')).summary` is `'13:45:02'`. */
export function decodeTime(value: Uint8Array) {
  expectLength(value, 3);

  const d = bcd(value);
  if (Number(d.slice(0, 2)) > 23 || Number(d.slice(2, 4)) > 59 || Number(d.slice(4, 6)) > 59) {
    throw new Misfit(`${d} is not a time of day`);
  }
  return { summary: `${d.slice(0, 2)}:${d.slice(2, 4)}:${d.slice(4, 6)}`, details: [] };
}
