/**
 * One shared PC/SC context per process: many `listReaders` calls and several cards read in a
 * row in one process still see the next card, and the process exits by itself once the last
 * session is closed (run as a child process, which must end without `process.exit`).
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { TransportError } from '../../src/errors.js';
import { waitForCard } from '../../src/node/pcsc.js';
import { connectVirtualCard } from '../../src/node/vpcd.js';
import { repoRoot } from '../shared.js';
import { readerEmpty, transcriptPath } from './helpers.js';

const LISTINGS = 150;
const CARDS = 3;
/** Longest wait for the child to exit after printing its result. */
const EXIT_LIMIT_MS = 3000;

test(`${LISTINGS} listReaders and ${CARDS} cards in one process: the next card is seen, then the process exits`, async () => {
  await readerEmpty();
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'test', 'pcsc', 'scripts', 'many-calls.mjs'),
      transcriptPath('mastercard-test-card-contactless-cda.apdu'),
      String(LISTINGS),
      String(CARDS),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));

  // The result line, then the exit within EXIT_LIMIT_MS (a leftover handle would keep it alive).
  let printedAt = 0;
  child.stdout.on('data', () => (printedAt ||= Date.now()));
  const limit = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const status = await exited;
  clearTimeout(limit);

  expect(stderr).toBe('');
  expect(status).toBe(0);
  const result = JSON.parse(stdout);
  expect(result.readers).toBe(LISTINGS * 2);
  expect(result.pans).toEqual(Array(CARDS).fill('5413330089600044'));
  expect(result.last).toBe('5413330089600044');
  expect(Date.now() - printedAt).toBeLessThan(EXIT_LIMIT_MS);
});

test('a card pcscd cannot connect to rejects waitForCard with READER_ERROR, not a timeout', async () => {
  await readerEmpty();
  // An ATR of TS alone offers no protocol: SCardConnect fails (E_PROTO_MISMATCH).
  const card = await connectVirtualCard({
    newCard: () => ({ transmit: async () => Uint8Array.of(0x90, 0x00) }),
    atr: Uint8Array.of(0x3b),
  });
  try {
    const error = await waitForCard({ timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('READER_ERROR');
    expect((error as TransportError).message).toContain('cannot connect to the card');
  } finally {
    await card.remove();
  }
});
