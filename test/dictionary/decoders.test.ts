import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes/hex.js';
import { decodeValue } from '../../src/decode/index.js';

const d = (tag: string, hex: string, scheme?: Parameters<typeof decodeValue>[2]) =>
  decodeValue(tag, fromHex(hex), scheme);

describe('value decoders on spec examples', () => {
  it('AIP (82), Book 3 Annex C1: SDA, DDA, CVM, TRM, CDA', () => {
    expect(d('82', '7D00')?.details).toEqual([
      'SDA supported',
      'DDA supported',
      'Cardholder verification is supported',
      'Terminal risk management is to be performed',
      'Issuer authentication is supported',
      'CDA supported',
    ]);
    expect(d('82', '1980', { scheme: 'mastercard' })?.details).toContain('EMV mode is supported');
  });

  it('AUC (9F07), Annex C2', () => {
    expect(d('9F07', 'FF00')?.details).toHaveLength(8);
    expect(d('9F07', 'C080')?.details).toEqual([
      'Valid for domestic cash transactions',
      'Valid for international cash transactions',
      'Domestic cashback allowed',
    ]);
  });

  it('CVM list (8E), §10.5: each rule and condition in words', () => {
    const cvm = d('8E', '000003E8000000004103420602021E031F00');
    expect(cvm?.summary).toBe('amount X 1000, amount Y 0, 5 rules');
    expect(cvm?.details).toEqual([
      'Plaintext PIN verification performed by ICC, if terminal supports the CVM; if unsuccessful, apply the next rule',
      'Enciphered PIN verified online, if transaction is in the application currency and is under X value; if unsuccessful, apply the next rule',
      'Enciphered PIN verified online, if not unattended cash and not manual cash and not purchase with cashback; if unsuccessful, cardholder verification fails',
      'Signature (paper), if terminal supports the CVM; if unsuccessful, cardholder verification fails',
      'No CVM required, always; if unsuccessful, cardholder verification fails',
    ]);
    expect(d('8E', '00000000000000004203FF')?.fallback).toMatch(/2 bytes per rule/);
  });

  it('CVM results (9F34)', () => {
    expect(d('9F34', '1F0302')?.summary).toBe(
      'No CVM required, if terminal supports the CVM: successful',
    );
  });

  it('TVR (95) and TSI (9B), Annex C5-C6', () => {
    expect(d('95', '8000048000')?.details).toEqual([
      'Offline data authentication was not performed',
      'Online PIN entered',
      'Transaction exceeds floor limit',
    ]);
    expect(d('95', '0000000000')?.summary).toBe('no bit set');
    expect(d('95', '0000000001')?.details).toEqual(['byte 5 bit 1: RFU']);
    expect(d('9B', 'E800')?.details).toEqual([
      'Offline data authentication was performed',
      'Cardholder verification was performed',
      'Card risk management was performed',
      'Terminal risk management was performed',
    ]);
    expect(d('95', '00')?.fallback).toBe('expected 5 bytes, got 1');
  });

  it('TTQ (9F66) and CTQ (9F6C), Book C-3', () => {
    expect(d('9F66', '36004000')?.details).toEqual([
      'EMV mode (qVSDC) supported',
      'EMV contact chip supported',
      'Online PIN supported',
      'Signature supported',
      'Consumer device CVM supported',
    ]);
    expect(d('9F6C', '1000', { scheme: 'visa' })?.details).toEqual([
      'Switch interface if offline data authentication fails and reader supports contact chip',
    ]);
    expect(d('9F6C', '0001', { scheme: 'mastercard' })?.summary).toBe('version 0001');
  });

  it('CID (9F27), Book 3 Table 15', () => {
    expect(d('9F27', '80')?.summary).toBe('ARQC (online authorisation requested)');
    expect(d('9F27', '40')?.summary).toBe('TC (transaction approved)');
    expect(d('9F27', '0A')).toEqual({
      summary: 'AAC (transaction declined)',
      details: ['Advice required', 'Reason: PIN Try Limit exceeded'],
    });
  });

  it('terminal capabilities (9F33, 9F40), Book 4 Annex A', () => {
    expect(d('9F33', 'E0F8C8')?.details).toEqual([
      'Manual key entry',
      'Magnetic stripe',
      'IC with contacts',
      'Plaintext PIN for ICC verification',
      'Enciphered PIN for online verification',
      'Signature (paper)',
      'Enciphered PIN for offline verification',
      'No CVM required',
      'SDA',
      'DDA',
      'CDA',
    ]);
    expect(d('9F40', '6000F0A001')?.details).toEqual([
      'Goods',
      'Services',
      'Numeric keys',
      'Alphabetic and special characters keys',
      'Command keys',
      'Function keys',
      'Print, attendant',
      'Display, attendant',
      'Code table 1',
    ]);
    expect(d('9F35', '22')?.summary).toBe(
      'attended, offline with online capability, operated by a merchant',
    );
  });

  it('AFL (94), Book 3 §10.2', () => {
    expect(d('94', '0801010110010300')?.details).toEqual([
      'SFI 1, record 1, 1 record for offline data authentication',
      'SFI 2, records 1-3, none for offline data authentication',
    ]);
    expect(d('94', '080101')?.fallback).toMatch(/multiple of 4/);
    expect(d('94', '08030100')?.fallback).toMatch(/not a range/);
  });

  it('DOLs list tag, name and length (PDOL, CDOL1)', () => {
    expect(d('9F38', '9F66049F02069F37045F2A02')?.details).toEqual([
      '9F66 Terminal Transaction Qualifiers (TTQ) (4 bytes)',
      '9F02 Amount, Authorised (Numeric) (6 bytes)',
      '9F37 Unpredictable Number (4 bytes)',
      '5F2A Transaction Currency Code (2 bytes)',
    ]);
    expect(d('8C', '9F02069F2B00')?.details).toEqual([
      '9F02 Amount, Authorised (Numeric) (6 bytes)',
      '9F2B unknown tag (0 bytes)',
    ]);
    expect(d('9F38', '9F')?.fallback).toMatch(/cut short/);
  });

  it('dates and times', () => {
    expect(d('5F24', '251231')?.summary).toBe('2025-12-31');
    expect(d('9A', '990101')?.summary).toBe('1999-01-01');
    expect(d('5F24', '250231')?.fallback).toMatch(/day 31/);
    expect(d('5F24', '25AB31')?.fallback).toMatch(/BCD/);
    expect(d('9F21', '235959')?.summary).toBe('23:59:59');
  });

  it('amounts in their currency; currencies, countries and languages by ISO code', () => {
    expect(d('9F02', '000000001234', { currency: '978' })?.summary).toBe('12.34 EUR');
    expect(d('9F02', '000000001234', { currency: '392' })?.summary).toBe('1234 JPY');
    expect(d('9F02', '000000001234')?.summary).toMatch(/currency not known/);
    expect(d('5F2A', '0978')?.summary).toBe('EUR (978) Euro');
    expect(d('9F42', '0840')?.summary).toBe('USD (840) US Dollar');
    expect(d('5F28', '0250')?.summary).toBe('FR (250) France');
    expect(d('9F1A', '0826')?.summary).toMatch(/^GB \(826\) United Kingdom/);
    expect(d('5F2D', '6465656E')?.summary).toBe('de German, en English');
    expect(d('5F56', '43414E')?.summary).toBe('CAN Canada');
  });

  it('track 2 (57) and track 1 (56), ISO/IEC 7813', () => {
    expect(d('57', '5413330089600044D14122010000000000000F')?.details).toEqual([
      'PAN 5413330089600044',
      'Expiry 2014-12',
      'Service code 201: international interchange, use the chip; normal authorisation; no restrictions',
      'Discretionary data 0000000000000',
    ]);
    const t1 = d(
      '56',
      Buffer.from('B5413330089600044^CARDHOLDER/TEST^1412201000000').toString('hex'),
    );
    expect(t1?.details).toEqual([
      'PAN 5413330089600044',
      'Name "CARDHOLDER/TEST"',
      'Expiry 2014-12',
      'Service code 201: international interchange, use the chip; normal authorisation; no restrictions',
      'Discretionary data "000000"',
    ]);
    expect(d('57', '5413330089600044')?.fallback).toMatch(/separator D/);
    expect(d('5F30', '0201')?.summary).toMatch(/^201: international interchange, use the chip/);
  });

  it('issuer application data (9F10) for Visa and Mastercard', () => {
    const visa = d('9F10', '06010A03A00000', { scheme: 'visa' });
    expect(visa?.details).toEqual([
      'Derivation Key Index 01',
      'Cryptogram Version Number 0A',
      'Card Verification Results A00000',
      '  AC returned in second GENERATE AC: second GENERATE AC not requested',
      '  AC returned in first GENERATE AC: ARQC',
    ]);
    const mc = d('9F10', '0110A00009248400000000000000000029FF', { scheme: 'mastercard' });
    expect(mc?.details.slice(0, 5)).toEqual([
      'Key Derivation Index 01',
      'Cryptogram Version Number 10',
      'Card Verification Results A00009248400',
      '  AC returned in second GENERATE AC: second GENERATE AC not requested',
      '  AC returned in first GENERATE AC: ARQC',
    ]);
    expect(d('9F10', '0110A000', { scheme: 'mastercard' })?.fallback).toMatch(/M\/Chip/);
    expect(d('9F10', '0110A000', { scheme: 'amex' })).toBeUndefined();
  });

  it('never throws: arbitrary bytes give a meaning, a fallback note or nothing', () => {
    const tags = [
      '82',
      '8E',
      '94',
      '95',
      '9F10',
      '9F38',
      '57',
      '56',
      '5F24',
      '5F2D',
      '9F02',
      '9F27',
      '9F66',
      '5A',
      '50',
      '9F35',
      'DF8120',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...tags),
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom(undefined, 'visa', 'mastercard'),
        (tag, bytes, scheme) => {
          const r = decodeValue(tag, bytes, { scheme: scheme as 'visa' | undefined });
          if (r) expect(Array.isArray(r.details)).toBe(true);
        },
      ),
    );
  });
});
