/**
 * From the data objects of one application to the fields people look for: PAN, expiry, names,
 * track data, brand (EMV Book 3 Annex A for the tags; field notes for where cards put them).
 */

import { toAscii, toHex, isPrintableAscii } from '../bytes/hex.js';
import { lookupAid } from '../card/aids.js';
import { brandFromPan } from '../card/brand.js';
import { luhnValid } from '../card/pan.js';
import { panFromBcd, parseTrack1, parseTrack2 } from '../card/track.js';
import { fullYear } from '../card/year.js';
import { firstObject } from './objects.js';
import type { ReadResult, Warning } from './result.js';

function yymmToIso(yymm: string): string | undefined {
  if (!/^\d{4}$/.test(yymm)) return undefined;
  const month = Number(yymm.slice(2));
  if (month < 1 || month > 12) return undefined;
  return `${fullYear(Number(yymm.slice(0, 2)))}-${yymm.slice(2)}`;
}

/** A cardholder name as people expect it: absent when blank or just "/" (field notes). */
function cleanName(bytes: Uint8Array): { name?: string; hex?: string } {
  const text = toAscii(bytes).trim();
  const ascii = isPrintableAscii(bytes);
  const meaningful = text.replace(/[\s/]/g, '') !== '';
  if (!meaningful) return {};
  return ascii ? { name: text } : { name: text, hex: toHex(bytes) };
}

/**
 * Fills the card fields of `result` from its data objects. PAN from 5A, else 57, else 9F6B,
 * else track 1 (56); expiry from 5F24, else track data.
 */
export function extractCardFields(result: ReadResult, now: Date): void {
  const objects = result.dataObjects;
  const warnings: Warning[] = result.warnings;

  const t2Object = firstObject(objects, '57') ?? firstObject(objects, '9F6B');
  const track2 = t2Object ? parseTrack2(t2Object.value) : undefined;
  if (t2Object && !track2)
    warnings.push({
      code: 'TRACK2_INVALID',
      message: `track 2 data (${t2Object.tag}) could not be parsed`,
    });
  const t1Object = firstObject(objects, '56');
  const track1 = t1Object ? parseTrack1(t1Object.value) : undefined;

  // PAN: the first source whose digits make a PAN (damaged or cut data falls through).
  const panObject = firstObject(objects, '5A');
  const candidates: [string, string | undefined][] = [
    ['5A', panObject ? panFromBcd(panObject.value) : undefined],
    [t2Object?.tag ?? '57', track2?.pan],
    ['56', track1?.pan],
  ];
  let pan: string | undefined;
  for (const [tag, digits] of candidates) {
    if (digits === undefined) continue;
    if (/^\d{8,19}$/.test(digits)) {
      pan = digits;
      break;
    }
    warnings.push({ code: 'PAN_INVALID', message: `PAN (${tag}) is not 8-19 digits; ignored` });
  }
  if (pan) {
    if (pan.length < 13 || pan.length > 19) {
      warnings.push({ code: 'PAN_LENGTH', message: `PAN has ${pan.length} digits, outside 13-19` });
    }
    if (!luhnValid(pan)) {
      warnings.push({
        code: 'PAN_LUHN',
        message:
          'the PAN fails the Luhn check digit (a masked or tokenised number, or a damaged read)',
      });
    }
    if (panObject && track2 && track2.pan !== pan) {
      warnings.push({
        code: 'PAN_MISMATCH',
        message: `the PAN in 5A and in track 2 (${t2Object?.tag}) differ`,
      });
    }
    result.pan = pan;
  }

  // Expiry.
  const expObject = firstObject(objects, '5F24');
  const fromTag =
    expObject && expObject.value.length === 3
      ? yymmToIso(toHex(expObject.value).slice(0, 4))
      : undefined;
  const fromTrack = track2
    ? yymmToIso(track2.expiry)
    : track1
      ? yymmToIso(track1.expiry)
      : undefined;
  result.expiry = fromTag ?? fromTrack;
  if (fromTag && fromTrack && fromTag !== fromTrack) {
    warnings.push({
      code: 'EXPIRY_MISMATCH',
      message: `expiry in 5F24 (${fromTag}) and in track ${track2 ? 2 : 1} (${fromTrack}) disagree; using 5F24`,
    });
  }
  if (result.expiry) result.expired = isExpired(result.expiry, now);

  // Track 2 fields.
  if (track2) {
    result.serviceCode = track2.serviceCode;
    result.track2 = {
      serviceCode: track2.serviceCode,
      discretionary: track2.discretionary,
      expiry: track2.expiry,
    };
  } else if (track1?.serviceCode) {
    result.serviceCode = track1.serviceCode;
  }

  const par = firstObject(objects, '9F24');
  if (par && par.value.length > 0) result.paymentAccountReference = toAscii(par.value).trim();

  const psn = firstObject(objects, '5F34');
  if (psn && psn.value.length === 1) result.panSequenceNumber = toHex(psn.value);

  // Names.
  const nameObject = firstObject(objects, '5F20');
  const name = nameObject
    ? cleanName(nameObject.value)
    : track1
      ? cleanName(Uint8Array.from(track1.name, (c) => c.charCodeAt(0) & 0xff))
      : {};
  if (name.name) result.cardholderName = name.name;
  if (name.hex) result.cardholderNameHex = name.hex;

  const label = firstObject(objects, '50');
  if (label && !result.label) result.label = toAscii(label.value).trim();
  const preferred = firstObject(objects, '9F12');
  if (preferred && !result.preferredName) result.preferredName = toAscii(preferred.value).trim();

  // Brands: the AID's first, the IIN's as a second opinion.
  const brands: string[] = [];
  const aidBrand = result.aid ? lookupAid(result.aid)?.brand : undefined;
  if (aidBrand) brands.push(aidBrand);
  const iinBrand = pan ? brandFromPan(pan) : undefined;
  if (iinBrand && !brands.includes(iinBrand)) brands.push(iinBrand);
  result.brands = brands;
  result.brand = brands[0];

  result.ok = result.pan !== undefined;
}

/** A card is valid through the last day of its expiry month. */
export function isExpired(expiry: string, now: Date): boolean {
  const [y, m] = expiry.split('-').map(Number);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return current > y * 12 + (m - 1);
}
