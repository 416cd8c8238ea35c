/**
 * Properties of the verifier on chains this suite mints with its own keys (the public-domain
 * cfpp key pairs): a minted chain verifies (SDA, DDA, CDA), and any single flipped bit in a
 * certificate or a signature makes verification fail.
 */

import fc from 'fast-check';
import { sha1 } from '@noble/hashes/legacy.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from '../../src/bytes/hex.js';
import { encodeTlv, type TlvNode } from '../../src/tlv/tlv.js';
import { loadCapks } from '../../src/oda/capk.js';
import { verifyExchanges } from '../../src/oda/verify.js';
import type { ApduExchange } from '../../src/oda/exchanges.js';
import { shared, vector } from './helpers.js';
import {
  iccCertificate,
  issuerCertificate,
  keyPair,
  signedDynamicData,
  signedStaticData,
  type KeyPair,
} from './mint.js';

const RID = fromHex('F000000002');
const DATE = new Date('2030-01-01T00:00:00Z');
const CDOL1 = fromHex('9F02069F1A029F3704');

interface Minted {
  exchanges: ApduExchange[];
  /** Where each signed object sits: exchange index and byte offset of its value in the answer. */
  places: { name: string; exchange: number; offset: number; length: number }[];
}

function panBcd(digits: string): Uint8Array {
  const padded = digits.length % 2 ? digits + 'F' : digits;
  return fromHex(padded);
}

function withSw(b: Uint8Array): Uint8Array {
  return concatBytes(b, Uint8Array.of(0x90, 0x00));
}

function apdu(head: string, data: Uint8Array): Uint8Array {
  return concatBytes(fromHex(head), Uint8Array.of(data.length), data, Uint8Array.of(0));
}

/** A whole card session for a chain minted with `ca`, `issuer`, `icc`. */
function mint(
  keys: { ca: KeyPair; issuer: KeyPair; icc: KeyPair },
  pan: string,
  extra: Uint8Array,
  un: Uint8Array,
): Minted {
  const { ca, issuer, icc } = keys;
  const aip = fromHex('7901');
  const panB = panBcd(pan);
  const record1: TlvNode[] = [
    { tag: 0x5a, value: panB },
    { tag: 0x5f24, value: fromHex('391231') },
    { tag: 0x8c, value: CDOL1 },
    { tag: 0x9f4a, value: fromHex('82') },
    { tag: 0x9f7f, value: extra },
  ];
  const record1Value = encodeTlv(record1);
  const staticData = concatBytes(record1Value, aip);

  const idDigits = pan.slice(0, 6);
  const issuerId = fromHex(idDigits + 'FF');
  const icc10 = fromHex(toHex(panB).padEnd(20, 'F'));
  const cert90 = issuerCertificate(ca, issuer, issuerId, fromHex('1239'));
  const ssad = signedStaticData(issuer, fromHex('BEEF'), staticData);
  const cert9F46 = iccCertificate(issuer, icc, icc10, fromHex('1239'), staticData);

  const idn = fromHex('0811223344556677');
  const ddaSdad = signedDynamicData(icc, concatBytes(Uint8Array.of(idn.length), idn), un);

  const pdolData = fromHex('E0');
  const cdolData = concatBytes(fromHex('000000001000'), fromHex('0250'), un);
  const genacTlvs = encodeTlv([
    { tag: 0x9f27, value: fromHex('40') },
    { tag: 0x9f36, value: fromHex('0007') },
  ]);
  const tdhc = sha1(concatBytes(pdolData, cdolData, genacTlvs));
  const cdaDynamic = concatBytes(
    Uint8Array.of(idn.length),
    idn,
    fromHex('40'),
    fromHex('A1B2C3D4E5F60718'),
    tdhc,
  );
  const cdaSdad = signedDynamicData(icc, cdaDynamic, un);

  const aid = concatBytes(RID, fromHex('1010'));
  const rec2 = encodeTlv([
    {
      tag: 0x70,
      children: [
        { tag: 0x8f, value: fromHex('01') },
        { tag: 0x9f32, value: issuer.e },
        { tag: 0x90, value: cert90 },
        { tag: 0x93, value: ssad },
      ],
    },
  ]);
  const rec3 = encodeTlv([
    {
      tag: 0x70,
      children: [
        { tag: 0x9f47, value: icc.e },
        { tag: 0x9f46, value: cert9F46 },
      ],
    },
  ]);
  const ia = encodeTlv([{ tag: 0x80, value: ddaSdad }]);
  const genac = encodeTlv([
    { tag: 0x77, value: concatBytes(genacTlvs, encodeTlv([{ tag: 0x9f4b, value: cdaSdad }])) },
  ]);

  const exchanges: ApduExchange[] = [
    {
      command: apdu('00A40400', aid),
      response: withSw(encodeTlv([{ tag: 0x6f, children: [{ tag: 0x84, value: aid }] }])),
    },
    {
      command: apdu('80A80000', fromHex('8301E0')),
      response: withSw(
        encodeTlv([{ tag: 0x80, value: concatBytes(aip, fromHex('0801010108020300')) }]),
      ),
    },
    {
      command: fromHex('00B2010C00'),
      response: withSw(encodeTlv([{ tag: 0x70, value: record1Value }])),
    },
    { command: fromHex('00B2020C00'), response: withSw(rec2) },
    { command: fromHex('00B2030C00'), response: withSw(rec3) },
    { command: apdu('00880000', un), response: withSw(ia) },
    { command: apdu('80AE5000', cdolData), response: withSw(genac) },
  ];

  const find = (i: number, value: Uint8Array) => {
    const hay = toHex(exchanges[i].response);
    return hay.indexOf(toHex(value)) / 2;
  };
  const places = [
    { name: '90', exchange: 3, offset: find(3, cert90), length: cert90.length },
    { name: '93', exchange: 3, offset: find(3, ssad), length: ssad.length },
    { name: '9F46', exchange: 4, offset: find(4, cert9F46), length: cert9F46.length },
    { name: 'DDA SDAD', exchange: 5, offset: find(5, ddaSdad), length: ddaSdad.length },
    { name: 'CDA SDAD', exchange: 6, offset: find(6, cdaSdad), length: cdaSdad.length },
  ];
  return { exchanges, places };
}

describe.skipIf(!shared)('a chain minted by the suite', () => {
  const pairs = shared ? vector('cfpp-rsa-keypairs.json') : null;
  const keys = pairs && {
    ca: keyPair(pairs.ca_01),
    issuer: keyPair(pairs.issuer),
    icc: keyPair(pairs.icc),
  };
  const capks = keys
    ? loadCapks([
        { rid: toHex(RID), index: '01', modulus: toHex(keys.ca.n), exponent: toHex(keys.ca.e) },
      ])
    : [];

  it('verifies for any PAN, record content and unpredictable number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9][0-9]{11,18}$/),
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (pan, extra, un) => {
          const { exchanges } = mint(keys!, pan, extra, un);
          const report = verifyExchanges(exchanges, { date: DATE, capks });
          expect(report.chain.filter((s) => !s.ok)).toEqual([]);
          expect(report.methods.map((m) => `${m.method}:${m.status}`)).toEqual([
            'SDA:valid',
            'DDA:valid',
            'CDA:valid',
          ]);
          expect(report.ok).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('fails when any single bit of a certificate or signature is flipped', () => {
    const { exchanges, places } = mint(
      keys!,
      '4012888888881881',
      fromHex('0102'),
      fromHex('CAFEBABE'),
    );
    expect(places.every((p) => p.offset > 0)).toBe(true);
    expect(verifyExchanges(exchanges, { date: DATE, capks }).ok).toBe(true);

    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: places.length - 1 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (which, at, bit) => {
          const place = places[which];
          const copy = exchanges.map((e) => ({ ...e }));
          const response = copy[place.exchange].response.slice();
          response[place.offset + (at % place.length)] ^= 1 << bit;
          copy[place.exchange].response = response;

          const report = verifyExchanges(copy, { date: DATE, capks });
          expect(report.signaturesValid, `${place.name} byte ${at % place.length} bit ${bit}`).toBe(
            false,
          );
          const failed = report.methods.filter((m) => m.status === 'failed');
          expect(failed.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
