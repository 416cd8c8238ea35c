/**
 * The benchmark corpus: the public transcripts in ../shared/fixtures/transcripts, parsed with
 * paycard's own transcript parser, and the SW 9000 answers they hold (FCI, GPO and record
 * templates) as TLV inputs.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTlv, parseTranscript } from '../dist/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `../shared/fixtures/transcripts`, or a clear failure when the shared folder is absent. */
export function transcriptDir() {
  const dir = resolve(repoRoot, '..', 'shared', 'fixtures', 'transcripts');
  if (!existsSync(dir)) throw new Error(`${dir} is missing: the benchmarks need ../shared`);
  return dir;
}

/** Every public transcript: `{ file, entries }`, in file-name order. */
export function loadTranscripts() {
  const dir = transcriptDir();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.apdu'))
    .sort()
    .map((file) => ({ file, entries: parseTranscript(readFileSync(join(dir, file), 'utf8')) }));
}

/**
 * The data field of every SW 9000 answer that is BER-TLV (decodes strictly). Answers that are
 * not TLV at all (transaction-log records, which are fixed-layout bytes) are left out, since no
 * TLV decoder can be asked to read them.
 */
export function tlvCorpus(transcripts = loadTranscripts()) {
  const answers = [];
  const skipped = [];
  for (const { file, entries } of transcripts) {
    for (const e of entries) {
      const r = e.resp;
      if (r.length < 3 || r[r.length - 2] !== 0x90 || r[r.length - 1] !== 0x00) continue;
      const data = r.subarray(0, r.length - 2);
      try {
        decodeTlv(data);
        answers.push(data);
      } catch {
        skipped.push(`${file}:${e.line}`);
      }
    }
  }
  return { answers, skipped };
}
