/**
 * The CLI (built `bin/paycard.js`) through the real stack: `readers`, `read --json`, `watch`
 * over several cards, and `emulate` serving a transcript to pcscd.
 */

import { describe, expect, test } from 'vitest';
import { waitForCard } from '../../src/node/pcsc.js';
import { readCard } from '../../src/read/read.js';
import {
  READER,
  insertTranscript,
  readerEmpty,
  readerHolds,
  runCli,
  transcriptPath,
  until,
} from './helpers.js';

const MC = 'mastercard-test-card-contactless-cda.apdu';

describe('paycard readers', () => {
  test('lists the vpcd readers and the card', async () => {
    await readerEmpty();
    const empty = await runCli(['readers', '--json']);
    expect(empty.status).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([
      { name: READER, cardPresent: false },
      { name: 'Virtual PCD 00 01', cardPresent: false },
    ]);

    const card = await insertTranscript(MC);
    await readerHolds(true);
    const text = await runCli(['readers']);
    await card.remove();
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(`${READER}\tcard present\nVirtual PCD 00 01\tno card\n`);
  });
});

describe('paycard read through pcscd', () => {
  test('--json gives the masked PAN and the expiry', async () => {
    const card = await insertTranscript(MC);
    const run = await runCli(['read', '--json', '--timeout', '10']);
    await card.remove();
    expect(run.stderr).not.toMatch(/INTERNAL|at .*\.js/);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.pan).toBe('541333******0044');
    expect(json.expiry).toBe('2014-12');
  });

  test('no card before --timeout: one line, CARD_TIMEOUT, I/O exit status', async () => {
    await readerEmpty();
    const run = await runCli(['read', '--timeout', '0.5']);
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/^paycard: .*\[CARD_TIMEOUT\]$/m);
  });

  test('an unknown --reader: READER_NOT_FOUND naming the readers there are', async () => {
    const run = await runCli(['read', '--reader', 'no such reader', '--timeout', '5']);
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/\[READER_NOT_FOUND\]/);
    expect(run.stderr).toContain(READER);
  });
});

describe('paycard watch', () => {
  test('one JSON line per card, carrying on after a card without a PAN, ends on SIGINT', async () => {
    const files = [MC, 'girocard-geldkarte-ppse.apdu', 'amex-test-card-cda.apdu'];
    const run = await runCli(['watch', '--json'], async (child, output) => {
      await until(() => output.stderr.includes('waiting for a card'));
      for (const [i, file] of files.entries()) {
        const card = await insertTranscript(file);
        await until(() => output.stdout.split('\n').filter(Boolean).length === i + 1);
        // The line comes before the watch resets the card: pulled during that reset, the card's
        // removal goes unseen by pcscd and so does the next card (vpcd.ts, sessionsEnded).
        await card.sessionsEnded(1);
        await card.remove();
      }
      child.kill('SIGINT');
    });

    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.pan)).toEqual(['541333******0044', null, '374245*****1007']);
    expect(lines[0]).toMatchObject({ expiry: '2014-12', aid: 'A0000000041010', panMasked: true });
    expect(lines.map((l) => l.ok)).toEqual([true, false, true]);
    expect(lines[1].error.code).toMatch(/^[A-Z_]+$/);
    expect(lines.every((l) => l.reader === READER)).toBe(true);
    expect(run.stderr).toContain('stopped after 3 cards');
  });
});

describe('paycard emulate', () => {
  test('serves a transcript to pcscd; --once leaves after one read', async () => {
    await readerEmpty();
    const run = await runCli(['emulate', transcriptPath(MC), '--once'], async () => {
      const session = await waitForCard({ reader: READER, timeoutMs: 10_000 });
      const result = await readCard(session.transceiver);
      await session.close();
      expect(result.pan).toBe('5413330089600044');
      expect(result.cardholderName).toBe('ETEC/PAYPASS');
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('serving');
  });

  test('nothing listening on the port: READER_NOT_FOUND and the I/O exit status', async () => {
    const run = await runCli(['emulate', transcriptPath(MC), '--port', '1']);
    expect(run.status).toBe(5);
    expect(run.stderr).toMatch(/^paycard: vpcd at 127\.0\.0\.1:1: .*\[READER_NOT_FOUND\]$/m);
  });
});
