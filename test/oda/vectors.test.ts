/**
 * Every vector in ../shared/oda/vectors: positive ones verify, negative ones fail at the check
 * the vector names (EMV Book 2 §5.3, §5.4, §6.3-§6.6).
 */

import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.js';
import { encodeTlv, parseTag, type TlvNode } from '../../src/tlv/tlv.js';
import { loadCapks } from '../../src/oda/capk.js';
import { recoverIccKey, recoverIssuerKey } from '../../src/oda/certificates.js';
import { rsaRecover } from '../../src/oda/rsa.js';
import { verifyDynamicSignature, verifySignedStaticData } from '../../src/oda/signatures.js';
import { firstFailure, type OdaCheck, type OdaStep } from '../../src/oda/steps.js';
import { verifyExchanges } from '../../src/oda/verify.js';
import type { ApduExchange } from '../../src/oda/exchanges.js';
import { shared, vector } from './helpers.js';

const h = (s: string | undefined | null) => (s ? fromHex(s) : undefined);
const EARLY = new Date('2000-01-01T00:00:00Z');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function capkOf(v: Json) {
  const k = v.ca_public_key;
  return loadCapks([
    {
      rid: k.rid,
      index: k.index,
      modulus: k.modulus,
      exponent: k.exponent,
      checksum: k.sha1_checksum,
    },
  ])[0];
}

function issuerOf(v: Json, card = v.card_data, date = EARLY) {
  return recoverIssuerKey(capkOf(v), {
    certificate: h(card['90'])!,
    remainder: h(card['92']),
    exponent: h(card['9F32'])!,
    pan: h(card['5A']) ?? fromHex(v.expected.issuer_cert.issuer_identifier),
    date,
  });
}

/** The check a vector's words name. */
function namedCheck(text: string): OdaCheck {
  const rules: [RegExp, OdaCheck][] = [
    [/CID/, 'cid'],
    [/Transaction Data Hash|TDHC/, 'tdhc'],
    [/header/, 'header'],
    [/trailer/, 'trailer'],
    [/format/, 'format'],
    [/issuer identifier/, 'issuer-id'],
    [/expired/, 'expiry'],
    [/hash algorithm/i, 'hash-algorithm'],
    [/PK algorithm/, 'pk-algorithm'],
    [/PAN/, 'pan'],
    [/padding/, 'padding'],
    [/len\(/, 'length'],
    [/SHA-1|hash mismatch/, 'hash'],
  ];
  const found = rules.find(([re]) => re.test(text));
  if (!found) throw new Error(`no check named in "${text}"`);
  return found[1];
}

/** The objects a vector's words name (the failed check must be on one of them). */
function namedObjects(what: string): string[] {
  if (/^issuer/.test(what)) return ['90'];
  if (/^ICC cert/.test(what)) return ['9F46'];
  if (/^SSAD/.test(what)) return ['93'];
  if (/^static data/.test(what)) return ['93', '9F46'];
  if (/^(DDA|SDAD)/.test(what)) return ['80'];
  if (/^CDA/.test(what)) return ['9F4B', '9F27'];
  throw new Error(`no object named in "${what}"`);
}

describe.skipIf(!shared)('ODA vectors', () => {
  it('lumag-rsa2048-raw: the public operation undoes the private one', () => {
    const v = vector('lumag-rsa2048-raw.json');
    const sig = fromHex(v.expected.message_pow_d_mod_n);
    const out = rsaRecover(sig, { modulus: fromHex(v.key.n), exponent: fromHex(v.key.e) });
    expect(toHex(out!)).toBe(v.message);
  });

  for (const name of [
    'lumag-sda-visa01.json',
    'emvbertlv-amex-cda.json',
    'emvbertlv-upi-contact-sda-dda.json',
    'emvbertlv-mc-contact-sda.json',
  ]) {
    it(`${name}: issuer key and SSAD (SDA)`, () => {
      const v = vector(name);
      const issuer = issuerOf(v);
      expect(issuer.ok).toBe(true);
      expect(toHex(issuer.key!.recovered)).toBe(v.expected.issuer_cert.recovered);
      expect(toHex(issuer.key!.modulus)).toBe(v.expected.issuer_public_key.modulus);

      const sda = verifySignedStaticData(
        issuer.key!,
        h(v.card_data['93'])!,
        h(v.static_data_to_authenticate)!,
      );
      expect(sda.ok).toBe(true);
      expect(sda.dac).toBe(v.expected.ssad.data_authentication_code_9F45);
    });
  }

  for (const name of [
    'lumag-dda-mchip05.json',
    'lumag-cda-mchip05.json',
    'emvbertlv-amex-cda.json',
    'emvbertlv-upi-contact-sda-dda.json',
    'emvbertlv-mc-contact-sda.json',
    'emvbertlv-mc-contactless-cda.json',
  ]) {
    it(`${name}: ICC key recovered and its hash checked over the static data`, () => {
      const v = vector(name);
      const issuer = issuerOf(v);
      expect(issuer.ok).toBe(true);
      const icc = recoverIccKey(issuer.key!, {
        certificate: h(v.card_data['9F46'])!,
        remainder: h(v.card_data['9F48']),
        exponent: h(v.card_data['9F47'])!,
        pan: h(v.card_data['5A'])!,
        staticData: h(v.static_data_to_authenticate)!,
        date: EARLY,
      });
      expect(icc.steps.filter((s) => !s.ok)).toEqual([]);
      expect(toHex(icc.key!.modulus)).toBe(v.expected.icc_public_key.modulus);
    });
  }

  it('lumag-dda-mchip05: DDA signature and ICC Dynamic Number', () => {
    const v = vector('lumag-dda-mchip05.json');
    const icc = {
      modulus: fromHex(v.expected.icc_public_key.modulus),
      exponent: fromHex(v.expected.icc_public_key.exponent),
    };
    const r = verifyDynamicSignature(
      icc,
      fromHex(v.card_data['9F4B']),
      fromHex(v.terminal_dynamic_data),
    );
    expect(r.ok).toBe(true);
    expect(r.idn).toBe(v.expected.sdad.icc_dynamic_number_9F4C);
  });

  for (const name of [
    'openemv-visa94-sda-dda.json',
    'openemv-mcF1-cda.json',
    'cfpp-visa92-issuer.json',
  ]) {
    it(`${name}: issuer key, ICC key structure (static data unpublished), signatures`, () => {
      const v = vector(name);
      const issuer = issuerOf(v, {
        ...v.card_data,
        '5A': v.card_data['5A'] ?? v.expected.issuer_cert.issuer_identifier,
      });
      expect(issuer.ok).toBe(true);
      expect(toHex(issuer.key!.modulus)).toBe(v.expected.issuer_public_key.modulus);

      const icc = recoverIccKey(issuer.key!, {
        certificate: h(v.card_data['9F46'])!,
        remainder: h(v.card_data['9F48']),
        exponent: h(v.card_data['9F47'])!,
        pan: h(v.card_data['5A']) ?? fromHex(v.expected.icc_cert.application_pan),
        staticData: null,
        date: EARLY,
      });
      // Without the static data the ICC certificate's hash cannot be checked: that is the only gap.
      expect(icc.steps.filter((s) => !s.ok).map((s) => s.check)).toEqual(['static-data']);
      expect(toHex(icc.key!.recovered)).toBe(v.expected.icc_cert.recovered);
      expect(toHex(icc.key!.modulus)).toBe(v.expected.icc_public_key.modulus);

      if (v.expected.ssad) {
        const ssad = verifySignedStaticData(issuer.key!, h(v.card_data['93'])!, new Uint8Array(0));
        expect(ssad.dac).toBe(v.expected.ssad.data_authentication_code_9F45);
        expect(firstFailure(ssad.steps)!.check).toBe('hash');
      }
      if (v.expected.sdad) {
        const r = verifyDynamicSignature(
          icc.key!,
          h(v.card_data['9F4B'] ?? v.negative_cases?.[3]?.['9F4B'] ?? '')!,
          fromHex(v.terminal_dynamic_data),
        );
        if (v.card_data['9F4B']) {
          expect(r.ok).toBe(true);
          expect(r.idn).toBe(v.expected.sdad.icc_dynamic_number_9F4C);
        }
      }
    });
  }

  it('openemv-visa94-sda-dda: the upstream date rules', () => {
    const v = vector('openemv-visa94-sda-dda.json');
    for (const c of v.date_checks_upstream) {
      const yy = c.transaction_date_9A;
      const date = new Date(`20${yy.slice(0, 2)}-${yy.slice(2, 4)}-${yy.slice(4, 6)}T00:00:00Z`);
      const issuer = issuerOf(v, v.card_data, date);
      if (c.cert === 'issuer') {
        expect(issuer.expired).toBe(c.expected === 'expired');
        continue;
      }
      const icc = recoverIccKey(issuer.key!, {
        certificate: fromHex(v.card_data['9F46']),
        remainder: h(v.card_data['9F48']),
        exponent: fromHex(v.card_data['9F47']),
        pan: fromHex(v.card_data['5A']),
        staticData: null,
        date,
      });
      expect(icc.expired).toBe(c.expected === 'expired');
    }
  });

  for (const name of ['openemv-visa94-sda-dda.json', 'openemv-mcF1-cda.json']) {
    it(`${name}: every negative case is rejected`, () => {
      const v = vector(name);
      for (const neg of v.negative_cases) {
        const card = { ...v.card_data, ...neg };
        const issuer = issuerOf(v, card);
        const steps: OdaStep[] = [...issuer.steps];
        if (issuer.ok) {
          if (neg['93'])
            steps.push(
              ...verifySignedStaticData(issuer.key!, fromHex(neg['93']), new Uint8Array(0)).steps,
            );
          const icc = recoverIccKey(issuer.key!, {
            certificate: fromHex(card['9F46']),
            remainder: h(card['9F48']),
            exponent: fromHex(card['9F47']),
            pan: fromHex(card['5A']),
            staticData: new Uint8Array(0),
            date: EARLY,
          });
          steps.push(...icc.steps);
          if (neg['9F4B']) {
            steps.push(
              ...verifyDynamicSignature(
                icc.key!,
                fromHex(neg['9F4B']),
                fromHex(v.terminal_dynamic_data),
              ).steps,
            );
          }
        }
        const failed = steps.filter((s) => !s.ok).map((s) => s.check);
        const words = neg.expected as string;
        const named = words.includes('header')
          ? ['trailer', 'header']
          : words.includes('hash')
            ? ['hash']
            : [];
        expect(
          failed.some((c) => named.includes(c)),
          `${neg.what}: ${failed}`,
        ).toBe(true);
      }
    });
  }
});

/** The derived chain as the APDU exchange of a card session (EMV Book 3 §10). */
function derivedSession(v: Json, change: Record<string, string> = {}): ApduExchange[] {
  const card = { ...v.card_data };
  const cda = { ...v.cda };
  let terminal = v.terminal_dynamic_data;
  let ddaSdad = v.dda['9F4B_or_80_response_sdad'];
  for (const [k, value] of Object.entries(change)) {
    if (k === 'terminal_dynamic_data') terminal = value;
    else if (k === '9F4B') ddaSdad = value;
    else if (k.startsWith('cda.')) cda[k.slice(4)] = value;
    else if (k === 'static_data_to_authenticate') card['82'] = value.slice(-4);
    else card[k] = value;
  }

  const ok = fromHex('9000');
  const withSw = (b: Uint8Array) => Uint8Array.from([...b, ...ok]);
  const tlv = (tags: string[]): TlvNode[] =>
    tags.filter((t) => card[t]).map((t) => ({ tag: parseTag(t), value: fromHex(card[t]) }));
  const aid = fromHex('F00000000101');
  const apdu = (head: string, data: Uint8Array) =>
    Uint8Array.from([...fromHex(head), data.length, ...data, 0]);

  const genacTlvs = fromHex(cda.genac_response_tlvs_excluding_9F4B);
  const genacAnswer = encodeTlv([
    {
      tag: 0x77,
      value: Uint8Array.from([
        ...genacTlvs,
        ...encodeTlv([{ tag: 0x9f4b, value: fromHex(cda['9F4B']) }]),
      ]),
    },
  ]);

  return [
    {
      command: apdu('00A40400', aid),
      response: withSw(encodeTlv([{ tag: 0x6f, children: [{ tag: 0x84, value: aid }] }])),
    },
    {
      command: apdu('80A80000', fromHex('8301' + cda.pdol_related_data)),
      response: withSw(encodeTlv([{ tag: 0x80, value: fromHex(card['82'] + '08010101') }])),
    },
    {
      command: fromHex('00B2010C00'),
      response: withSw(encodeTlv([{ tag: 0x70, value: fromHex(v.record_template_values[0]) }])),
    },
    {
      command: fromHex('00B2011400'),
      response: withSw(encodeTlv([{ tag: 0x70, children: tlv(['8F', '90', '92', '9F32', '93']) }])),
    },
    {
      command: fromHex('00B2021400'),
      response: withSw(encodeTlv([{ tag: 0x70, children: tlv(['9F46', '9F47', '9F48']) }])),
    },
    {
      command: apdu('00880000', fromHex(terminal)),
      response: withSw(encodeTlv([{ tag: 0x80, value: fromHex(ddaSdad) }])),
    },
    { command: apdu('80AE5000', fromHex(cda.cdol1_related_data)), response: withSw(genacAnswer) },
  ];
}

describe.skipIf(!shared)('derived-cfpp-chain as a card session', () => {
  const date = new Date('2025-01-01T00:00:00Z');

  it('verifies: issuer and ICC keys, SDA, DDA, CDA, with the published intermediate values', () => {
    const v = vector('derived-cfpp-chain.json');
    const capks = [capkOf(v)];
    const report = verifyExchanges(derivedSession(v), { date, capks });
    expect(report.chain.filter((s) => !s.ok)).toEqual([]);
    expect(report.staticData).toBe(v.static_data_to_authenticate);
    expect(report.issuerKey!.modulus).toBe(v.expected.issuer_public_key.modulus);
    expect(report.iccKey!.modulus).toBe(v.expected.icc_public_key.modulus);
    const by = Object.fromEntries(report.methods.map((m) => [m.method, m]));
    expect(by.SDA.status).toBe('valid');
    expect(by.SDA.dac).toBe(v.expected.dac_9F45);
    expect(by.DDA.status).toBe('valid');
    expect(by.DDA.idn).toBe(v.expected.idn_9F4C);
    expect(by.CDA.status).toBe('valid');
    expect(by.CDA.cryptogram).toBe(v.cda.genac_ac_9F26);
    expect(report.ok).toBe(true);
  });

  it('fails every negative case at the check it names, on the object it names', () => {
    const v = vector('derived-cfpp-chain.json');
    const capks = [capkOf(v)];
    expect(v.negative_cases.length).toBe(20);
    for (const neg of v.negative_cases) {
      const report = verifyExchanges(derivedSession(v, neg.replace), { date, capks });
      const steps = [...report.chain, ...report.methods.flatMap((m) => m.steps)];
      const failed = steps.filter((s) => !s.ok);
      const check = namedCheck(neg.expected_failure);
      expect(failed.length, neg.what).toBeGreaterThan(0);
      expect(
        failed.map((s) => s.check),
        neg.what,
      ).toContain(check);
      const objects = namedObjects(neg.what);
      expect(
        failed.some((s) => s.check === check && objects.includes(s.object)),
        neg.what,
      ).toBe(true);

      const methods = report.methods.filter((m) => !m.ok);
      expect(methods.length, neg.what).toBeGreaterThan(0);
      expect(
        methods.map((m) => m.failedCheck),
        neg.what,
      ).toContain(check);
      if (check !== 'expiry') expect(report.signaturesValid, neg.what).toBe(false);
      else expect(report.signaturesValid && report.certificatesExpired, neg.what).toBe(true);
    }
  });
});
