/**
 * A card pulled from the reader in the middle of a read: a typed CARD_REMOVED error, no hang,
 * and the reader ready for the next card.
 */

import { describe, expect, test } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { waitForCard } from '../../src/node/pcsc.js';
import { connectVirtualCard, type VirtualCard } from '../../src/node/vpcd.js';
import { readCard } from '../../src/read/read.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { entriesOf, insertTranscript, readerEmpty } from './helpers.js';

/** Serves `file`, and leaves the reader (closing the socket, unanswered) at command `leaveAt`. */
async function cardLeavingAt(file: string, leaveAt: number): Promise<VirtualCard> {
  await readerEmpty();
  const entries = entriesOf(file);
  let seen = 0;
  let card: VirtualCard | undefined;
  card = await connectVirtualCard({
    newCard: () => {
      const inner = createTranscriptCard(entries);
      return {
        transmit(command) {
          seen++;
          if (seen < leaveAt) return inner.transmit(command);
          void card!.remove();
          return new Promise<Uint8Array>(() => {});
        },
      };
    },
  });
  return card;
}

describe('card removed during a read', () => {
  test('readCard ends with CARD_REMOVED and keeps what it read', async () => {
    const card = await cardLeavingAt('mastercard-test-card-contactless-cda.apdu', 4);
    const session = await waitForCard({ timeoutMs: 5000, transmitTimeoutMs: 20_000 });
    try {
      const result = await readCard(session.transceiver);
      expect(result.ok).toBe(false);
      expect(result.error).toBeInstanceOf(TransportError);
      expect(result.error?.code).toBe('CARD_REMOVED');
      expect(result.exchanges.filter((e) => e.response.length >= 2)).toHaveLength(3);
    } finally {
      await session.close();
      await card.closed;
    }
  });

  test('every later command fails at once with CARD_REMOVED, and the next card reads', async () => {
    const card = await cardLeavingAt('mastercard-test-card-contactless-cda.apdu', 1);
    const session = await waitForCard({ timeoutMs: 5000 });
    const select = Uint8Array.from([0, 0xa4, 4, 0, 7, 0xa0, 0, 0, 0, 4, 0x10, 0x10, 0]);
    const first = await session.transceiver.transmit(select).catch((e: unknown) => e);
    expect((first as TransportError).code).toBe('CARD_REMOVED');
    await card.closed;
    await readerEmpty();
    const again = await session.transceiver.transmit(select).catch((e: unknown) => e);
    expect((again as TransportError).code).toBe('CARD_REMOVED');
    await session.close();

    const next = await insertTranscript('mastercard-test-card-contactless-cda.apdu');
    const nextSession = await waitForCard({ timeoutMs: 5000 });
    const result = await readCard(nextSession.transceiver);
    await nextSession.close();
    await next.remove();
    expect(result.pan).toBe('5413330089600044');
  });

  test('waitForCard: timeout, abort, and an unknown reader are typed errors', async () => {
    await readerEmpty();
    const timeout = await waitForCard({ timeoutMs: 300 }).catch((e: unknown) => e);
    expect((timeout as TransportError).code).toBe('CARD_TIMEOUT');

    const stop = new AbortController();
    const waiting = waitForCard({ signal: stop.signal, onWaiting: () => stop.abort() });
    expect(((await waiting.catch((e: unknown) => e)) as TransportError).code).toBe('ABORTED');

    const unknown = await waitForCard({ reader: 'ACS ACR122U' }).catch((e: unknown) => e);
    expect((unknown as TransportError).code).toBe('READER_NOT_FOUND');
    expect((unknown as TransportError).message).toContain('Virtual PCD 00 00');
  });
});
