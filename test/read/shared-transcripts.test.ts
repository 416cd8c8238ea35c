/**
 * Every public transcript in ../shared/fixtures/transcripts, replayed as a card, yields what
 * ../shared/fixtures/expected.json says. Skips without ../shared, except under CI=true.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTranscriptCard,
  PaycardError,
  parseTranscript,
  readCard,
  type ReadResult,
} from '../../src/index.js';
import { requireShared } from '../shared.js';

interface Expected {
  ok?: boolean;
  pan?: string;
  expiry?: string;
  aid?: string;
  brand?: string;
  name?: string;
  noName?: boolean;
  applications?: number;
  warning?: string;
  message?: string;
  noCrash?: boolean;
}

/** Transcripts for strict replay of one mechanism (test/core/transceiver.test.ts). */
const STRICT_ONLY = new Set(['t0-get-response-61.apdu', 't0-wrong-length-6c.apdu']);

const shared = requireShared();
const dir = shared ? join(shared, 'fixtures', 'transcripts') : '';
const expected: Record<string, Expected> = shared
  ? JSON.parse(readFileSync(join(shared, 'fixtures', 'expected.json'), 'utf8'))
  : {};

async function read(file: string, full = false): Promise<ReadResult> {
  const card = createTranscriptCard(parseTranscript(readFileSync(join(dir, file), 'utf8')));
  return readCard(card, { full, date: new Date(Date.UTC(2024, 5, 1)) });
}

describe.skipIf(!shared)('shared transcripts read as ../shared/fixtures/README.md says', () => {
  it('expected.json covers every transcript but the strict-replay ones', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.apdu'))
      .sort();
    expect(files.filter((f) => !STRICT_ONLY.has(f))).toEqual(Object.keys(expected).sort());
  });

  for (const [file, want] of Object.entries(expected)) {
    it(file, async () => {
      const r = await read(file);

      if (want.ok !== undefined) expect(r.ok, r.error?.message).toBe(want.ok);
      if (want.pan !== undefined) expect(r.pan).toBe(want.pan);
      if (want.expiry !== undefined) expect(r.expiry).toBe(want.expiry);
      if (want.aid !== undefined) expect(r.aid).toBe(want.aid);
      if (want.brand !== undefined) expect(r.brand).toMatch(new RegExp(want.brand, 'i'));
      if (want.name !== undefined) expect(r.cardholderName).toBe(want.name);
      if (want.noName) expect(r.cardholderName).toBeUndefined();
      if (want.applications !== undefined) expect(r.applications).toHaveLength(want.applications);
      if (want.warning !== undefined) {
        const re = new RegExp(want.warning, 'i');
        expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(re));
      }
      if (want.message !== undefined) {
        expect(r.error?.message).toMatch(new RegExp(want.message, 'i'));
      }
      if (want.noCrash || want.ok === false) {
        expect(r.error).toBeInstanceOf(PaycardError);
        expect(r.error!.message).not.toMatch(/\n/);
        expect(r.error!.message).not.toMatch(/^\s*at /m);
      }
      if (want.ok) expect(r.error).toBeUndefined();
      expect(r.exchanges.length).toBeGreaterThan(0);
    });
  }

  it('every transcript also reads without a crash in a full read', async () => {
    for (const file of Object.keys(expected)) {
      const r = await read(file, true);
      if (expected[file].ok) expect(r.ok, file).toBe(true);
      if (expected[file].pan) expect(r.pan, file).toBe(expected[file].pan);
    }
  });

  it('README details: the names, labels and warnings it names', async () => {
    const unionpay = await read('unionpay-test-card-contact-dda.apdu');
    expect(unionpay.cardholderName).toBeDefined();
    expect(unionpay.cardholderNameHex).toMatch(/^[0-9A-F]+$/);
    expect(unionpay.applications.map((a) => a.aid)).toContain('A000000333010102');

    const cb = await read('cb-visa-cobadged-ppse.apdu');
    expect(cb.applications.map((a) => a.aid)).toEqual(['A0000000421010', 'A0000000031010']);
    expect(cb.applications.map((a) => a.priority)).toEqual([1, 2]);

    const cbContact = await read('cb-contact-pse.apdu');
    expect(cbContact.preferredName).toBe('TRANSACTION CB');
    expect(cbContact.applications[0].foundBy).toBe('probe');

    const interac = await read('interac-select-6285.apdu');
    expect(interac.label).toBe('INTERAC');
    expect(interac.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/6285/));

    const giro = await read('girocard-geldkarte-ppse.apdu');
    expect(giro.applications.map((a) => a.aid)).toEqual(['D27600002545500200']);
    expect(giro.error?.code).toBe('NO_PAN');
    expect(giro.error?.message).toMatch(/no card number/i);

    const truncated = await read('applepay-visa-truncated-gpo.apdu');
    expect(truncated.error?.message).toMatch(/cut short|truncat/i);
    expect(truncated.error?.message).toMatch(/offset \d+/);

    const transit = await read('applepay-visa-transit.apdu');
    expect(transit.dataObjects.some((o) => o.tag === '9F24')).toBe(true);

    const probe = await read('visa-no-ppse-aid-probe.apdu');
    expect(probe.exchanges.some((e) => e.command[1] === 0xb2 && e.command[4] === 0x4f)).toBe(true);

    const mcContact = await read('mastercard-test-card-contact-sda.apdu');
    expect(mcContact.applications[0].foundBy).toBe('probe');
  });
});
