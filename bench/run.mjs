/**
 * `npm run bench`: paycard measured against its peers and the limit, in one process per
 * comparison so that machine drift cancels. Prints the figures and writes bench/results.json.
 * Needs a build (dist/) and ../shared/fixtures/transcripts. docs/benchmarks.md explains each.
 *
 *   node bench/run.mjs [--quick]
 */

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { createTranscriptCard, readCard } from '../dist/index.js';
import { minimumApdus } from './apdus.mjs';
import { loadTranscripts, repoRoot, tlvCorpus } from './corpus.mjs';
import { decoders } from './tlv-peers.mjs';

const quick = process.argv.includes('--quick');
const TIME = quick ? 200 : 1000; // ms per task per round
const ROUNDS = quick ? 1 : 3;
const READ_OPTIONS = { date: new Date('2020-01-01T00:00:00Z') };

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round = (x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Runs the tasks in `ROUNDS` interleaved rounds (each round runs every task once, in a rotated
 * order) and keeps each task's median throughput, in operations per second.
 */
async function compare(name, tasks) {
  const names = Object.keys(tasks);
  const hz = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const bench = new Bench({ name, time: TIME, warmupTime: TIME / 4 });
    const order = names.slice(r % names.length).concat(names.slice(0, r % names.length));
    for (const n of order) bench.add(n, tasks[n]);
    await bench.run();
    for (const task of bench.tasks) hz[task.name].push(task.result.throughput.mean);
  }
  return Object.fromEntries(names.map((n) => [n, round(median(hz[n]))]));
}

function print(title, rows) {
  console.log(`\n${title}`);
  console.table(rows);
}

// 1. TLV decode of every SW 9000 answer in the public transcripts.
async function tlvDecode(transcripts) {
  const { answers, skipped } = tlvCorpus(transcripts);
  const bytes = answers.reduce((n, a) => n + a.length, 0);

  // Same bytes, same work: every decoder must find every element, nested ones included.
  const inputs = {};
  for (const [name, d] of Object.entries(decoders)) {
    inputs[name] = answers.map(d.prepare);
    answers.forEach((a, i) => {
      const want = decoders.paycard.count(a);
      const got = d.count(inputs[name][i]);
      if (got !== want)
        throw new Error(`${name} decoded ${got} elements of answer ${i}, paycard ${want}`);
    });
  }
  const elements = answers.reduce((n, a) => n + decoders.paycard.count(a), 0);

  let sink = 0;
  const tasks = {};
  for (const [name, d] of Object.entries(decoders)) {
    const list = inputs[name];
    tasks[name] = () => {
      for (let i = 0; i < list.length; i++) sink ^= d.decode(list[i]) ? 1 : 0;
    };
  }
  const hz = await compare('tlvDecode', tasks);
  if (sink === 2) console.log(sink);

  const peers = Object.entries(hz).filter(([n]) => n !== 'paycard' && n !== 'walker');
  const [fastestPeer, fastestHz] = peers.sort((a, b) => b[1] - a[1])[0];
  return {
    corpus: { answers: answers.length, bytes, elements, leftOut: skipped.length },
    hz,
    fastestPeer,
    ratioToFastestPeer: round(hz.paycard / fastestHz, 2),
    ratioToWalker: round(hz.paycard / hz.walker, 3),
  };
}

// 2. Whole card reads replayed in-process, all public transcripts per operation.
async function cardReads(transcripts) {
  const run = async () => {
    for (const t of transcripts) await readCard(createTranscriptCard(t.entries), READ_OPTIONS);
  };
  const hz = await compare('cardReads', { allTranscripts: run });
  return round(hz.allTranscripts * transcripts.length);
}

// 3. APDUs per default read against the minimum the card needs.
async function apdus(transcripts) {
  const out = {};
  for (const t of transcripts) {
    const result = await readCard(createTranscriptCard(t.entries), READ_OPTIONS);
    out[t.file] = [result.exchanges.length, minimumApdus(t.entries).minimum];
  }
  return out;
}

// 4. `paycard --version` against `node -e 0`, alternating, median of each.
function cliStart(runs = quick ? 10 : 30) {
  const bin = join(repoRoot, 'bin', 'paycard.js');
  const commands = { node: ['-e', '0'], paycard: [bin, '--version'] };
  const ms = { node: [], paycard: [] };
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
      if (i >= 2) ms[name].push(elapsed);
    }
  }
  const node = median(ms.node);
  const paycard = median(ms.paycard);
  return { nodeMs: round(node, 1), paycardMs: round(paycard, 1), ratio: round(paycard / node, 2) };
}

// 5. Heap after 10,000 replayed reads, in a child process with --expose-gc.
function memory() {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', join(repoRoot, 'bench', 'memory.mjs'), quick ? '4000' : '10000'],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`bench/memory.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const transcripts = loadTranscripts();
const machine = {
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  platform: process.platform,
};
console.log(
  `paycard bench on ${machine.cpu} x${machine.cpus}, Node ${machine.node}${quick ? ' (quick)' : ''}`,
);

const tlv = await tlvDecode(transcripts);
print(
  `TLV decode, corpus passes/s (${tlv.corpus.answers} answers, ${tlv.corpus.elements} elements, ${tlv.corpus.bytes} bytes)`,
  tlv.hz,
);
console.log(
  `paycard / fastest peer (${tlv.fastestPeer}): ${tlv.ratioToFastestPeer}; paycard / walker: ${tlv.ratioToWalker}`,
);

const cardReadsPerSecond = await cardReads(transcripts);
console.log(
  `\nCard reads replayed per second (${transcripts.length} transcripts): ${cardReadsPerSecond}`,
);

const apduCounts = await apdus(transcripts);
print('APDUs per default read: [sent, minimum]', apduCounts);

const cli = cliStart();
console.log(
  `\npaycard --version ${cli.paycardMs} ms, node -e 0 ${cli.nodeMs} ms: ratio ${cli.ratio}`,
);

const heap = memory();
console.log(
  `\nHeap (MB, after GC) every 2,000 of ${heap.reads} reads: ${heap.heapMB.join(' ')}; growth ${heap.growthMB} MB`,
);

const results = {
  date: new Date().toISOString(),
  machine,
  quick,
  tlvDecode: tlv.hz,
  tlvDecodeDetail: {
    corpus: tlv.corpus,
    unit: 'corpus passes per second',
    fastestPeer: tlv.fastestPeer,
    ratioToFastestPeer: tlv.ratioToFastestPeer,
    ratioToWalker: tlv.ratioToWalker,
  },
  cardReadsPerSecond,
  apdus: apduCounts,
  cliStartRatio: cli.ratio,
  cliStart: cli,
  memory: heap,
};
writeFileSync(join(repoRoot, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten bench/results.json');
