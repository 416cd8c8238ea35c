/**
 * The public test-card transcripts that carry certificates: every method the card used verifies
 * on a date when the certificates were current; today the same signatures are valid and the
 * certificates expired, reported as two facts. Also `paycard verify` on them.
 */

import { describe, expect, it } from 'vitest';
import { runMain } from '../run-main.js';
import { join } from 'node:path';
import { verifyExchanges } from '../../src/oda/verify.js';
import { performDda } from '../../src/oda/perform.js';
import { createReplay } from './replay.js';
import { shared, transcriptExchanges } from './helpers.js';

const CASES = [
  { file: 'amex-test-card-cda.apdu', valid: ['SDA', 'CDA'], expiredToday: true },
  { file: 'mastercard-test-card-contact-sda.apdu', valid: ['SDA'], expiredToday: true },
  { file: 'mastercard-test-card-contactless-cda.apdu', valid: ['CDA'], expiredToday: true },
  { file: 'unionpay-test-card-contact-dda.apdu', valid: ['SDA', 'DDA'], expiredToday: false },
];
const Y2014 = new Date('2014-01-01T00:00:00Z');

const cli = runMain;

describe.skipIf(!shared)('ODA on test-card transcripts', () => {
  for (const c of CASES) {
    it(`${c.file}: keys recovered, ${c.valid.join(' and ')} valid on 2014-01-01`, () => {
      const report = verifyExchanges(transcriptExchanges(c.file), { date: Y2014 });
      expect(report.issuerKey).not.toBeNull();
      expect(report.iccKey).not.toBeNull();
      const valid = report.methods.filter((m) => m.status === 'valid').map((m) => m.method);
      expect(valid).toEqual(c.valid);
      expect(report.methods.filter((m) => m.status === 'failed')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.certificatesExpired).toBe(false);
    });

    it(`${c.file}: today, signatures valid and certificates ${c.expiredToday ? 'expired' : 'current'}`, () => {
      const report = verifyExchanges(transcriptExchanges(c.file), { date: new Date('2026-06-01') });
      expect(report.signaturesValid).toBe(true);
      expect(report.certificatesExpired).toBe(c.expiredToday);
      for (const m of report.methods.filter((x) => x.status !== 'not performed')) {
        expect(m.signatureValid).toBe(true);
        expect(m.certificateExpired).toBe(c.expiredToday);
        if (c.expiredToday) expect(m.failedCheck).toBe('expiry');
      }
    });
  }

  it('a flipped bit in the recorded CDA signature fails CDA, not SDA', () => {
    const exchanges = transcriptExchanges('amex-test-card-cda.apdu');
    const last = exchanges[exchanges.length - 1];
    const response = last.response.slice();
    response[40] ^= 0x01;
    exchanges[exchanges.length - 1] = { ...last, response };
    const report = verifyExchanges(exchanges, { date: Y2014 });
    const by = Object.fromEntries(report.methods.map((m) => [m.method, m]));
    expect(by.SDA.status).toBe('valid');
    expect(by.CDA.status).toBe('failed');
    expect(by.CDA.object).toBe('9F4B');
    expect(report.signaturesValid).toBe(false);
  });

  it('performDda sends INTERNAL AUTHENTICATE with the DDOL and never GENERATE AC', async () => {
    const recorded = transcriptExchanges('unionpay-test-card-contact-dda.apdu');
    const upToRecords = recorded.filter(
      (e) => e.command[1] !== 0x88 && e.command[1] !== 0xae && e.command[1] !== 0x82,
    );
    const sent: Uint8Array[] = [];
    const card = createReplay(recorded, sent);
    const log = upToRecords.slice();
    // The recorded answer was signed over UN 7863AFC6, so that is the number we "draw".
    const report = await performDda(card, log, {
      date: Y2014,
      unpredictableNumber: Uint8Array.of(0x78, 0x63, 0xaf, 0xc6),
    });
    expect(sent.map((c) => c[1])).toEqual([0x88]);
    expect(Array.from(sent[0])).toEqual([
      0x00, 0x88, 0x00, 0x00, 0x04, 0x78, 0x63, 0xaf, 0xc6, 0x00,
    ]);
    expect(log.length).toBe(upToRecords.length + 1);
    expect(report.methods.find((m) => m.method === 'DDA')!.status).toBe('valid');

    const again = await performDda(card, log, { date: Y2014 });
    expect(sent.length).toBe(1);
    expect(again.ok).toBe(true);
  });

  it("performDda with another number: the card's recorded signature no longer matches", async () => {
    const recorded = transcriptExchanges('unionpay-test-card-contact-dda.apdu');
    const log = recorded.filter(
      (e) => e.command[1] !== 0x88 && e.command[1] !== 0xae && e.command[1] !== 0x82,
    );
    const report = await performDda(createReplay(recorded, []), log, {
      date: Y2014,
      unpredictableNumber: Uint8Array.of(1, 2, 3, 4),
    });
    const dda = report.methods.find((m) => m.method === 'DDA')!;
    expect(dda.status).toBe('failed');
    expect(dda.failedCheck).toBe('hash');
  });

  it('paycard verify --date 2014-01-01: human output, PAN masked, exit 0', async () => {
    const file = join(shared!, 'fixtures', 'transcripts', 'amex-test-card-cda.apdu');
    const r = await cli(['verify', '--date', '2014-01-01', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ issuer public key recovered/);
    expect(r.stdout).toMatch(/✓ ICC public key recovered/);
    expect(r.stdout).toMatch(/✓ SDA signature valid/);
    expect(r.stdout).toMatch(/✓ CDA \(GENERATE AC 1\) signature valid/);
    expect(r.stdout).not.toContain('374245001741007');
    expect(r.stdout).toContain('374245*****1007');
  });

  it('paycard verify without --date: signatures valid and certificates expired, exit 0', async () => {
    const file = join(
      shared!,
      'fixtures',
      'transcripts',
      'mastercard-test-card-contactless-cda.apdu',
    );
    const r = await cli(['verify', '--json', file]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.sessions[0].signaturesValid).toBe(true);
    expect(json.sessions[0].certificatesExpired).toBe(true);
    expect(r.stdout).not.toContain('5413330089600044');
    const revealed = await cli(['verify', '--json', '--reveal', file]);
    expect(revealed.stdout).toContain('5413330089600044');
  });

  it('paycard verify: bad input is one line and a clear exit status', async () => {
    const file = join(shared!, 'fixtures', 'transcripts', 'amex-test-card-cda.apdu');
    const badDate = await cli(['verify', '--date', '2014-13-01', file]);
    expect(badDate.status).toBe(2);
    const missing = await cli(['verify', '/nonexistent/x.apdu']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const noOda = await cli([
      'verify',
      join(shared!, 'fixtures', 'transcripts', 't0-wrong-length-6c.apdu'),
    ]);
    expect(noOda.status).toBe(3);
    expect(noOda.stderr).toMatch(/^paycard: .*\[NO_APPLICATION\]\n$/);
  });
});
