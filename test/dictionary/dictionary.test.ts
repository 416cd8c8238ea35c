import { describe, expect, it } from 'vitest';
import {
  dictionarySize,
  lookupTag,
  meaningsOf,
  schemeOfAid,
  tagName,
} from '../../src/dictionary/dictionary.js';
import { GENERIC_TAGS, SCHEME_TAGS } from '../../src/dictionary/tags.generated.js';

describe('EMV data dictionary', () => {
  it('holds at least 300 tags, each with name, format, source, templates and a length range', () => {
    expect(dictionarySize()).toBeGreaterThanOrEqual(300);
    for (const r of [...GENERIC_TAGS, ...SCHEME_TAGS]) {
      expect(r.tag).toMatch(/^([0-9A-F]{2}){1,3}$/);
      expect(r.name.length).toBeGreaterThan(1);
      expect(['b', 'n', 'cn', 'a', 'an', 'ans', 'var']).toContain(r.format);
      expect(['card', 'terminal', 'issuer']).toContain(r.source);
      expect(r.length[0]).toBeLessThanOrEqual(r.length[1]);
      for (const t of r.templates) expect(t).toMatch(/^([0-9A-F]{2}){1,2}$/);
    }
  });

  it('has one generic row per tag', () => {
    const tags = GENERIC_TAGS.map((r) => r.tag);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('uses EMV Book 3 Annex A names, formats and lengths (Book 3 Table 33)', () => {
    expect(lookupTag(0x9f38)).toMatchObject({
      name: 'Processing Options Data Object List (PDOL)',
      format: 'b',
      source: 'card',
      templates: ['A5'],
    });
    expect(lookupTag('5A')).toMatchObject({ format: 'cn', length: [0, 10] });
    expect(lookupTag('9F02')).toMatchObject({
      name: 'Amount, Authorised (Numeric)',
      format: 'n',
      source: 'terminal',
      length: [6, 6],
    });
    expect(lookupTag('82')?.name).toBe('Application Interchange Profile');
    expect(lookupTag('8E')?.name).toBe('Cardholder Verification Method (CVM) List');
  });

  it('knows the phone-wallet tags (EMV Payment Tokenisation)', () => {
    expect(tagName('9F24')).toBe('Payment Account Reference (PAR)');
    expect(tagName('9F19')).toBe('Token Requestor ID');
    expect(tagName('9F25')).toBe('Last 4 Digits of PAN');
    expect(tagName('9F6E', 'visa')).toBe('Form Factor Indicator (FFI)');
  });

  it('resolves kernel-specific tags by scheme or AID, falling back to the generic meaning', () => {
    expect(tagName(0x9f6c, 'visa')).toBe('Card Transaction Qualifiers (CTQ)');
    expect(tagName(0x9f6c, 'mastercard')).toBe('Mag-stripe Application Version Number (Card)');
    expect(tagName('9F6C', 'A0000000041010')).toBe('Mag-stripe Application Version Number (Card)');
    expect(tagName('9F6E', 'amex')).toBe('Enhanced Contactless Reader Capabilities');
    expect(tagName('9F66', 'mastercard')).toBe('PUNATC (Track2)');
    expect(tagName('9F66', 'unionpay')).toBe('Terminal Transaction Qualifiers (TTQ)');
    expect(tagName('5A', 'mastercard')).toBe('Application Primary Account Number (PAN)');
    expect(meaningsOf('9F6E').length).toBeGreaterThanOrEqual(3);
    expect(lookupTag('DF8129', 'mastercard')?.name).toBe('Outcome Parameter Set');
  });

  it('picks the one scheme meaning a value fits when it does not fit the generic one (9F6B)', () => {
    // 9F6B: Visa Card CVM Limit (n 6), Mastercard Track 2 Data (b, up to 19 bytes).
    expect(lookupTag('9F6B')).toMatchObject({
      name: 'Card CVM Limit',
      format: 'n',
      length: [6, 6],
    });
    expect(lookupTag('9F6B', undefined, 6)?.name).toBe('Card CVM Limit');
    expect(lookupTag('9F6B', undefined, 18)).toMatchObject({
      name: 'Track 2 Data',
      scheme: 'mastercard',
    });
    expect(lookupTag('9F6B', 'visa', 18)?.name).toBe('Card CVM Limit');
  });

  it("gives a generic row named after one kernel meaning that meaning's length", () => {
    for (const g of GENERIC_TAGS) {
      const same = SCHEME_TAGS.filter((r) => r.tag === g.tag && r.name === g.name);
      if (same.length === 1) expect(g.length, g.tag).toEqual(same[0].length);
    }
  });

  it('maps RIDs to schemes', () => {
    expect(schemeOfAid('A0000000031010')).toBe('visa');
    expect(schemeOfAid('A000000025010403')).toBe('amex');
    expect(schemeOfAid('A000000333010102')).toBe('unionpay');
    expect(schemeOfAid(Uint8Array.of(0xa0, 0, 0, 0, 0x65, 0x10, 0x10))).toBe('jcb');
    expect(schemeOfAid('A0000000421010')).toBeUndefined();
  });
});
