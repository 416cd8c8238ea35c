/**
 * `npm run fuzz`: the long robustness run behind the fast tests in test/robustness.
 *
 *   1. 10^6 TLV inputs (random bytes, and real card answers with bytes flipped, cut, inserted):
 *      strict decoding raises only ParseError with an offset inside the input, lenient decoding
 *      never throws, and every value is a view inside the input.
 *   2. 10^5 mutated cards (the public transcripts through test/robustness/mutate.ts) read as
 *      cards: each read ends within the command bound, in time, with a result or paycard's own
 *      typed error, never a wrapped foreign exception.
 *
 * Runs against dist/ (npm run build first). Prints the counts run and found; writes
 * bench/fuzz-results.json. Options: --tlv N, --cards N, --seed S.
 */

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import {
  createTranscriptCard,
  decodeTlv,
  decodeTlvLenient,
  ParseError,
  PaycardError,
  readCard,
} from '../dist/index.js';
import { loadTranscripts, repoRoot, tlvCorpus } from '../bench/corpus.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TLV_RUNS = arg('--tlv', 1_000_000);
const CARD_RUNS = arg('--cards', 100_000);
const SEED = arg('--seed', Date.now() % 2 ** 31);
const MAX_COMMANDS = 400;

/** xorshift32: fast, seeded, good enough to pick bytes. */
let state = SEED || 1;
function rand() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
}
const int = (n) => Math.floor(rand() * n);

/** The mutation helpers of the test suite, compiled once (they are TypeScript). */
async function loadMutate() {
  const out = join(tmpdir(), `paycard-mutate-${process.pid}.mjs`);
  await build({
    entryPoints: [join(repoRoot, 'test', 'robustness', 'mutate.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}

const findings = [];
function found(kind, detail, input) {
  findings.push({ kind, detail, input });
  if (findings.length <= 20) console.log(`FOUND ${kind}: ${detail}`);
}

const hex = (b) => Buffer.from(b).toString('hex');

// 1. TLV inputs.
function tlvInput(corpus) {
  const choice = int(4);
  if (choice === 0) {
    const b = new Uint8Array(int(300));
    for (let i = 0; i < b.length; i++) b[i] = int(256);
    return b;
  }
  const base = corpus[int(corpus.length)];
  const b = base.slice();
  if (choice === 1) {
    for (let k = 1 + int(4); k > 0; k--) if (b.length) b[int(b.length)] ^= 1 << int(8);
    return b;
  }
  if (choice === 2) return b.subarray(0, int(b.length + 1));
  // Insert bytes (lengths and tags shift against their content).
  const at = int(b.length + 1);
  const extra = Array.from(
    { length: 1 + int(4) },
    () => [0x00, 0xff, 0x81, 0x82, 0x9f, 0x1f, int(256)][int(7)],
  );
  return Uint8Array.from([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
}

function checkViews(elements, input) {
  for (const e of elements) {
    if (e.value.buffer !== input.buffer) return 'value is not a view of the input';
    const start = e.value.byteOffset - input.byteOffset;
    if (start < 0 || start + e.value.length > input.length) return 'value outside the input';
    if (e.children) {
      const bad = checkViews(e.children, input);
      if (bad) return bad;
    }
  }
  return undefined;
}

function fuzzTlv(corpus) {
  const start = performance.now();
  let strictErrors = 0;
  for (let n = 0; n < TLV_RUNS; n++) {
    const input = tlvInput(corpus);
    try {
      const elements = decodeTlv(input);
      const bad = checkViews(elements, input);
      if (bad) found('tlv-view', bad, hex(input));
    } catch (e) {
      strictErrors++;
      if (!(e instanceof ParseError)) found('tlv-strict-foreign-error', String(e), hex(input));
      else if (e.offset < 0 || e.offset > input.length)
        found('tlv-offset', `offset ${e.offset} of ${input.length}`, hex(input));
    }
    try {
      const { elements } = decodeTlvLenient(input);
      const bad = checkViews(elements, input);
      if (bad) found('tlv-lenient-view', bad, hex(input));
    } catch (e) {
      found('tlv-lenient-threw', String(e), hex(input));
    }
  }
  return {
    run: TLV_RUNS,
    rejectedStrict: strictErrors,
    seconds: Math.round(performance.now() - start) / 1000,
  };
}

// 2. Mutated cards.
async function fuzzCards(transcripts, { mutate, mutation }) {
  const start = performance.now();
  const date = new Date('2020-06-15T00:00:00Z');
  const plans = fc.array(mutation, { minLength: 1, maxLength: 6 });
  const codes = {};
  let ok = 0;
  let batch = [];
  for (let n = 0; n < CARD_RUNS; n++) {
    if (batch.length === 0) batch = fc.sample(plans, { numRuns: 1000, seed: SEED + n });
    const mutations = batch.pop();
    const t = transcripts[n % transcripts.length];
    const full = n % 4 === 3;
    const entries = mutate(t.entries, mutations);

    let sent = 0;
    let closed = false;
    const inner = createTranscriptCard(entries);
    const card = {
      transmit(command) {
        if (closed)
          found(
            'card-after-end',
            `${t.file}: command after the read ended`,
            JSON.stringify(mutations),
          );
        sent++;
        return inner.transmit(command);
      },
    };

    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 5000);
    });
    let result;
    try {
      result = await Promise.race([readCard(card, { date, full }), timeout]);
    } catch (e) {
      found('card-threw', `${t.file}: readCard threw ${e}`, JSON.stringify(mutations));
      continue;
    } finally {
      clearTimeout(timer);
      closed = true;
    }

    const plan = JSON.stringify({ file: t.file, full, mutations });
    if (result === 'timeout') found('card-hang', `${t.file}: no end within 5 s`, plan);
    else {
      if (sent > (full ? 3 * MAX_COMMANDS : MAX_COMMANDS))
        found('card-unbounded', `${t.file}: ${sent} commands`, plan);
      if (result.error && !(result.error instanceof PaycardError))
        found('card-foreign-error', `${t.file}: ${result.error}`, plan);
      if (result.error && /^unexpected failure/.test(result.error.message))
        found('card-wrapped-exception', `${t.file}: ${result.error.message}`, plan);
      if (result.ok) ok++;
      const code = result.error?.code ?? 'OK';
      codes[code] = (codes[code] ?? 0) + 1;
    }
  }
  return {
    run: CARD_RUNS,
    ok,
    outcomes: codes,
    seconds: Math.round(performance.now() - start) / 1000,
  };
}

const transcripts = loadTranscripts();
const { answers } = tlvCorpus(transcripts);
console.log(`paycard fuzz: seed ${SEED}, ${TLV_RUNS} TLV inputs, ${CARD_RUNS} mutated cards`);

const tlv = fuzzTlv(answers);
console.log(
  `TLV: ${tlv.run} inputs in ${tlv.seconds} s, ${tlv.rejectedStrict} rejected by strict decoding`,
);
const tlvFound = findings.length;

const cards = await fuzzCards(transcripts, await loadMutate());
console.log(
  `Cards: ${cards.run} mutated reads in ${cards.seconds} s, ${cards.ok} with a PAN; outcomes ${JSON.stringify(cards.outcomes)}`,
);

const summary = {
  date: new Date().toISOString(),
  node: process.version,
  seed: SEED,
  tlv: { ...tlv, found: tlvFound },
  cards: { ...cards, found: findings.length - tlvFound },
  findings: findings.slice(0, 50),
};
writeFileSync(
  join(repoRoot, 'bench', 'fuzz-results.json'),
  JSON.stringify(summary, null, 2) + '\n',
);
console.log(
  `found: ${findings.length} (TLV ${tlvFound}, cards ${findings.length - tlvFound}); written bench/fuzz-results.json`,
);
process.exitCode = findings.length ? 1 : 0;
