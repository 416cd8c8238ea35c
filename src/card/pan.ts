/**
 * Primary Account Number helpers: Luhn check (ISO/IEC 7812-1 Annex B) and masking.
 */

/** True when `digits` (only 0-9) passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The check digit that makes `digitsWithoutCheck` + digit pass Luhn. */
export function luhnCheckDigit(digitsWithoutCheck: string): string {
  const sum = luhnSum(digitsWithoutCheck, true);
  return String((10 - (sum % 10)) % 10);
}

function luhnSum(digits: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

/**
 * Masks a PAN: first 6 and last 4 digits kept, the rest `*` (PCI DSS 3.4 display rule).
 * A number shorter than 13 digits is a cut or damaged PAN whose last digits are not the card's
 * last four (showing them would reveal hidden digits): only its first digits show, at most 6
 * and at most half of it.
 *
 *     maskPan('5413330089600044') // '541333******0044'
 *     maskPan('541333008960')     // '541333******'
 */
export function maskPan(pan: string): string {
  if (pan.length >= 13) return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
  const keep = Math.min(6, Math.floor(pan.length / 2));
  return pan.slice(0, keep) + '*'.repeat(pan.length - keep);
}

/** Replaces every occurrence of each PAN among `pans` in `text` (decimal digits) by its mask. */
export function maskPansIn(text: string, pans: Iterable<string>): string {
  let out = text;
  for (const pan of longestFirst(pans)) {
    if (pan.length < 8) continue;
    out = out.split(pan).join(maskPan(pan));
  }
  return out;
}

/**
 * PANs longest first: a cut PAN is a prefix of the whole one, and masking it first would break
 * the whole one's match and leave its middle digits shown.
 */
export function longestFirst(pans: Iterable<string>): string[] {
  return [...pans].sort((a, b) => b.length - a.length);
}
