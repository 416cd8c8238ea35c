// Child process of test/pcsc/shared-context.test.ts, run inside the PC/SC test namespace against
// the built library (dist/): many listReaders calls and several cards read one after another in
// one process, then one more card. It prints one JSON line and must exit by itself (no
// process.exit): a PC/SC handle left open would keep it alive.
//
//   node test/pcsc/scripts/many-calls.mjs TRANSCRIPT_FILE LISTINGS CARDS

import { readFileSync } from 'node:fs';
import { listReaders, waitForCard } from '../../../dist/node/pcsc.js';
import { connectVirtualCard } from '../../../dist/node/vpcd.js';
import { readCard } from '../../../dist/read/read.js';
import { createTranscriptCard } from '../../../dist/transcript/card.js';
import { parseTranscript } from '../../../dist/transcript/parse.js';

const [file, listings, cards] = process.argv.slice(2);
const entries = parseTranscript(readFileSync(file, 'utf8'));
const READER = 'Virtual PCD 00 00';

async function readerHolds(card) {
  for (const end = Date.now() + 5000; Date.now() < end;) {
    const reader = (await listReaders()).find((r) => r.name === READER);
    if (reader?.cardPresent === card) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${READER}: cardPresent is not ${card} after 5 s`);
}

async function readOne() {
  await readerHolds(false);
  const card = await connectVirtualCard({ newCard: () => createTranscriptCard(entries) });
  const session = await waitForCard({ timeoutMs: 5000 });
  try {
    return (await readCard(session.transceiver)).pan;
  } finally {
    await session.close();
    await card.remove();
  }
}

let started = Date.now();
let readers = 0;
for (let i = 0; i < Number(listings); i++) readers += (await listReaders()).length;
const listingMs = Date.now() - started;

const pans = [];
started = Date.now();
for (let i = 0; i < Number(cards); i++) pans.push(await readOne());
const cardsMs = Date.now() - started;

const last = await readOne();
process.stdout.write(JSON.stringify({ readers, listingMs, pans, cardsMs, last }) + '\n');
