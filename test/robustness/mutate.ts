/**
 * Mutations of a transcript, as a hostile or damaged card would answer: bit flips, truncated
 * answers, wrong length bytes, swapped status words, answers repeated, answers dropped. Shared
 * by the robustness tests and `npm run fuzz`.
 */

import fc from 'fast-check';
import type { TranscriptEntry } from '../../src/transcript/parse.js';

export type Mutation =
  | { kind: 'flip'; entry: number; at: number; bit: number }
  | { kind: 'truncate'; entry: number; keep: number }
  | { kind: 'length'; entry: number; at: number; delta: number }
  | { kind: 'sw'; entry: number; sw: number }
  | { kind: 'repeat'; entry: number; times: number }
  | { kind: 'drop'; entry: number };

/** Status words a card may answer with, T=0 ones included. */
export const STATUS_WORDS = [
  0x9000, 0x6a82, 0x6a83, 0x6a81, 0x6985, 0x6986, 0x6700, 0x6d00, 0x6e00, 0x6283, 0x6285, 0x6300,
  0x6a88, 0x6101, 0x6110, 0x61ff, 0x6100, 0x6c01, 0x6c10, 0x6cff, 0x6c00, 0x9f10, 0x6400,
] as const;

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    entry: fc.nat(),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), entry: fc.nat(), keep: fc.nat() }),
  fc.record({
    kind: fc.constant('length' as const),
    entry: fc.nat(),
    at: fc.nat(),
    delta: fc.integer({ min: -3, max: 130 }),
  }),
  fc.record({
    kind: fc.constant('sw' as const),
    entry: fc.nat(),
    sw: fc.constantFrom(...STATUS_WORDS),
  }),
  fc.record({
    kind: fc.constant('repeat' as const),
    entry: fc.nat(),
    times: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), entry: fc.nat() }),
);

/** Applies mutations in order to a copy of `entries` (the input is never changed). */
export function mutate(
  entries: readonly TranscriptEntry[],
  mutations: readonly Mutation[],
): TranscriptEntry[] {
  let out = entries.map((e) => ({ ...e, resp: e.resp.slice() }));
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.entry % out.length;
    const resp = out[i].resp;
    switch (m.kind) {
      case 'flip':
        if (resp.length) resp[m.at % resp.length] ^= 1 << m.bit;
        break;
      case 'truncate':
        out[i] = { ...out[i], resp: resp.slice(0, m.keep % (resp.length + 1)) };
        break;
      case 'length':
        // Bytes that are lengths in a TLV answer sit anywhere; change one byte by delta.
        if (resp.length > 2)
          resp[m.at % (resp.length - 2)] = (resp[m.at % (resp.length - 2)] + m.delta) & 0xff;
        break;
      case 'sw':
        if (resp.length >= 2) {
          resp[resp.length - 2] = m.sw >> 8;
          resp[resp.length - 1] = m.sw & 0xff;
        }
        break;
      case 'repeat':
        out = [
          ...out.slice(0, i + 1),
          ...Array.from({ length: m.times }, () => ({ ...out[i], resp: resp.slice() })),
          ...out.slice(i + 1),
        ];
        break;
      case 'drop':
        out = [...out.slice(0, i), ...out.slice(i + 1)];
        break;
    }
  }
  return out;
}
