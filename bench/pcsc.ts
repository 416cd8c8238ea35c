/**
 * PC/SC round trip through pcscd + vpcd, and whole-card reads against (APDU count x round trip).
 * Needs pcscd with vsmartcard-vpcd; run it in the test namespace (quick ACKs on loopback):
 *
 *   npx esbuild bench/pcsc.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=dist/bench-pcsc.mjs && test/pcsc/run.sh -- node dist/bench-pcsc.mjs
 *
 * Prints a Markdown table for docs/pcsc.md.
 */

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fromHex } from '../src/bytes/hex.js';
import { listReaders, waitForCard } from '../src/node/pcsc.js';
import { connectVirtualCard } from '../src/node/vpcd.js';
import { readCard } from '../src/read/read.js';
import { createTranscriptCard } from '../src/transcript/card.js';
import { parseTranscript } from '../src/transcript/parse.js';

const shared = resolve(process.cwd(), '..', 'shared', 'fixtures', 'transcripts');
const FILES = [
  'mastercard-test-card-contactless-cda.apdu',
  'amex-test-card-cda.apdu',
  'unionpay-test-card-contact-dda.apdu',
  'visa-no-ppse-aid-probe.apdu',
  'cb-visa-cobadged-ppse.apdu',
];
const ROUND_TRIPS = 2000;
// Each waitForCard opens a PC/SC context; about 100 in one process stall pcscd (docs/pcsc.md).
const READS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function readerEmpty(): Promise<void> {
  while ((await listReaders()).find((r) => r.name === 'Virtual PCD 00 00')?.cardPresent) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

// 1. Round trip: a SELECT answered 9000 at once by the virtual card.
await readerEmpty();
const echo = await connectVirtualCard({
  newCard: () => ({ transmit: async () => fromHex('9000') }),
});
const session = await waitForCard({ timeoutMs: 5000 });
const select = fromHex('00A4040007A000000004101000');
for (let i = 0; i < 100; i++) await session.transceiver.transmit(select);
const trips: number[] = [];
for (let i = 0; i < ROUND_TRIPS; i++) {
  const t = performance.now();
  await session.transceiver.transmit(select);
  trips.push(performance.now() - t);
}
await session.close();
await echo.remove();
const rtt = median(trips);
if (echo.commands !== ROUND_TRIPS + 100) throw new Error(`card saw ${echo.commands} commands`);

console.log(`APDU round trip (median of ${ROUND_TRIPS}): ${rtt.toFixed(3)} ms\n`);
console.log('| transcript | APDUs | read (median of 10) | APDUs x round trip | card arrival |');
console.log('|---|---:|---:|---:|---:|');

// 2. Whole reads: the card stays in; each read opens a session (reset between reads).
for (const file of FILES) {
  const entries = parseTranscript(readFileSync(join(shared, file), 'utf8'));
  await readerEmpty();
  const inserted = performance.now();
  const card = await connectVirtualCard({ newCard: () => createTranscriptCard(entries) });
  let arrival = 0;
  const times: number[] = [];
  let apdus = 0;
  for (let i = 0; i < READS; i++) {
    const s = await waitForCard({ timeoutMs: 5000 });
    if (i === 0) arrival = performance.now() - inserted;
    const t = performance.now();
    const result = await readCard(s.transceiver);
    times.push(performance.now() - t);
    apdus = result.exchanges.length;
    await s.close();
  }
  await card.remove();
  const read = median(times);
  console.log(
    `| ${file} | ${apdus} | ${read.toFixed(2)} ms | ${(apdus * rtt).toFixed(2)} ms | ` +
      `${arrival.toFixed(0)} ms |`,
  );
}

// Known gap (docs/pcsc.md): after many contexts in one process something keeps the loop alive.
process.exit(0);
