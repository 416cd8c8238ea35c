/**
 * Two-digit years as EMV dates carry them (YYMMDD, YYMM, MMYY): 00-49 are 2000-2049 and 50-99
 * are 1950-1999 (EMV Book 4 §6.7.3). One rule for every date paycard shows.
 */

/** The four-digit year of a two-digit EMV year: `fullYear(31)` is 2031, `fullYear(99)` 1999. */
export function fullYear(yy: number): number {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}
