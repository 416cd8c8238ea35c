/**
 * The project's own transcripts in fixtures/ (public test PANs; made by scripts/make-fixtures.mjs)
 * cover the PPSE, PSE with T=0 and probing paths on a fresh clone without ../shared. Each is read
 * with exact expected results and the exact command sequence.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createStrictReplay,
  createTranscriptCard,
  maskPan,
  parseTranscript,
  probeAids,
  readCard,
  toHex,
  type ReadOptions,
} from '../../src/index.js';
import { repoRoot } from '../shared.js';
import { commandsOf, SELECT_PPSE, SELECT_PSE, selectHex } from './cards.js';

const load = (name: string) =>
  parseTranscript(readFileSync(join(repoRoot, 'fixtures', name), 'utf8'));

/** The date and unpredictable number make-fixtures.mjs recorded its GPO commands with. */
const RECORDED: ReadOptions = {
  date: new Date(Date.UTC(2026, 0, 1)),
  random: (n) => Uint8Array.from({ length: n }, (_, i) => i + 1),
};

describe('fixtures/demo-visa-ppse.apdu (PPSE, PDOL with 9A twice, format 2, padding)', () => {
  it('replays strictly: the engine sends exactly the recorded commands', async () => {
    const entries = load('demo-visa-ppse.apdu');
    const replay = createStrictReplay(entries);
    const r = await readCard(replay, RECORDED);
    expect(r.error).toBeUndefined();
    expect(replay.remaining()).toBe(0);
    expect(commandsOf(r)).toEqual(entries.map((e) => toHex(e.send!)));
  });

  it('reads the demo card', async () => {
    const r = await readCard(createTranscriptCard(load('demo-visa-ppse.apdu')), RECORDED);
    expect(r).toMatchObject({
      ok: true,
      pan: '4111111111111111',
      expiry: '2031-12',
      expired: false,
      aid: 'A0000000031010',
      brand: 'Visa',
      brands: ['Visa'],
      label: 'VISA CREDIT',
      cardholderName: 'PAYCARD/DEMO',
      panSequenceNumber: '01',
      serviceCode: '201',
      profile: 'default',
    });
    expect(r.applications).toEqual([
      { aid: 'A0000000031010', foundBy: 'PPSE', brand: 'Visa', label: 'VISA CREDIT', priority: 1 },
    ]);
    expect(r.warnings).toEqual([]);
    expect(maskPan(r.pan!)).toBe('411111******1111');
    const gpo = r.exchanges.find((e) => e.command[1] === 0xa8)!;
    expect(gpo.command[4]).toBe(0x26);
    expect(gpo.command[6]).toBe(0x24);
    expect(r.dataObjects.find((o) => o.tag === '57')?.source).toBe('READ RECORD 1.1');
    expect(r.dataObjects.find((o) => o.tag === '9F36')?.source).toBe('GPO');
  });

  it('expiry validity follows the date given', async () => {
    const card = () => createTranscriptCard(load('demo-visa-ppse.apdu'));
    expect((await readCard(card(), { date: new Date(Date.UTC(2031, 11, 31)) })).expired).toBe(
      false,
    );
    expect((await readCard(card(), { date: new Date(Date.UTC(2032, 0, 1)) })).expired).toBe(true);
  });
});

describe('fixtures/mastercard-contact-pse-t0.apdu (PSE, 61xx, 6Cxx, priority, 6A83 in an AFL range)', () => {
  it('replays strictly: every recorded command in order, GET RESPONSE and the Le resend included', async () => {
    const entries = load('mastercard-contact-pse-t0.apdu');
    const replay = createStrictReplay(entries);
    const r = await readCard(replay, RECORDED);
    expect(r.error).toBeUndefined();
    expect(replay.remaining()).toBe(0);
    expect(commandsOf(r)).toEqual([
      SELECT_PPSE,
      SELECT_PSE,
      '00C000001C',
      '00B2010C00',
      '00B2010C33',
      '00B2020C00',
      selectHex('A0000000041010'),
      '80A8000002830000',
      '00B2010C00',
      '00B2011400',
      '00B2021400',
    ]);
  });

  it('reads the Mastercard, the priority 1 application, and lists both', async () => {
    const r = await readCard(
      createTranscriptCard(load('mastercard-contact-pse-t0.apdu')),
      RECORDED,
    );
    expect(r).toMatchObject({
      ok: true,
      pan: '5555555555554444',
      expiry: '2029-12',
      aid: 'A0000000041010',
      brand: 'Mastercard',
      label: 'MASTERCARD',
      cardholderName: 'TEST/CARDHOLDER',
      panSequenceNumber: '00',
      profile: 'empty-pdol',
    });
    expect(r.applications.map((a) => [a.aid, a.foundBy, a.priority, a.brand])).toEqual([
      ['A0000000041010', 'PSE', 1, 'Mastercard'],
      ['A0000000043060', 'PSE', 2, 'Maestro'],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['RECORD_MISSING']);
  });
});

describe('fixtures/amex-probe.apdu (no PPSE (6D00), no PSE (6A82): AID probe)', () => {
  it('probes full AIDs in table order until one answers, then reads it without selecting it again', async () => {
    const r = await readCard(createTranscriptCard(load('amex-probe.apdu')), RECORDED);
    const probes = probeAids();
    const amexAt = probes.indexOf('A000000025010801');
    expect(amexAt).toBeGreaterThan(0);
    expect(commandsOf(r)).toEqual([
      SELECT_PPSE,
      SELECT_PSE,
      ...probes.slice(0, amexAt + 1).map(selectHex),
      '80A8000003830122' + '00',
      '00B2010C00',
      '00B2020C00',
    ]);
    expect(r).toMatchObject({
      ok: true,
      pan: '378282246310005',
      expiry: '2028-12',
      aid: 'A000000025010801',
      brand: 'American Express',
      label: 'AMERICAN EXPRESS',
      profile: 'default',
    });
    expect(r.cardholderName).toBeUndefined();
    expect(r.applications).toEqual([
      {
        aid: 'A000000025010801',
        foundBy: 'probe',
        brand: 'American Express',
        label: 'AMERICAN EXPRESS',
      },
    ]);
    expect(maskPan(r.pan!)).toBe('378282*****0005');
  });
});
