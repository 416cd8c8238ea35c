/**
 * Card helpers: track 2 and track 1 (src/card/track.ts), Luhn and masking (src/card/pan.ts),
 * brands from AIDs and IINs (src/card/aids.ts, brand.ts), expiry validity (src/read/extract.ts).
 */

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AIDS,
  ANDROID_HCE_PLACEHOLDER,
  brandFromPan,
  formatTrack2,
  fromHex,
  lookupAid,
  luhnCheckDigit,
  luhnValid,
  maskPan,
  maskPansIn,
  panFromBcd,
  parseTrack1,
  parseTrack2,
  probeAids,
  toHex,
} from '../../src/index.js';
import { isExpired } from '../../src/read/extract.js';

const digits = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    .map((d) => d.join(''));

describe('track 2 (Book 3 Annex A, 57)', () => {
  it('parses PAN, expiry, service code and discretionary data, dropping F padding', () => {
    const t = parseTrack2(fromHex('4761739001010010D20121200012339900031F'));
    expect(t).toEqual({
      pan: '4761739001010010',
      expiry: '2012',
      serviceCode: '120',
      discretionary: '0012339900031',
    });
  });

  it('parses a 19-digit PAN', () => {
    const t = parseTrack2(fromHex('6212345678901234567D3012201F'));
    expect(t?.pan).toBe('6212345678901234567');
    expect(t?.expiry).toBe('3012');
    expect(t?.serviceCode).toBe('201');
  });

  it('keeps the expiry when an anonymised recording overwrote the service code', () => {
    const t = parseTrack2(fromHex('4999999999999999D1509FFFFFFFFFFFFFFF'));
    expect(t).toMatchObject({ pan: '4999999999999999', expiry: '1509', serviceCode: '' });
  });

  it('returns undefined without a separator or with short fields', () => {
    expect(parseTrack2(fromHex('4111111111111111'))).toBeUndefined();
    expect(parseTrack2(fromHex('D2512201'))).toBeUndefined();
    expect(parseTrack2(fromHex('41D251'))).toBeUndefined();
  });

  it('formats back to BCD with F padding', () => {
    expect(
      toHex(
        formatTrack2({
          pan: '4111111111111111',
          expiry: '3112',
          serviceCode: '201',
          discretionary: '0',
        }),
      ),
    ).toBe('4111111111111111D31122010F');
  });

  it('property: format then parse gives back the fields', () => {
    fc.assert(
      fc.property(
        digits(12, 19),
        digits(4, 4),
        digits(3, 3),
        digits(0, 20),
        (pan, expiry, serviceCode, discretionary) => {
          const t = { pan, expiry, serviceCode, discretionary };
          expect(parseTrack2(formatTrack2(t))).toEqual(t);
        },
      ),
    );
  });
});

describe('track 1 (56) and cn PANs (5A)', () => {
  it('parses format B', () => {
    const text = 'B5200000000000000^ /^1911101000000000';
    const t = parseTrack1(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(t).toEqual({
      pan: '5200000000000000',
      name: ' /',
      expiry: '1911',
      serviceCode: '101',
      discretionary: '000000000',
    });
    expect(parseTrack1(Uint8Array.from('junk', (c) => c.charCodeAt(0)))).toBeUndefined();
  });

  it('reads a cn PAN with F padding', () => {
    expect(panFromBcd(fromHex('374245001741007F'))).toBe('374245001741007');
  });
});

describe('Luhn (ISO/IEC 7812-1 Annex B)', () => {
  it('accepts and rejects known numbers', () => {
    for (const pan of [
      '4111111111111111',
      '5555555555554444',
      '378282246310005',
      '5413330089600044',
      '4761739001010010',
    ]) {
      expect(luhnValid(pan)).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('4999999999999999')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111')).toBe(false);
    expect(luhnCheckDigit('411111111111111')).toBe('1');
    expect(luhnCheckDigit('37828224631000')).toBe('5');
  });

  it('property: the check digit makes any digit string valid', () => {
    fc.assert(
      fc.property(digits(1, 30), (s) => {
        expect(luhnValid(s + luhnCheckDigit(s))).toBe(true);
      }),
    );
  });

  it('property: changing any one digit breaks it', () => {
    const arb = digits(1, 25).chain((s) =>
      fc.tuple(
        fc.constant(s + luhnCheckDigit(s)),
        fc.nat({ max: s.length }),
        fc.integer({ min: 1, max: 9 }),
      ),
    );
    fc.assert(
      fc.property(arb, ([valid, at, delta]) => {
        const changed =
          valid.slice(0, at) + String((Number(valid[at]) + delta) % 10) + valid.slice(at + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});

describe('maskPan', () => {
  it('keeps the first 6 and last 4 digits', () => {
    expect(maskPan('4111111111111111')).toBe('411111******1111');
    expect(maskPan('374245001741007')).toBe('374245*****1007');
    expect(maskPan('6212345678901234567')).toBe('621234*********4567');
    expect(maskPan('4111111111111')).toBe('411111***1111');
  });

  it('shows only the first digits of a short (cut) number, at most 6 and at most half', () => {
    expect(maskPan('12345678')).toBe('1234****');
    expect(maskPan('541333008960')).toBe('541333******');
    expect(maskPan('1234')).toBe('12**');
  });

  it('maskPansIn masks a whole PAN even when a cut prefix of it is listed first', () => {
    const text = 'whole 5413330089600044, cut 541333008960';
    expect(maskPansIn(text, ['541333008960', '5413330089600044'])).toBe(
      'whole 541333******0044, cut 541333******',
    );
  });

  it('property: never shows more than 10 digits and keeps the length', () => {
    fc.assert(
      fc.property(digits(13, 19), (pan) => {
        const m = maskPan(pan);
        expect(m).toHaveLength(pan.length);
        expect(m.replace(/\*/g, '')).toHaveLength(10);
        expect(m.startsWith(pan.slice(0, 6)) && m.endsWith(pan.slice(-4))).toBe(true);
      }),
    );
  });

  it('maskPansIn masks every occurrence', () => {
    expect(maskPansIn('a 4111111111111111 b 4111111111111111', ['4111111111111111'])).toBe(
      'a 411111******1111 b 411111******1111',
    );
  });
});

describe('brands', () => {
  it('names the brand of an AID by the longest prefix', () => {
    expect(lookupAid('A0000000031010')?.brand).toBe('Visa');
    expect(lookupAid('A0000000032010')?.product).toBe('Visa Electron');
    expect(lookupAid('A0000000041010AA01')?.brand).toBe('Mastercard');
    expect(lookupAid('A000000025010403')?.brand).toBe('American Express');
    expect(lookupAid('A0000000421010')?.brand).toBe('Cartes Bancaires');
    expect(lookupAid('A0000002771010')?.brand).toBe('Interac');
    expect(lookupAid('D27600002545500200')?.brand).toBe('GeldKarte');
    expect(lookupAid('B0FFFF')).toBeUndefined();
  });

  it('probes full AIDs only, covering the schemes the field notes name', () => {
    const probes = probeAids();
    expect(probes.every((a) => a.length >= 14)).toBe(true);
    const brands = new Set(AIDS.filter((e) => e.probe).map((e) => e.brand));
    for (const b of [
      'Visa',
      'Mastercard',
      'Maestro',
      'American Express',
      'Discover',
      'JCB',
      'UnionPay',
      'Interac',
      'Mir',
      'RuPay',
      'girocard',
      'Cartes Bancaires',
      'Eftpos',
      'Elo',
      'Interswitch',
    ]) {
      expect(brands.has(b)).toBe(true);
    }
    for (const aid of [
      'A0000000031010',
      'A0000000032010',
      'A0000000032020',
      'A0000000038010',
      'A0000000041010',
      'A0000000043060',
      'A0000000046000',
      'A000000333010101',
      'A000000333010102',
      'A000000333010103',
    ]) {
      expect(probes).toContain(aid);
    }
    expect(probes).not.toContain(ANDROID_HCE_PLACEHOLDER);
  });

  it('names the brand of a PAN from its IIN', () => {
    expect(brandFromPan('4111111111111111')).toBe('Visa');
    expect(brandFromPan('5555555555554444')).toBe('Mastercard');
    expect(brandFromPan('2221000000000009')).toBe('Mastercard');
    expect(brandFromPan('378282246310005')).toBe('American Express');
    expect(brandFromPan('6210948000000011')).toBe('UnionPay');
    expect(brandFromPan('3530111333300000')).toBe('JCB');
    expect(brandFromPan('2200000000000004')).toBe('Mir');
    expect(brandFromPan('6011000990139424')).toBe('Discover');
    expect(brandFromPan('9999')).toBeUndefined();
  });
});

describe('expiry validity', () => {
  it('a card is valid through the last day of its expiry month', () => {
    expect(isExpired('2031-12', new Date(Date.UTC(2031, 11, 31, 23, 59)))).toBe(false);
    expect(isExpired('2031-12', new Date(Date.UTC(2032, 0, 1)))).toBe(true);
    expect(isExpired('2018-12', new Date(Date.UTC(2018, 0, 1)))).toBe(false);
    expect(isExpired('2018-12', new Date(Date.UTC(2025, 5, 1)))).toBe(true);
  });
});
