/**
 * The bridge adapters driven by fakes with the exact call shapes of react-native-nfc-manager
 * (Android, iOS, legacy iOS), a Uint8Array bridge and a hex-string Capacitor plugin, each serving
 * a transcript as a card: the read through the adapter must equal the read without it.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hexTransceiver,
  nfcManagerTransceiver,
  numberArrayTransceiver,
  uint8ArrayTransceiver,
} from '../../src/adapters/index.js';
import { toHex } from '../../src/bytes/hex.js';
import { readCard } from '../../src/read/read.js';
import type { ReadResult } from '../../src/read/result.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import type { Transceiver } from '../../src/transport/transceiver.js';
import { repoRoot, requireShared } from '../shared.js';

const shared = requireShared();
const DATE = new Date(Date.UTC(2025, 5, 1, 12));
const zeros = (n: number) => new Uint8Array(n);

const transcripts: { name: string; path: string | null; pan: string }[] = [
  {
    name: 'demo Visa (PPSE)',
    path: join(repoRoot, 'fixtures', 'demo-visa-ppse.apdu'),
    pan: '4111111111111111',
  },
  {
    name: 'Amex test card (CDA)',
    path: shared ? join(shared, 'fixtures', 'transcripts', 'amex-test-card-cda.apdu') : null,
    pan: '374245001741007',
  },
];

function card(path: string): Transceiver {
  return createTranscriptCard(parseTranscript(readFileSync(path, 'utf8')));
}

/** Java's signed byte, as bridges built on `byte[]` hand it over. */
const signed = (b: number) => (b > 127 ? b - 256 : b);

function isByteArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((b) => Number.isInteger(b) && b >= 0 && b <= 255);
}

/** Fakes with the bridges' call shapes, each over a card; they record what they were given. */
function fakes(inner: Transceiver, seen: unknown[]) {
  const androidRn = {
    isoDepHandler: {
      async transceive(bytes: number[]): Promise<number[]> {
        seen.push(bytes);
        if (!isByteArray(bytes))
          throw new Error('IsoDepHandler.transceive only takes input as a byte array');
        const r = await inner.transmit(Uint8Array.from(bytes));
        return Array.from(r, signed);
      },
    },
  };
  const iosRn = {
    isoDepHandler: {
      async transceive(bytes: number[]): Promise<{ response: number[]; sw1: number; sw2: number }> {
        seen.push(bytes);
        if (!isByteArray(bytes))
          throw new Error('IsoDepHandler.transceive only takes input as a byte array');
        const r = await inner.transmit(Uint8Array.from(bytes));
        return {
          response: Array.from(r.subarray(0, -2)),
          sw1: r[r.length - 2],
          sw2: r[r.length - 1],
        };
      },
    },
  };
  const iosLegacy = {
    async sendCommandAPDUIOS(
      bytes: number[],
    ): Promise<{ response: number[]; sw1: number; sw2: number }> {
      seen.push(bytes);
      const r = await inner.transmit(Uint8Array.from(bytes));
      return {
        response: Array.from(r.subarray(0, -2)),
        sw1: r[r.length - 2],
        sw2: r[r.length - 1],
      };
    },
  };
  const capacitor = {
    async transceive(options: { data: string }): Promise<{ response: string }> {
      seen.push(options.data);
      const r = await inner.transmit(
        Uint8Array.from(options.data.match(/../g)!.map((h) => parseInt(h, 16))),
      );
      return { response: toHex(r, ' ').toLowerCase() };
    },
  };
  const typed = async (bytes: Uint8Array): Promise<Uint8Array> => {
    seen.push(bytes);
    return inner.transmit(bytes);
  };
  return { androidRn, iosRn, iosLegacy, capacitor, typed };
}

type Shape = keyof ReturnType<typeof fakes>;

function adapter(shape: Shape, f: ReturnType<typeof fakes>): Transceiver {
  switch (shape) {
    case 'androidRn':
      return nfcManagerTransceiver(f.androidRn);
    case 'iosRn':
      return nfcManagerTransceiver(f.iosRn);
    case 'iosLegacy':
      return nfcManagerTransceiver(f.iosLegacy);
    case 'capacitor':
      return hexTransceiver(async (hex) => (await f.capacitor.transceive({ data: hex })).response);
    case 'typed':
      return uint8ArrayTransceiver(f.typed);
  }
}

function summary(r: ReadResult) {
  return {
    ok: r.ok,
    pan: r.pan,
    expiry: r.expiry,
    aid: r.aid,
    brand: r.brand,
    applications: r.applications,
    dataObjects: r.dataObjects.map((d) => `${d.source} ${d.tag} ${toHex(d.value)}`),
    warnings: r.warnings,
    error: r.error?.code,
    exchanges: r.exchanges.map((e) => `${toHex(e.command)} -> ${toHex(e.response)}`),
  };
}

const SHAPES: Shape[] = ['androidRn', 'iosRn', 'iosLegacy', 'capacitor', 'typed'];

describe('adapters read a transcript end to end, same as without them', () => {
  for (const t of transcripts) {
    for (const shape of SHAPES) {
      it.skipIf(!t.path)(`${t.name} through ${shape}`, async () => {
        const direct = await readCard(card(t.path!), { date: DATE, random: zeros });
        const seen: unknown[] = [];
        const through = await readCard(adapter(shape, fakes(card(t.path!), seen)), {
          date: DATE,
          random: zeros,
        });

        expect(through.pan).toBe(t.pan);
        expect(summary(through)).toEqual(summary(direct));
        expect(seen.length).toBe(direct.exchanges.length);
        if (shape === 'capacitor')
          expect(seen.every((s) => typeof s === 'string' && /^[0-9A-F]+$/.test(s))).toBe(true);
        else if (shape === 'typed') expect(seen.every((s) => s instanceof Uint8Array)).toBe(true);
        else expect(seen.every(isByteArray)).toBe(true);
      });
    }
  }
});

describe('answers', () => {
  it('normalises signed bytes: [106, -126] is 6A82, a status word passed on, not an error', async () => {
    const t = numberArrayTransceiver(async () => [106, -126]);
    expect(toHex(await t.transmit(Uint8Array.of(0, 0xa4, 4, 0, 1, 0xa0, 0)))).toBe('6A82');
  });

  it('joins a split iOS answer, data then SW1 SW2', async () => {
    const t = numberArrayTransceiver(async () => ({
      response: [0x6f, 0x00],
      sw1: 0x90,
      sw2: 0x00,
    }));
    expect(toHex(await t.transmit(Uint8Array.of(0, 0xb2, 1, 0x0c, 0)))).toBe('6F009000');
  });

  it('reads hex answers with spaces, colons and lower case', async () => {
    const t = hexTransceiver(async () => '6f:00 90 00');
    expect(toHex(await t.transmit(Uint8Array.of(0, 0xb2, 1, 0x0c, 0)))).toBe('6F009000');
  });

  it.each([
    ['an empty answer', []],
    ['one byte', [0x90]],
    ['a byte out of range', [0x90, 256]],
    ['a fraction', [0x90, 0.5]],
    ['null', null],
    ['an object', { data: [0x90, 0] }],
    ['text that is not hex', 'zz'],
  ])('refuses %s as a set-up fault (READER_ERROR)', async (_name, answer) => {
    const t = numberArrayTransceiver(async () => answer);
    await expect(t.transmit(Uint8Array.of(0, 0xb2, 1, 0x0c, 0))).rejects.toMatchObject({
      name: 'TransportError',
      code: 'READER_ERROR',
    });
  });
});
