/**
 * Codes from ISO standards that EMV data carries: currencies (ISO 4217, n 3), countries
 * (ISO 3166-1, n 3 or alpha) and languages (ISO 639-1, 5F2D).
 */

import { COUNTRIES, CURRENCIES, LANGUAGES } from './iso-tables.generated.js';
import { bcd } from './numeric.js';
import { Misfit, expectLength } from './types.js';

/** The ISO 4217 entry of a numeric code such as `'978'`: alphabetic code, name, exponent. */
export function currencyOf(
  numeric: string,
): { code: string; name: string; exponent: number } | undefined {
  const c = CURRENCIES[numeric.padStart(3, '0')];
  return c ? { code: c[0], name: c[1], exponent: c[2] } : undefined;
}

/** A currency code (n 3 in two bytes): `EUR (978) Euro`. */
export function decodeCurrency(value: Uint8Array) {
  expectLength(value, 2);

  const numeric = bcd(value).slice(1);
  if (bcd(value)[0] !== '0') throw new Misfit(`${bcd(value)} is not a 3-digit code`);
  const c = currencyOf(numeric);
  return {
    summary: c ? `${c.code} (${numeric}) ${c.name}` : `${numeric} (not an ISO 4217 currency)`,
    details: [],
  };
}

/** A list of currency codes (Application Reference Currency, 9F3B). */
export function decodeCurrencyList(value: Uint8Array) {
  if (value.length === 0 || value.length % 2)
    throw new Misfit(`expected pairs of bytes, got ${value.length}`);
  const details: string[] = [];
  for (let i = 0; i < value.length; i += 2)
    details.push(decodeCurrency(value.subarray(i, i + 2)).summary);
  return { details };
}

/** A country code (n 3 in two bytes): `FR (250) France`. */
export function decodeCountry(value: Uint8Array) {
  expectLength(value, 2);

  const digits = bcd(value);
  if (digits[0] !== '0') throw new Misfit(`${digits} is not a 3-digit code`);
  const c = COUNTRIES[digits.slice(1)];
  return {
    summary: c
      ? `${c[0]} (${digits.slice(1)}) ${c[2]}`
      : `${digits.slice(1)} (not an ISO 3166 country)`,
    details: [],
  };
}

/** A country code in alpha-2 (5F55) or alpha-3 (5F56) form. */
export function decodeCountryAlpha(value: Uint8Array) {
  expectLength(value, 2, 3);

  const code = String.fromCharCode(...value);
  if (!/^[A-Z]+$/.test(code)) throw new Misfit(`${JSON.stringify(code)} is not upper-case letters`);
  const index = value.length === 2 ? 0 : 1;
  const found = Object.values(COUNTRIES).find((c) => c[index] === code);
  return {
    summary: found ? `${code} ${found[2]}` : `${code} (not an ISO 3166 country)`,
    details: [],
  };
}

/**
 * Language Preference (5F2D): 1-4 ISO 639-1 codes in order of preference.
 *
 *     decodeLanguages(fromHex('6465656E')).summary // 'de German, en English'
 */
export function decodeLanguages(value: Uint8Array) {
  if (value.length === 0 || value.length % 2 || value.length > 8) {
    throw new Misfit(`expected 2, 4, 6 or 8 bytes, got ${value.length}`);
  }

  const names: string[] = [];
  for (let i = 0; i < value.length; i += 2) {
    const code = String.fromCharCode(value[i], value[i + 1]);
    if (!/^[a-zA-Z]{2}$/.test(code))
      throw new Misfit(`${JSON.stringify(code)} is not a language code`);
    const name = LANGUAGES[code.toLowerCase()];
    names.push(name ? `${code} ${name}` : `${code} (not an ISO 639-1 code)`);
  }
  return { summary: names.join(', '), details: [] };
}
