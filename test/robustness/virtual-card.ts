/**
 * Generated card profiles (fast-check arbitraries) and the virtual cards they describe: a
 * `Transceiver` that answers SELECT PPSE/PSE/AID, GET PROCESSING OPTIONS (checking the PDOL
 * data length, EMV Book 3 §6.5.8), READ RECORD over the AFL (§10.2) and GET RESPONSE, with the
 * T=0 status words 61xx and 6Cxx (ISO/IEC 7816-3 §10.3.5, Book 1 §9.3.1.3) when asked to.
 */

import fc from 'fast-check';
import { PPSE, PSE } from '../../src/apdu/commands.js';
import { equalBytes, fromHex, toHex } from '../../src/bytes/hex.js';
import { probeAids } from '../../src/card/aids.js';
import { encodeTlv, type TlvNode } from '../../src/tlv/tlv.js';
import type { Transceiver } from '../../src/transport/transceiver.js';

export interface AppProfile {
  aid: string;
  priority: number;
  pan: string;
  /** YYMM. */
  expiry: string;
  /** Terminal tags and lengths the card asks for in its PDOL (9F38). */
  pdol: Array<[number, number]>;
  gpoFormat: 1 | 2;
  /** AFL entries: SFI, first and last record; each record's filler elements. */
  files: Array<{ sfi: number; records: TlvNode[][] }>;
  /** Where PAN (5A) and expiry (5F24) sit: file index and record index (wrapped). */
  panAt: [number, number];
  expiryAt: [number, number];
  withTrack2: boolean;
}

export interface CardProfile {
  discovery: 'ppse' | 'pse' | 'probe';
  apps: AppProfile[];
  /** 00 or FF padding bytes appended inside and after templates. */
  padding: { byte: number; count: number };
  t0: 'none' | '61' | '6C';
  /** Bytes per GET RESPONSE chunk on 61xx. */
  chunk: number;
}

const PDOL_TAGS: Array<[number, number]> = [
  [0x9f66, 4],
  [0x9f02, 6],
  [0x9f03, 6],
  [0x9f1a, 2],
  [0x95, 5],
  [0x5f2a, 2],
  [0x9a, 3],
  [0x9c, 1],
  [0x9f37, 4],
  [0x9f35, 1],
  [0x9f4e, 20],
  [0x9f33, 3],
];

const FILLER_TAGS = [
  0x9f07, 0x8c, 0x8d, 0x8e, 0x9f0d, 0x9f0e, 0x9f0f, 0x5f28, 0x9f42, 0x9f46, 0x92, 0x93,
];

/** A Luhn-valid PAN of 13 to 19 digits. */
const pan = fc
  .tuple(
    fc.integer({ min: 12, max: 18 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }),
  )
  .map(([n, digits]) => {
    const body = [4, ...digits].slice(0, n);
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = body[body.length - 1 - i];
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return body.join('') + String((10 - (sum % 10)) % 10);
  });

const expiry = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => String(y).padStart(2, '0') + String(m).padStart(2, '0'));

const filler: fc.Arbitrary<TlvNode> = fc.record({
  tag: fc.constantFrom(...FILLER_TAGS),
  value: fc.uint8Array({ minLength: 1, maxLength: 60 }),
});

const app = (aid: fc.Arbitrary<string>): fc.Arbitrary<AppProfile> =>
  fc.record({
    aid,
    priority: fc.integer({ min: 1, max: 15 }),
    pan,
    expiry,
    pdol: fc.subarray(PDOL_TAGS, { maxLength: 8 }),
    gpoFormat: fc.constantFrom(1 as const, 2 as const),
    files: fc.uniqueArray(
      fc.record({
        sfi: fc.integer({ min: 1, max: 10 }),
        records: fc.array(fc.array(filler, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 4, selector: (f) => f.sfi },
    ),
    panAt: fc.tuple(fc.nat(), fc.nat()),
    expiryAt: fc.tuple(fc.nat(), fc.nat()),
    withTrack2: fc.boolean(),
  });

const anyAid = fc.uint8Array({ minLength: 5, maxLength: 16 }).map((b) => 'A0' + toHex(b).slice(2));

/** Card profiles: 1-3 applications with distinct AIDs and priorities, found by any means. */
export const cardProfile: fc.Arbitrary<CardProfile> = fc
  .constantFrom('ppse' as const, 'pse' as const, 'probe' as const)
  .chain((discovery) =>
    fc.record({
      discovery: fc.constant(discovery),
      apps: fc.uniqueArray(app(discovery === 'probe' ? fc.constantFrom(...probeAids()) : anyAid), {
        minLength: 1,
        maxLength: discovery === 'probe' ? 1 : 3,
        selector: (a) => a.aid,
      }),
      padding: fc.record({
        byte: fc.constantFrom(0x00, 0xff),
        count: fc.integer({ min: 0, max: 3 }),
      }),
      t0: fc.constantFrom('none' as const, '61' as const, '6C' as const),
      chunk: fc.integer({ min: 16, max: 255 }),
    }),
  )
  .map((p) => {
    // Distinct priorities, so that which application comes first is defined.
    p.apps.forEach((a, i) => (a.priority = i + 1));
    return p;
  });

/** The application a reader must report: the highest priority one (Book 1 §12.4). */
export function expectedApp(profile: CardProfile): AppProfile {
  return [...profile.apps].sort((a, b) => a.priority - b.priority)[0];
}

function bcdPan(p: string): Uint8Array {
  return fromHex(p.length % 2 ? p + 'F' : p);
}

function track2(a: AppProfile): Uint8Array {
  const digits = `${a.pan}D${a.expiry}2010000000000`;
  return fromHex((digits.length % 2 ? digits + 'F' : digits).replace('D', 'D'));
}

function padded(bytes: Uint8Array, profile: CardProfile): Uint8Array {
  const out = new Uint8Array(bytes.length + profile.padding.count).fill(profile.padding.byte);
  out.set(bytes);
  return out;
}

/** The records of an application, as READ RECORD answers keyed `sfi/record`. */
function recordsOf(a: AppProfile, profile: CardProfile): Map<string, Uint8Array> {
  const contents = a.files.map((f) => f.records.map((r) => [...r]));
  const at = ([f, r]: [number, number]) => {
    const file = contents[f % contents.length];
    return file[r % file.length];
  };
  at(a.panAt).unshift({ tag: 0x5a, value: bcdPan(a.pan) });
  at(a.expiryAt).push({ tag: 0x5f24, value: fromHex(a.expiry + '31') });
  if (a.withTrack2) at(a.panAt).push({ tag: 0x57, value: track2(a) });

  const out = new Map<string, Uint8Array>();
  a.files.forEach((f, i) =>
    contents[i].forEach((elements, r) => {
      const body = padded(encodeTlv(elements), profile);
      out.set(`${f.sfi}/${r + 1}`, encodeTlv([{ tag: 0x70, value: body }]));
    }),
  );
  return out;
}

function afl(a: AppProfile): Uint8Array {
  return Uint8Array.from(a.files.flatMap((f) => [f.sfi << 3, 1, f.records.length, 0]));
}

function fci(a: AppProfile): Uint8Array {
  const proprietary: TlvNode[] = [
    { tag: 0x50, value: new TextEncoder().encode('CARD') },
    { tag: 0x87, value: Uint8Array.of(a.priority) },
  ];
  if (a.pdol.length) {
    proprietary.push({
      tag: 0x9f38,
      value: Uint8Array.from(
        a.pdol.flatMap(([t, l]) => [...(t > 0xff ? [t >> 8, t & 0xff] : [t]), l]),
      ),
    });
  }
  return encodeTlv([
    {
      tag: 0x6f,
      children: [
        { tag: 0x84, value: fromHex(a.aid) },
        { tag: 0xa5, children: proprietary },
      ],
    },
  ]);
}

function directoryEntries(apps: AppProfile[]): TlvNode[] {
  return apps.map((a) => ({
    tag: 0x61,
    children: [
      { tag: 0x4f, value: fromHex(a.aid) },
      { tag: 0x87, value: Uint8Array.of(a.priority) },
    ],
  }));
}

const SW_OK = Uint8Array.of(0x90, 0x00);
const join = (data: Uint8Array, sw: Uint8Array) => {
  const out = new Uint8Array(data.length + sw.length);
  out.set(data);
  out.set(sw, data.length);
  return out;
};

/** A virtual card answering as the profile says; `log` gets every command it received. */
export function virtualCard(profile: CardProfile, log: Uint8Array[] = []): Transceiver {
  const byAid = new Map(
    profile.apps.map((a) => [a.aid, { app: a, records: recordsOf(a, profile) }]),
  );
  let selected: { app: AppProfile; records: Map<string, Uint8Array> } | undefined;
  let inDirectory: 'pse' | undefined;
  let pending: Uint8Array | undefined; // data awaiting GET RESPONSE

  /** Applies the T=0 behaviour to a successful answer's data. */
  const t0 = (command: Uint8Array, data: Uint8Array): Uint8Array => {
    if (data.length === 0 || profile.t0 === 'none' || data.length > 255) return join(data, SW_OK);
    if (profile.t0 === '61') {
      pending = data;
      return Uint8Array.of(0x61, Math.min(profile.chunk, data.length));
    }
    const le = command[command.length - 1];
    if (le !== data.length) return Uint8Array.of(0x6c, data.length);
    return join(data, SW_OK);
  };

  return {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      log.push(command.slice());
      const [cla, ins, p1, p2] = command;

      // GET RESPONSE: the next chunk of the pending answer.
      if (ins === 0xc0) {
        if (!pending) return Uint8Array.of(0x69, 0x85);
        const n = Math.min(command[4] || 256, pending.length);
        const chunk = pending.subarray(0, n);
        pending = pending.subarray(n);
        if (pending.length === 0) {
          pending = undefined;
          return join(chunk, SW_OK);
        }
        return join(chunk, Uint8Array.of(0x61, Math.min(profile.chunk, pending.length)));
      }
      pending = undefined;

      if (ins === 0xa4 && p1 === 0x04) {
        const name = command.subarray(5, 5 + command[4]);
        if (equalBytes(name, PPSE) && profile.discovery === 'ppse') {
          const body = encodeTlv([
            {
              tag: 0x6f,
              children: [
                { tag: 0x84, value: PPSE },
                {
                  tag: 0xa5,
                  children: [{ tag: 0xbf0c, children: directoryEntries(profile.apps) }],
                },
              ],
            },
          ]);
          return t0(command, body);
        }
        if (equalBytes(name, PSE) && profile.discovery === 'pse') {
          inDirectory = 'pse';
          const body = encodeTlv([
            {
              tag: 0x6f,
              children: [
                { tag: 0x84, value: PSE },
                { tag: 0xa5, children: [{ tag: 0x88, value: Uint8Array.of(1) }] },
              ],
            },
          ]);
          return t0(command, body);
        }
        const found = byAid.get(toHex(name));
        if (!found) return Uint8Array.of(0x6a, 0x82);
        selected = found;
        inDirectory = undefined;
        return t0(command, fci(found.app));
      }

      if (cla === 0x80 && ins === 0xa8) {
        if (!selected) return Uint8Array.of(0x69, 0x85);
        const a = selected.app;
        const expected = a.pdol.reduce((n, [, l]) => n + l, 0);
        if (command[5] !== 0x83 || command[6] !== expected || command[4] !== expected + 2)
          return Uint8Array.of(0x67, 0x00);
        const aip = Uint8Array.of(0x19, 0x80);
        const body =
          a.gpoFormat === 1
            ? encodeTlv([{ tag: 0x80, value: Uint8Array.from([...aip, ...afl(a)]) }])
            : encodeTlv([
                {
                  tag: 0x77,
                  children: [
                    { tag: 0x82, value: aip },
                    { tag: 0x94, value: afl(a) },
                  ],
                },
              ]);
        return t0(command, body);
      }

      if (ins === 0xb2) {
        const sfi = p2 >> 3;
        if (inDirectory === 'pse') {
          if (sfi !== 1 || p1 !== 1) return Uint8Array.of(0x6a, 0x83);
          return t0(command, encodeTlv([{ tag: 0x70, children: directoryEntries(profile.apps) }]));
        }
        const record = selected?.records.get(`${sfi}/${p1}`);
        return record ? t0(command, record) : Uint8Array.of(0x6a, 0x83);
      }

      return Uint8Array.of(0x6d, 0x00);
    },
  };
}
