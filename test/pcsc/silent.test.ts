/**
 * A card that stops answering but stays in the field (issue 3: never a hang): the read ends
 * with CARD_TIMEOUT, closing the session does not wait on the card, the stuck transmit ends
 * when the card leaves, the next card is then seen and read in the same process (the silent
 * card is not reset after it left: docs/pcsc.md), and `paycard watch` still ends on Ctrl-C.
 */

import { describe, expect, test } from 'vitest';
import { pendingTransmits, waitForCard } from '../../src/node/pcsc.js';
import { connectVirtualCard, type VirtualCard } from '../../src/node/vpcd.js';
import { readCard } from '../../src/read/read.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { entriesOf, insertTranscript, readerEmpty, runCli, until } from './helpers.js';

const AMEX = 'amex-test-card-cda.apdu';
const GPO = 0xa8;

/** The Amex card, silent from GET PROCESSING OPTIONS on (EMV Book 3 §6.5.8). */
async function silentAtGpo(): Promise<VirtualCard> {
  await readerEmpty();
  const entries = entriesOf(AMEX);
  return connectVirtualCard({
    newCard: () => {
      const inner = createTranscriptCard(entries);
      return {
        transmit: (command) =>
          command[1] === GPO ? new Promise<Uint8Array>(() => {}) : inner.transmit(command),
      };
    },
  });
}

describe('a card that stops answering in the field', () => {
  test('CARD_TIMEOUT, close() does not wait on the card, the next card is read', async () => {
    const card = await silentAtGpo();
    const session = await waitForCard({ timeoutMs: 5000 });
    const result = await readCard(session.transceiver, { commandTimeoutMs: 300 });
    expect(result.error?.code).toBe('CARD_TIMEOUT');
    expect(result.error?.message).toContain('GET PROCESSING OPTIONS');

    const start = Date.now();
    await session.close();
    expect(Date.now() - start).toBeLessThan(1000);
    expect(pendingTransmits()).toBe(1);

    // pcsc-lite cannot cancel the transmit: it ends when the card leaves.
    await card.remove();
    await until(() => pendingTransmits() === 0, 5000);

    // Same process: the next card is seen (it was not, when the left card was reset).
    const next = await insertTranscript(AMEX);
    const again = await waitForCard({ timeoutMs: 5000 });
    try {
      const read = await readCard(again.transceiver);
      expect(read.error).toBeUndefined();
      expect(read.ok).toBe(true);
    } finally {
      await again.close();
    }
    await next.sessionsEnded(1);
    await next.remove();
    await readerEmpty();
  });

  test('paycard watch ends on SIGINT while the card is silent', async () => {
    let card: VirtualCard | undefined;
    let sent = 0;
    const run = await runCli(['watch'], async (child, output) => {
      await until(() => output.stderr.includes('waiting for a card'));
      card = await silentAtGpo();
      // The card is read up to GPO, then silent: Ctrl-C during the engine's 10 s wait.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      sent = Date.now();
      child.kill('SIGINT');
    });
    const took = Date.now() - sent;
    await card?.remove();
    expect(run.stderr).toContain('stopped after 1 card');
    expect(run.stderr).not.toMatch(/INTERNAL|at .*\.js/);
    expect(took).toBeLessThan(2000);
  });
});
