/**
 * Public transcripts served as virtual cards through the real stack (nfc-pcsc, libpcsclite,
 * pcscd, vpcd), read with the same expectations as the replay tests.
 */

import { describe, expect, test } from 'vitest';
import { listReaders, waitForCard } from '../../src/node/pcsc.js';
import { DEFAULT_ATR } from '../../src/node/vpcd.js';
import { readCard } from '../../src/read/read.js';
import { READER, expected, insertTranscript, readerEmpty } from './helpers.js';

const readable = Object.entries(expected).filter(([, e]) => e.ok === true);

describe('listReaders', () => {
  test('sees both vpcd slots and the card in the first', async () => {
    await readerEmpty();
    const before = await listReaders();
    expect(before.map((r) => r.name)).toEqual([READER, 'Virtual PCD 00 01']);
    expect(before.every((r) => !r.cardPresent)).toBe(true);

    const card = await insertTranscript('mastercard-test-card-contactless-cda.apdu');
    const session = await waitForCard({ reader: READER, timeoutMs: 5000 });
    await session.close();
    expect(await listReaders()).toEqual([
      { name: READER, cardPresent: true },
      { name: 'Virtual PCD 00 01', cardPresent: false },
    ]);
    await card.remove();
  });
});

describe('reading public transcripts through pcscd', () => {
  test.each(readable)('%s', async (file, want) => {
    const card = await insertTranscript(file);
    const waiting: string[][] = [];
    const session = await waitForCard({
      timeoutMs: 5000,
      onWaiting: (names) => waiting.push(names),
    });
    try {
      expect(session.readerName).toBe(READER);
      expect(session.atr).toEqual(DEFAULT_ATR);

      const result = await readCard(session.transceiver, { date: new Date('2024-01-01') });
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.pan).toBe(want.pan);
      expect(result.expiry).toBe(want.expiry);
      if (want.aid) expect(result.aid).toBe(want.aid);
      if (want.brand) expect(result.brand ?? '').toMatch(new RegExp(want.brand, 'i'));
      if (want.name) expect(result.cardholderName).toBe(want.name);
    } finally {
      await session.close();
      await card.remove();
    }
  });

  test('two cards in a row in one process, each seen as a new card', async () => {
    const first = await insertTranscript('mastercard-test-card-contactless-cda.apdu');
    const a = await waitForCard({ timeoutMs: 5000 });
    const ra = await readCard(a.transceiver);
    await a.close();
    await first.remove();

    const second = await insertTranscript('amex-test-card-cda.apdu');
    const b = await waitForCard({ timeoutMs: 5000 });
    const rb = await readCard(b.transceiver);
    await b.close();
    await second.remove();

    expect([ra.pan, rb.pan]).toEqual(['5413330089600044', '374245001741007']);
    expect(first.commands).toBe(ra.exchanges.length);
    expect(second.commands).toBe(rb.exchanges.length);
  });
});
