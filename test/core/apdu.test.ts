/**
 * Command APDUs with their ISO/IEC 7816-4 §5.1 cases (src/apdu/commands.ts) and the status-word
 * formatter and meanings (src/apdu/status.ts).
 */

import { describe, expect, it } from 'vitest';
import {
  describeSw,
  formatSw,
  fromHex,
  generateAc,
  getData,
  getProcessingOptions,
  getResponse,
  instructionName,
  internalAuthenticate,
  isSuccess,
  isWarning,
  PPSE,
  PSE,
  readRecord,
  responseData,
  selectByName,
  statusWord,
  toHex,
} from '../../src/index.js';

describe('commands', () => {
  it('SELECT by name is case 4 ending in Le 00 (Book 1 §11.3)', () => {
    expect(toHex(selectByName(PPSE), ' ')).toBe(
      '00 A4 04 00 0E 32 50 41 59 2E 53 59 53 2E 44 44 46 30 31 00',
    );
    expect(toHex(selectByName(PSE))).toBe('00A404000E315041592E5359532E444446303100');
    expect(toHex(selectByName(fromHex('A0000000031010')))).toBe('00A4040007A000000003101000');
    expect(toHex(selectByName(fromHex('A0000000031010'), true))).toBe('00A4040207A000000003101000');
  });

  it('GET PROCESSING OPTIONS is case 4 with 83 L data and Le 00 (Book 3 §6.5.8)', () => {
    expect(toHex(getProcessingOptions(new Uint8Array(0)))).toBe('80A8000002830000');
    expect(toHex(getProcessingOptions(fromHex('22')))).toBe('80A80000038301' + '2200');
    const data = new Uint8Array(36).fill(0x11);
    const cmd = getProcessingOptions(data);
    expect(cmd.length).toBe(5 + 2 + 36 + 1);
    expect(toHex(cmd.subarray(0, 7))).toBe('80A80000268324');
    expect(cmd[cmd.length - 1]).toBe(0x00);
  });

  it('READ RECORD is case 2: no Lc, P2 = SFI << 3 | 4 (Book 3 §6.5.11)', () => {
    expect(toHex(readRecord(1, 1))).toBe('00B2010C00');
    expect(toHex(readRecord(11, 17))).toBe('00B2115C00');
    expect(toHex(readRecord(2, 3, 0x4f))).toBe('00B203144F');
    expect(readRecord(30, 255)).toHaveLength(5);
    expect(() => readRecord(0, 1)).toThrow(RangeError);
    expect(() => readRecord(31, 1)).toThrow(RangeError);
    expect(() => readRecord(1, 256)).toThrow(RangeError);
  });

  it('GET DATA is case 2 with the tag in P1 P2 (Book 3 §6.5.7)', () => {
    expect(toHex(getData(0x9f17))).toBe('80CA9F1700');
    expect(toHex(getData(0x9f7f))).toBe('80CA9F7F00');
    expect(getData(0x9f36)).toHaveLength(5);
  });

  it('GET RESPONSE is 00 C0 00 00 xx (ISO 7816-4 §7.6.1)', () => {
    expect(toHex(getResponse(0x2c))).toBe('00C000002C');
    expect(toHex(getResponse(0))).toBe('00C0000000');
  });

  it('INTERNAL AUTHENTICATE and GENERATE AC are case 4', () => {
    expect(toHex(internalAuthenticate(fromHex('01020304')))).toBe('0088000004010203' + '0400');
    expect(toHex(generateAc(0x80, fromHex('AABB')))).toBe('80AE800002AABB00');
  });

  it('GPO data of 128 bytes or more uses the long form 83 81 L (Book 3 Annex B2)', () => {
    const cmd = getProcessingOptions(new Uint8Array(130).fill(0x22));
    expect(toHex(cmd.subarray(0, 8))).toBe('80A8000085838182');
    expect(cmd.length).toBe(5 + 3 + 130 + 1);
    expect(cmd[cmd.length - 1]).toBe(0x00);
  });

  it('refuses more than 255 bytes of command data', () => {
    expect(() => getProcessingOptions(new Uint8Array(254))).toThrow(RangeError);
  });

  it('names instructions', () => {
    expect(instructionName(selectByName(PPSE))).toBe('SELECT');
    expect(instructionName(getProcessingOptions(new Uint8Array(0)))).toBe('GET PROCESSING OPTIONS');
    expect(instructionName(readRecord(1, 1))).toBe('READ RECORD');
    expect(instructionName(getData(0x9f17))).toBe('GET DATA');
    expect(instructionName(getResponse(1))).toBe('GET RESPONSE');
    expect(instructionName(fromHex('00 0C 00 00'))).toBe('INS 0C');
  });
});

describe('status words', () => {
  it('one formatter: four upper-case hex digits', () => {
    expect(formatSw(0x6a82)).toBe('6A82');
    expect(formatSw(0x9000)).toBe('9000');
    expect(formatSw(0x612c)).toBe('612C');
    expect(formatSw(0x0000)).toBe('0000');
    expect(formatSw(-1)).toBe('----');
  });

  it('statusWord and responseData split an answer', () => {
    const r = fromHex('6F 00 90 00');
    expect(statusWord(r)).toBe(0x9000);
    expect(toHex(responseData(r))).toBe('6F00');
    expect(responseData(r).buffer).toBe(r.buffer);
    expect(statusWord(fromHex('90'))).toBe(-1);
    expect(responseData(fromHex('90')).length).toBe(0);
  });

  it('classifies success and warnings (ISO 7816-4 §5.6)', () => {
    expect(isSuccess(0x9000)).toBe(true);
    expect(isSuccess(0x6283)).toBe(false);
    expect(isWarning(0x6283)).toBe(true);
    expect(isWarning(0x6285)).toBe(true);
    expect(isWarning(0x63c2)).toBe(true);
    expect(isWarning(0x6a82)).toBe(false);
  });

  it('gives meanings', () => {
    expect(describeSw(0x9000)).toBe('success');
    expect(describeSw(0x6a82)).toMatch(/not found/);
    expect(describeSw(0x6a83)).toMatch(/record not found/);
    expect(describeSw(0x6a88)).toMatch(/referenced data not found/);
    expect(describeSw(0x6985)).toMatch(/conditions of use not satisfied/);
    expect(describeSw(0x6986)).toMatch(/locked|authenticated/);
    expect(describeSw(0x6283)).toMatch(/blocked|invalidated/);
    expect(describeSw(0x6d00)).toMatch(/instruction not supported/);
    expect(describeSw(0x612c)).toBe('44 more bytes available (GET RESPONSE)');
    expect(describeSw(0x6100)).toMatch(/^256 more bytes/);
    expect(describeSw(0x6c2b)).toBe('wrong Le: resend with Le = 43');
    expect(describeSw(0x63c2)).toMatch(/2 tries left/);
    expect(describeSw(0x1234)).toBe('unknown status word');
    expect(describeSw(-1)).toBe('no status word');
  });
});
