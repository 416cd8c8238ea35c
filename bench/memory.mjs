/**
 * Heap after replayed reads (run with --expose-gc): 10,000 reads of the public transcripts as
 * cards in one process, the heap measured after a full GC every 2,000 reads. Prints JSON.
 */

import { createTranscriptCard, readCard } from '../dist/index.js';
import { loadTranscripts } from './corpus.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const transcripts = loadTranscripts();
const options = { date: new Date('2020-01-01T00:00:00Z') };
const total = Number(process.argv[2] ?? 10_000);
const step = 2_000;

async function reads(n) {
  for (let i = 0; i < n; i++) {
    const t = transcripts[i % transcripts.length];
    await readCard(createTranscriptCard(t.entries), options);
  }
}

function heap() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

await reads(1_000); // warm-up: JIT, lazily built tables
const samples = [heap()];
for (let done = 0; done < total; done += step) {
  await reads(step);
  samples.push(heap());
}
const mb = (b) => Math.round((b / 1048576) * 100) / 100;
process.stdout.write(
  JSON.stringify({
    reads: total,
    heapMB: samples.map(mb),
    growthMB: mb(samples[samples.length - 1] - samples[0]),
  }) + '\n',
);
