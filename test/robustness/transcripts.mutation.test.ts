/**
 * Every public transcript, mutated (bit flips, truncations, wrong lengths, status words
 * swapped, answers repeated or dropped) and read as a card: the read ends within the command
 * bound with a result or paycard's own typed error, never another exception, a hang or an
 * unbounded loop. Also: a fault at every APDU of every transcript gives CARD_REMOVED with
 * nothing left pending.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PaycardError, TransportError } from '../../src/errors.js';
import { readCard, type ReadOptions } from '../../src/read/read.js';
import type { ReadResult } from '../../src/read/result.js';
import { MAX_COMMANDS } from '../../src/read/session.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { parseTranscript, type TranscriptEntry } from '../../src/transcript/parse.js';
import type { Transceiver } from '../../src/transport/transceiver.js';
import { requireShared } from '../shared.js';
import { mutate, mutation } from './mutate.js';

const shared = requireShared();
const date = new Date('2020-06-15T00:00:00Z');

function transcripts(): Array<{ file: string; entries: TranscriptEntry[] }> {
  if (!shared) return [];
  const dir = join(shared, 'fixtures', 'transcripts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.apdu'))
    .sort()
    .map((file) => ({ file, entries: parseTranscript(readFileSync(join(dir, file), 'utf8')) }));
}

/** Counts commands, and fails loudly if anything is sent after the read has ended. */
function counted(inner: Transceiver): Transceiver & { sent: number; closed: boolean } {
  const link = {
    sent: 0,
    closed: false,
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      if (link.closed) throw new Error('a command was sent after the read ended');
      link.sent++;
      return inner.transmit(command);
    },
  };
  return link;
}

/** Reads with a wall-clock bound: a hang fails the test instead of stalling it. */
async function boundedRead(
  card: Transceiver,
  options: ReadOptions,
  ms = 5000,
): Promise<ReadResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`read did not end within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([readCard(card, options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The read ended as the library promises: a result or its own typed error, within bounds. */
export function expectWellEnded(result: ReadResult, sent: number, full: boolean): void {
  const bound = full ? MAX_COMMANDS * 3 : MAX_COMMANDS;
  expect(sent).toBeLessThanOrEqual(bound);
  expect(result.exchanges.length).toBe(sent);
  if (result.error) {
    expect(result.error).toBeInstanceOf(PaycardError);
    // The engine wraps foreign exceptions as "unexpected failure": any of those is a bug.
    expect(result.error.message).not.toMatch(/^unexpected failure/);
  }
  if (result.ok) expect(result.pan).toMatch(/^\d{8,19}$/);
}

const files = transcripts();

describe.skipIf(!shared)('mutated public transcripts', () => {
  it.each(files.map((f) => [f.file, f.entries] as const))(
    '%s: every mutation ends well',
    async (_file, entries) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation, { minLength: 1, maxLength: 6 }),
          fc.boolean(),
          async (mutations, full) => {
            const card = counted(createTranscriptCard(mutate(entries, mutations)));
            const result = await boundedRead(card, { date, full });
            card.closed = true;
            expectWellEnded(result, card.sent, full);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});

describe.skipIf(!shared)('a fault at every APDU of every public transcript', () => {
  it.each(files.map((f) => [f.file, f.entries] as const))(
    '%s: CARD_REMOVED, nothing pending',
    async (_file, entries) => {
      for (const full of [false, true]) {
        const clean = counted(createTranscriptCard(entries));
        await readCard(clean, { date, full });
        expect(clean.sent).toBeGreaterThan(0);

        for (let fault = 0; fault < clean.sent; fault++) {
          for (const how of ['throw', 'reject'] as const) {
            const inner = createTranscriptCard(entries);
            let calls = 0;
            const card = counted({
              transmit(command) {
                if (calls++ === fault) {
                  const error = new Error('SCardTransmit: the card was removed');
                  if (how === 'throw') throw error;
                  return Promise.reject(error);
                }
                return inner.transmit(command);
              },
            });
            const result = await boundedRead(card, { date, full });
            card.closed = true;

            expect(result.ok).toBe(false);
            expect(result.error).toBeInstanceOf(TransportError);
            expect(result.error?.code).toBe('CARD_REMOVED');
            expect(card.sent).toBe(fault + 1);
            expect(result.exchanges.length).toBe(fault);
          }
        }

        // Nothing left pending: no command arrives after the read resolved, on later ticks either.
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  );
});
