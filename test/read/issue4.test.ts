/**
 * Issue 4: the six "small inputs from public reports", built here as virtual cards from the
 * exact bytes the issue gives, plus blocked applications, the Android HCE placeholder, terminal
 * profiles on 6985/6700, full reads, co-badged brands, 19-digit PANs and expiry validity.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANDROID_HCE_PLACEHOLDER,
  createTranscriptCard,
  encodeLength,
  fromHex,
  luhnCheckDigit,
  maskPan,
  parseDol,
  parseTranscript,
  PROFILES,
  probeAids,
  readCard,
  toHex,
  type ReadOptions,
} from '../../src/index.js';
import { requireShared } from '../shared.js';
import {
  asciiHex,
  commandsOf,
  mapCard,
  SELECT_PPSE,
  SELECT_PSE,
  selectHex,
  transcriptCard,
} from './cards.js';

/** A TLV element as hex: tag, minimal length, the values joined (hex, spaces allowed). */
function T(tag: string, ...values: string[]): string {
  const v = values.join('').replace(/\s/g, '');
  return tag + toHex(encodeLength(v.length / 2)) + v;
}

const OK = '9000';
const DATE = new Date(Date.UTC(2024, 5, 15));
const FIXED: ReadOptions = { date: DATE, random: (n) => new Uint8Array(n).fill(0x5a) };

/** A PPSE FCI listing (aid, priority) entries. */
function ppse(...apps: [string, number][]): string {
  const entries = apps.map(([aid, p]) =>
    T('61', T('4F', aid), T('87', p.toString(16).padStart(2, '0'))),
  );
  return T('6F', T('84', asciiHex('2PAY.SYS.DDF01')), T('A5', T('BF0C', ...entries))) + OK;
}

/** An application FCI with an optional PDOL. */
function fci(aid: string, label: string, pdol?: string, sw = OK): string {
  return (
    T(
      '6F',
      T('84', aid),
      T('A5', T('50', asciiHex(label)), T('87', '01'), pdol ? T('9F38', pdol) : ''),
    ) + sw
  );
}

const withLuhn = (digits: string) => digits + luhnCheckDigit(digits);

describe('issue 4 input 1: contact Mastercard over T=0 (61 2C, 6C 2B, 9-byte AID, GET DATA 6A88)', () => {
  const aid = 'A0000000041010AA01';
  const pseFci = T(
    '6F',
    T('84', asciiHex('1PAY.SYS.DDF01')),
    T(
      'A5',
      T('88', '01'),
      T('5F2D', asciiHex('enfrde')),
      T('9F11', '01'),
      T('BF0C', T('DF60', '0B1E')),
    ),
  );
  const record = T(
    '70',
    T(
      '61',
      T('4F', aid),
      T('50', asciiHex('MASTERCARD DEBIT')),
      T('87', '01'),
      T('9F12', asciiHex('MCRD')),
    ),
  );
  const appFci = fci(aid, 'MASTERCARD DEBIT');
  const pan = '5105105105105100';

  it('the bytes have the lengths the issue gives', () => {
    expect(pseFci.length / 2).toBe(0x2c);
    expect(record.length / 2).toBe(0x2b);
  });

  it('a --full read succeeds', async () => {
    const card = mapCard({
      [SELECT_PPSE]: '6A82',
      [SELECT_PSE]: '61 2C',
      '00 C0 00 00 2C': pseFci + OK,
      '00 B2 01 0C 00': '6C 2B',
      '00 B2 01 0C 2B': record + OK,
      '00 B2 02 0C 00': '6A 83',
      [selectHex(aid)]: '61 ' + (appFci.length / 2 - 2).toString(16).padStart(2, '0'),
      ['00C00000' + (appFci.length / 2 - 2).toString(16).toUpperCase().padStart(2, '0')]: appFci,
      '80 A8 00 00 02 83 00 00': T('80', '1800', '10010100') + OK,
      '00 B2 01 14 00':
        T('70', T('5A', pan), T('5F24', '301130'), T('5F20', asciiHex('MC/T0 TEST'))) + OK,
      '80 CA 9F 17 00': '6A 88',
      '80 CA 9F 36 00': '6A 88',
    });
    const r = await readCard(card, { ...FIXED, full: true });

    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({
      ok: true,
      pan,
      expiry: '2030-11',
      aid,
      brand: 'Mastercard',
      cardholderName: 'MC/T0 TEST',
    });
    expect(r.applications).toHaveLength(1);
    expect(r.applications[0]).toMatchObject({
      aid,
      foundBy: 'PSE',
      priority: 1,
      label: 'MASTERCARD DEBIT',
    });
    expect(card.sent).toContain('00C000002C');
    expect(card.sent).toContain('00B2010C2B');
    expect(card.sent.indexOf('00B2010C2B')).toBe(card.sent.indexOf('00B2010C00') + 1);
    expect(r.extra?.pinTryCounter?.error).toMatch(/6A88/);
    expect(r.extra?.atc?.error).toMatch(/6A88/);
    expect(r.extra?.cplc?.error).toMatch(/6A88/);
  });
});

describe('issue 4 input 2: Visa Electron PDOL listing 9A twice', () => {
  const pdol = '9F66 04 9F02 06 9F03 06 9F1A 02 95 05 5F2A 02 9A 03 9C 01 9F37 04 9A 03';
  const aid = 'A0000000032010';

  it('sends 36 bytes of GPO data, 83 24 ..., each entry filled in order', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse([aid, 1]),
      [selectHex(aid)]: fci(aid, 'VISA ELECTRON', pdol),
      '80A80000*': T('77', T('82', '1980'), T('94', '08010100')) + OK,
      '00B2010C00': T('70', T('57', '4917610000000000D29122010000000000000F')) + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r.ok).toBe(true);
    expect(r.profile).toBe('default');

    const gpo = card.sent.find((c) => c.startsWith('80A8'))!;
    const bytes = fromHex(gpo);
    expect(bytes.length).toBe(5 + 38 + 1);
    expect(toHex(bytes.subarray(0, 7))).toBe('80A80000268324');
    expect(bytes[bytes.length - 1]).toBe(0x00);
    const data = bytes.subarray(7, 7 + 36);
    expect(parseDol(fromHex(pdol)).reduce((n, e) => n + e.length, 0)).toBe(36);
    expect(toHex(data.subarray(0, 4))).toBe(PROFILES[0].values['9F66'].value);
    expect(toHex(data.subarray(16, 18))).toBe('0840');
    expect(toHex(data.subarray(25, 28))).toBe('240615');
    expect(toHex(data.subarray(28, 29))).toBe('00');
    expect(toHex(data.subarray(29, 33))).toBe('5A5A5A5A');
    expect(toHex(data.subarray(33, 36))).toBe('240615');
  });
});

describe('issue 4 input 3: Amex over a PN532 (PSE with two applications, AFL with gaps)', () => {
  const amex1 = 'A000000025010402';
  const amex2 = 'A000000025010801';
  const pan = '371449635398431';
  const transcript = [
    `send: ${SELECT_PPSE}`,
    'resp: 6A 82',
    `send: ${SELECT_PSE}`,
    `resp: ${T('6F', T('84', asciiHex('1PAY.SYS.DDF01')), T('A5', T('88', '01')))}${OK}`,
    'send: 00 B2 01 0C 00',
    `resp: ${T('70', T('61', T('4F', amex1), T('50', asciiHex('AMEX')), T('87', '01')), T('61', T('4F', amex2), T('50', asciiHex('AMEX 2')), T('87', '02')))}${OK}`,
    'send: 00 B2 02 0C 00',
    'resp: 6A 83',
    `send: ${selectHex(amex1)}`,
    `resp: ${fci(amex1, 'AMERICAN EXPRESS', '9F3501')}`,
    'send: 80 A8 00 00 03 83 01 22 00',
    'resp: 80 0E 5C 00 08 01 01 00 08 03 03 01 08 05 05 00 90 00',
    'send: 00 B2 01 0C 00',
    `resp: ${T('70', T('57', pan + 'D251270200000000F'))}${OK}`,
    'send: 00 B2 02 0C 00',
    `resp: ${T('70', T('5F20', asciiHex('NOT/READ')))}${OK}`,
    'send: 00 B2 03 0C 00',
    `resp: ${T('70', T('5A', pan + 'F'), T('5F24', '251231'), T('5F20', asciiHex('AMEX/PN532')))}${OK}`,
    'send: 00 B2 04 0C 00',
    `resp: ${T('70', T('5F20', asciiHex('NOT/READ')))}${OK}`,
    'send: 00 B2 05 0C 00',
    `resp: ${T('70', T('8F', '0F'), T('9F32', '03'))}${OK}`,
  ].join('\n');

  it('reads exactly records 1, 3 and 5 of SFI 1', async () => {
    const r = await readCard(transcriptCard(transcript), FIXED);
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({
      ok: true,
      pan,
      expiry: '2025-12',
      aid: amex1,
      brand: 'American Express',
      cardholderName: 'AMEX/PN532',
    });
    expect(r.applications.map((a) => [a.aid, a.priority, a.foundBy])).toEqual([
      [amex1, 1, 'PSE'],
      [amex2, 2, 'PSE'],
    ]);
    const commands = commandsOf(r);
    const gpoAt = commands.indexOf('80A80000038301' + '2200');
    expect(gpoAt).toBeGreaterThan(0);
    expect(commands.slice(gpoAt + 1)).toEqual(['00B2010C00', '00B2030C00', '00B2050C00']);
    expect(commands.slice(0, 4)).toEqual([SELECT_PPSE, SELECT_PSE, '00B2010C00', '00B2020C00']);
    expect(r.dataObjects.find((o) => o.tag === '9F32')?.source).toBe('READ RECORD 1.5');
  });
});

describe('issue 4 input 4: records padded with FF', () => {
  const record =
    '70 59' +
    ' FF'.repeat(50) +
    ' 57 13 47 61 73 90 01 01 00 10 D2 01 21 20 00 12 33 99 00 03 1F' +
    ' 5F 20 0F 46 55 4C 4C 2F 46 55 4E 43 54 49 4F 4E 41 4C';

  it('the public Visa test card reads as PAN 4761739001010010, 2020-12, FULL/FUNCTIONAL', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000031010', 1]),
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA'),
      '80A8000002830000': T('80', '0000', '08010100') + OK,
      '00B2010C00': record + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({
      ok: true,
      pan: '4761739001010010',
      expiry: '2020-12',
      expired: true,
      cardholderName: 'FULL/FUNCTIONAL',
      serviceCode: '120',
      brand: 'Visa',
    });
    expect(r.warnings).toEqual([]);
  });

  it('70 0C 5F 34 01 01 FF FF FF 9F 57 02 08 40 gives 5F34 and 9F57 in a read', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000031010', 1]),
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA'),
      '80A8000002830000': T('80', '0000', '08010200') + OK,
      '00B2010C00': T('70', T('57', '4111111111111111D31122010000000000000F')) + OK,
      '00B2020C00': '70 0C 5F 34 01 01 FF FF FF 9F 57 02 08 40' + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r.panSequenceNumber).toBe('01');
    const fromRecord2 = r.dataObjects
      .filter((o) => o.source === 'READ RECORD 1.2')
      .map((o) => [o.tag, toHex(o.value)]);
    expect(fromRecord2).toEqual([
      ['5F34', '01'],
      ['9F57', '0840'],
    ]);
  });
});

describe('issue 4 input 5: finding the application without directories', () => {
  it('SELECT PSE 6D00 and SELECT PPSE 6A82: found by probing', async () => {
    const card = mapCard({
      [SELECT_PPSE]: '6A82',
      [SELECT_PSE]: '6D00',
      [selectHex('A0000000041010')]: fci('A0000000041010', 'MASTERCARD'),
      '80A8000002830000': T('77', T('82', '1980'), T('94', '08010100')) + OK,
      '00B2010C00': T('70', T('5A', '5555555555554444'), T('5F24', '290131')) + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({
      ok: true,
      pan: '5555555555554444',
      expiry: '2029-01',
      aid: 'A0000000041010',
    });
    expect(r.applications).toEqual([
      { aid: 'A0000000041010', foundBy: 'probe', brand: 'Mastercard', label: 'MASTERCARD' },
    ]);
    expect(card.sent.slice(0, 4)).toEqual([
      SELECT_PPSE,
      SELECT_PSE,
      selectHex('A0000000031010'),
      selectHex('A0000000041010'),
    ]);
  });

  it('a card refusing the partial AID A0 00 00 00 03 but accepting the full one', async () => {
    const card = mapCard({
      [SELECT_PPSE]: '6A82',
      [SELECT_PSE]: '6A82',
      [selectHex('A000000003')]: '6A82',
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA DEBIT'),
      '80A8000002830000': T('80', '0000', '08010100') + OK,
      '00B2010C00': T('70', T('57', '4111111111111111D31122010000000000000F')) + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({
      ok: true,
      pan: '4111111111111111',
      aid: 'A0000000031010',
      label: 'VISA DEBIT',
    });
    const selects = card.sent.filter((c) => c.startsWith('00A404'));
    expect(selects.every((c) => c === SELECT_PPSE || c === SELECT_PSE || fromHex(c)[4] >= 7)).toBe(
      true,
    );
  });

  it('a card with no directory and no known AID: NO_APPLICATION after one pass over the probe list', async () => {
    const card = mapCard({});
    const r = await readCard(card, FIXED);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('NO_APPLICATION');
    expect(card.sent).toHaveLength(2 + probeAids().length);
  });
});

describe('issue 4 input 6: PAN only in the GPO answer or only in 9F6B', () => {
  it('a Visa with track 2 (57) only in the GPO answer and no 5A', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000031010', 1]),
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA', '9F6604 9F3704'),
      '80A8*':
        T(
          '77',
          T('82', '2000'),
          T('94', '18010100'),
          T('57', '4111111111111111D28052010000000000000F'),
          T('9F10', '06010A03A00000'),
        ) + OK,
      '00B2011C00': T('70', T('5F20', asciiHex('GPO/TRACK')), T('9F1F', asciiHex('0000'))) + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({
      ok: true,
      pan: '4111111111111111',
      expiry: '2028-05',
      serviceCode: '201',
      cardholderName: 'GPO/TRACK',
    });
    expect(r.dataObjects.find((o) => o.tag === '57')?.source).toBe('GPO');
    expect(r.dataObjects.some((o) => o.tag === '5A')).toBe(false);
  });

  it('a phone wallet giving the PAN only in 9F6B', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000041010', 1]),
      [selectHex('A0000000041010')]: fci('A0000000041010', 'MASTERCARD'),
      '80A8000002830000': T('77', T('82', '0000'), T('94', '08010100')) + OK,
      '00B2010C00':
        T(
          '70',
          T('9F6B', '5413330089600044D25122010000000000000F'),
          T('9F24', asciiHex('5001ABCDEFGHIJKLMNOPQRSTUVWXY')),
        ) + OK,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({
      ok: true,
      pan: '5413330089600044',
      expiry: '2025-12',
      serviceCode: '201',
    });
    expect(r.cardholderName).toBeUndefined();
    expect(r.dataObjects.some((o) => o.tag === '9F24')).toBe(true);
  });
});

describe('applications: blocked, placeholder, priority', () => {
  const visaCard = {
    [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA'),
    '80A8000002830000': T('80', '0000', '08010100') + OK,
    '00B2010C00': T('70', T('57', '4111111111111111D31122010000000000000F')) + OK,
  };

  it('a blocked application (6283) is reported and skipped', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000041010', 1], ['A0000000031010', 2]),
      [selectHex('A0000000041010')]: fci('A0000000041010', 'MASTERCARD', undefined, '6283'),
      ...visaCard,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({ ok: true, pan: '4111111111111111', aid: 'A0000000031010' });
    expect(r.applications.find((a) => a.aid === 'A0000000041010')?.blocked).toBe(true);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/A0000000041010.*blocked.*6283/),
    );
    expect(card.sent.slice(1, 3)).toEqual([
      selectHex('A0000000041010'),
      selectHex('A0000000031010'),
    ]);
  });

  it('a card whose only application is blocked says so', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000041010', 1]),
      [selectHex('A0000000041010')]: fci('A0000000041010', 'MASTERCARD', undefined, '6283'),
    });
    const r = await readCard(card, FIXED);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('CARD_REFUSED');
    expect(r.error?.message).toMatch(/blocked/);
    expect(card.sent.filter((c) => c.startsWith('80A8'))).toEqual([]);
  });

  it('the Android HCE placeholder application is skipped, never selected', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse([ANDROID_HCE_PLACEHOLDER, 1], ['A0000000031010', 2]),
      ...visaCard,
    });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({ ok: true, aid: 'A0000000031010' });
    expect(r.applications.find((a) => a.aid === ANDROID_HCE_PLACEHOLDER)?.placeholder).toBe(true);
    expect(card.sent).not.toContain(selectHex(ANDROID_HCE_PLACEHOLDER));
  });

  it('applications are tried by priority, those without one after', async () => {
    const card = mapCard({
      [SELECT_PPSE]: ppse(['A0000000041010', 0], ['A0000000032010', 2], ['A0000000031010', 1]),
      ...visaCard,
    });
    const r = await readCard(card, FIXED);
    expect(r.applications.map((a) => a.aid)).toEqual([
      'A0000000031010',
      'A0000000032010',
      'A0000000041010',
    ]);
    expect(card.sent[1]).toBe(selectHex('A0000000031010'));
  });

  it('SELECT answered with a warning (6285) and an FCI reads on', async () => {
    const card = mapCard({
      ...visaCard,
      [SELECT_PPSE]: ppse(['A0000000031010', 1]),
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA', undefined, '6285'),
    });
    const r = await readCard(card, FIXED);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('SELECT_WARNING');
  });
});

describe('GET PROCESSING OPTIONS: terminal profiles', () => {
  const base = {
    [SELECT_PPSE]: ppse(['A0000000031010', 1]),
    [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA', '9F6604 9F0206 9F3704'),
    '00B2010C00': T('70', T('57', '4111111111111111D31122010000000000000F')) + OK,
  };
  const accepted = T('77', T('82', '2000'), T('94', '08010100')) + OK;

  it('6985 is retried with the next profile; the profile used is reported', async () => {
    const card = mapCard({ ...base, '80A8*': ['6985', accepted] });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({ ok: true, profile: PROFILES[1].name });
    const gpos = card.sent.filter((c) => c.startsWith('80A8'));
    expect(gpos).toHaveLength(2);
    expect(gpos[0].slice(14, 22)).toBe(PROFILES[0].values['9F66'].value);
    expect(gpos[1].slice(14, 22)).toBe(PROFILES[1].values['9F66'].value);
    expect(gpos[1].slice(22, 34)).toBe(PROFILES[1].values['9F02'].value);
  });

  it('6700 for the PDOL data, accepted with an empty PDOL (83 00)', async () => {
    const card = mapCard({ ...base, '80A8000002830000': accepted, '80A8*': '6700' });
    const r = await readCard(card, FIXED);
    expect(r).toMatchObject({ ok: true, profile: 'empty-pdol' });
    expect(card.sent.filter((c) => c.startsWith('80A8'))).toHaveLength(PROFILES.length);
  });

  it('a card refusing every profile: bounded, then a message saying what to try', async () => {
    const card = mapCard({ ...base, '80A8*': '6985' });
    const r = await readCard(card, FIXED);
    expect(r.ok).toBe(false);
    expect(card.sent.filter((c) => c.startsWith('80A8'))).toHaveLength(PROFILES.length);
    expect(r.error?.code).toBe('CARD_REFUSED');
    expect(r.error?.message).toMatch(/terminal profile/);
    expect(r.error?.message).toMatch(/interface|kernel/);
  });

  it('a phone wallet refusing with 6986 is told to unlock, without retries', async () => {
    const card = mapCard({ ...base, '80A8*': '6986' });
    const r = await readCard(card, FIXED);
    expect(r.error?.code).toBe('WALLET_LOCKED');
    expect(r.error?.message).toMatch(/unlock/);
    expect(card.sent.filter((c) => c.startsWith('80A8'))).toHaveLength(1);
  });

  it('a PDOL asking for more than a command carries is sent empty, with a warning', async () => {
    const huge = mapCard({
      ...base,
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA', '9F7C7F 9F4E7F 9F7D7F'),
      '80A8*': accepted,
    });
    const r = await readCard(huge, FIXED);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('PDOL_TOO_LONG');
    expect(huge.sent.filter((c) => c.startsWith('80A8'))).toEqual(['80A8000002830000']);

    const largest = mapCard({
      ...base,
      [selectHex('A0000000031010')]: fci('A0000000031010', 'VISA', '9F7C7E 9F4E7E'),
      '80A8*': accepted,
    });
    const ok = await readCard(largest, FIXED);
    expect(ok.ok).toBe(true);
    const gpo = largest.sent.find((c) => c.startsWith('80A8'))!;
    expect(gpo.slice(0, 16)).toBe('80A80000FF8381FC');
  });

  it('the profiles option bounds the tries', async () => {
    const card = mapCard({ ...base, '80A8*': '6985' });
    await readCard(card, { ...FIXED, profiles: [PROFILES[0]] });
    expect(card.sent.filter((c) => c.startsWith('80A8'))).toHaveLength(1);
  });
});

describe('brands, PAN lengths, expiry', () => {
  const cardWith = (aid: string, record: string) =>
    mapCard({
      [SELECT_PPSE]: ppse([aid, 1]),
      [selectHex(aid)]: fci(aid, 'CARD'),
      '80A8000002830000': T('80', '0000', '08010100') + OK,
      '00B2010C00': T('70', record) + OK,
    });

  it('CB + Visa co-badged keeps both brands', async () => {
    const pan = withLuhn('497010000000000');
    const r = await readCard(cardWith('A0000000421010', T('5A', pan) + T('5F24', '300131')), FIXED);
    expect(r.brand).toBe('Cartes Bancaires');
    expect(r.brands).toEqual(['Cartes Bancaires', 'Visa']);
  });

  it('reads a 19-digit PAN (cn, F-padded) and masks it', async () => {
    const pan = withLuhn('621234567890123456');
    expect(pan).toHaveLength(19);
    const r = await readCard(
      cardWith('A000000333010101', T('5A', pan + 'F') + T('5F24', '301231')),
      FIXED,
    );
    expect(r).toMatchObject({ ok: true, pan, brand: 'UnionPay', expiry: '2030-12' });
    expect(r.warnings).toEqual([]);
    expect(maskPan(pan)).toBe(pan.slice(0, 6) + '*'.repeat(9) + pan.slice(-4));
  });

  it('expiry validity against the date given', async () => {
    const rec = T('5A', '4111111111111111') + T('5F24', '270630');
    const at = async (iso: string) =>
      (await readCard(cardWith('A0000000031010', rec), { date: new Date(iso) })).expired;
    expect(await at('2027-06-30T23:00:00Z')).toBe(false);
    expect(await at('2027-07-01T00:00:00Z')).toBe(true);
  });

  it('a damaged track 2 PAN (one digit) is not a card number; the next source is used', async () => {
    const damaged = await readCard(cardWith('A0000000031010', T('57', '4D25122010')), FIXED);
    expect(damaged.ok).toBe(false);
    expect(damaged.pan).toBeUndefined();
    expect(damaged.error?.code).toBe('NO_PAN');
    expect(damaged.warnings.map((w) => w.code)).toContain('PAN_INVALID');

    const track1 = asciiHex('B4111111111111111^CARD/TEST^2512201000');
    const fallback = await readCard(
      cardWith('A0000000031010', T('57', '4D25122010') + T('56', track1)),
      FIXED,
    );
    expect(fallback).toMatchObject({
      ok: true,
      pan: '4111111111111111',
      cardholderName: 'CARD/TEST',
    });
  });

  it('a PAN failing Luhn is read with a warning', async () => {
    const r = await readCard(cardWith('A0000000031010', T('5A', '4111111111111112')), FIXED);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('PAN_LUHN');
  });
});

describe('full reads: optional data never aborts', () => {
  it('junk in GET DATA answers and CPLC is reported on that element alone', async () => {
    const card = mapCard({
      '80CA9F7F00': T('9F7F', '0102') + OK,
      [SELECT_PPSE]: ppse(['A0000000031010', 1]),
      [selectHex('A0000000031010')]:
        T(
          '6F',
          T('84', 'A0000000031010'),
          T('A5', T('50', asciiHex('VISA')), T('BF0C', T('9F4D', '0B02'))),
        ) + OK,
      '80A8000002830000': T('80', '0000', '08010100') + OK,
      '00B2010C00': T('70', T('57', '4111111111111111D31122010000000000000F')) + OK,
      '80CA9F3600': '01 02 90 00',
      '80CA9F1300': T('9F13', '0001') + OK,
      '80CA9F1700': T('9F17', '0303') + OK,
      '80CA9F4F00': T('9F4F', '9F02069A039C01') + OK,
      '00B2015C00': '000000001500 240101 00' + OK,
      '00B2025C00': '6985',
    });
    const r = await readCard(card, { ...FIXED, full: true });
    expect(r.ok).toBe(true);
    expect(r.extra?.cplc?.error).toMatch(/42 bytes/);
    expect(r.extra?.atc?.error).toBeDefined();
    expect(r.extra?.lastOnlineAtc?.value).toBe(1);
    expect(r.extra?.pinTryCounter?.error).toMatch(/1 bytes?, got 2/);
    expect(r.extra?.transactionLog?.value).toEqual([
      {
        amount: '15.00',
        date: '2024-01-01',
        type: '00',
        fields: { '9F02': '000000001500', '9A': '240101', '9C': '00' },
      },
    ]);
  });
});

const shared = requireShared();

describe.skipIf(!shared)('full read of cb-visa-cobadged-ppse.apdu', () => {
  it('lists both applications, the PIN try counter and decoded transaction-log entries', async () => {
    const text = readFileSync(
      join(shared!, 'fixtures', 'transcripts', 'cb-visa-cobadged-ppse.apdu'),
      'utf8',
    );
    const r = await readCard(createTranscriptCard(parseTranscript(text)), { ...FIXED, full: true });
    expect(r.ok).toBe(true);
    expect(r.brands).toEqual(['Cartes Bancaires', 'Visa']);
    expect(r.applications.map((a) => a.aid)).toEqual(['A0000000421010', 'A0000000031010']);
    expect(r.others?.map((o) => o.aid)).toEqual(['A0000000031010']);
    const gpos = r.exchanges
      .filter((e) => e.command[1] === 0xa8)
      .map((e) => toHex(e.response.subarray(-2)));
    expect(gpos.slice(0, 2)).toEqual(['6700', '9000']);
    expect(r.profile).not.toBe(PROFILES[0].name);
    expect(r.extra?.lastOnlineAtc?.error).toMatch(/6A88/);
    expect(r.extra?.pinTryCounter?.value).toBe(3);
    expect(r.extra?.atc?.value).toBe(0x062c);
    expect(r.extra?.logFormat?.value).toBe('9F02069F27019F1A025F2A029A039C01');
    const log = r.extra?.transactionLog?.value ?? [];
    expect(log.length).toBe(16);
    expect(log[0]).toMatchObject({
      amount: '46.00',
      currency: '978',
      country: '250',
      date: '2014-03-16',
      type: '20',
      cryptogramInformation: '40',
    });
    expect(r.extra?.cplc?.value?.icFabricator).toBe('4790');
  });
});
