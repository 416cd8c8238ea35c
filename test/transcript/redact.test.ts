import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { luhnValid } from '../../src/card/pan.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import { namePlaceholder, redactExchanges, testPanFor } from '../../src/transcript/redact.js';
import { formatTranscript } from '../../src/transcript/write.js';
import type { Exchange } from '../../src/transport/transceiver.js';
import { requireShared } from '../shared.js';

const shared = requireShared();

function ascii(text: string): string {
  return toHex(new TextEncoder().encode(text));
}

/** Every place the digits could hide in a transcript's text: BCD on any nibble, or ASCII. */
function occurrences(text: string, digits: string): number {
  const hex = text
    .replace(/^#.*$/gm, '')
    .replace(/[^0-9A-F\n]/gi, '')
    .toUpperCase();
  return hex.split(digits).length - 1 + (hex.split(ascii(digits)).length - 1);
}

function exchangesOf(file: string): Exchange[] {
  const text = readFileSync(join(shared!, 'fixtures', 'transcripts', file), 'utf8');
  // A blank `send:` (command not captured) stays blank: formatTranscript writes it as `send: `.
  return parseTranscript(text).map((e) => ({
    command: e.send ?? new Uint8Array(0),
    response: e.resp,
  }));
}

describe('testPanFor', () => {
  test('keeps length and IIN, passes Luhn, changes the other digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12,19}$/), (pan) => {
        const test = testPanFor(pan);
        expect(test).toHaveLength(pan.length);
        expect(test.slice(0, 6)).toBe(pan.slice(0, 6));
        expect(luhnValid(test)).toBe(true);
        expect(test).not.toBe(pan);
      }),
    );
  });

  test('a Mastercard test PAN becomes 5413330000000001', () => {
    expect(testPanFor('5413330089600044')).toBe('5413330000000001');
  });
});

describe('redactExchanges', () => {
  test('replaces a PAN at any nibble position and in ASCII, leaving other bytes alone', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{13,19}$/),
        fc.uint8Array({ maxLength: 40 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        (pan, before, after, shifted, asText) => {
          const digits = asText ? ascii(pan) : (shifted ? 'A' : '') + pan;
          const middle = digits + (digits.length % 2 ? 'F' : '');
          const response = Uint8Array.from(
            Buffer.from(toHex(before) + middle + toHex(after) + '9000', 'hex'),
          );
          const [out] = redactExchanges(
            [{ command: Uint8Array.of(0, 0xb2, 1, 0x0c, 0), response }],
            {
              pan,
            },
          );

          const hex = toHex(out.response);
          expect(hex).toHaveLength(toHex(response).length);
          expect(hex.includes(pan) || hex.includes(ascii(pan))).toBe(false);
          const replaced = asText ? ascii(testPanFor(pan)) : testPanFor(pan);
          expect(hex.includes(replaced)).toBe(true);
          expect(hex.startsWith(toHex(before))).toBe(true);
          expect(hex.endsWith(toHex(after) + '9000')).toBe(true);
        },
      ),
    );
  });

  test('does not change its input', () => {
    const response = Uint8Array.from([
      0x5a, 0x08, 0x54, 0x13, 0x33, 0, 0x89, 0x60, 0, 0x44, 0x90, 0,
    ]);
    const copy = response.slice();
    redactExchanges([{ command: Uint8Array.of(0, 0xb2, 1, 0x0c, 0), response }]);
    expect(response).toEqual(copy);
  });

  test('names become a placeholder of the same length', () => {
    expect(namePlaceholder(12)).toBe('CARDHOLDER/T');
    expect(namePlaceholder(17)).toBe('CARDHOLDER/TESTXX');
  });
});

describe.skipIf(!shared)('redacting public transcripts', () => {
  const cases = [
    ['mastercard-test-card-contactless-cda.apdu', '5413330089600044', 'ETEC/PAYPASS'],
    ['amex-test-card-cda.apdu', '374245001741007', 'EPay TEST CARD'],
    ['mastercard-magstripe-ppse.apdu', '5200000000000000', undefined],
    ['cb-visa-ppse-sdad.apdu', '4999999999999999', undefined],
    ['unionpay-test-card-contact-dda.apdu', '6210948000000011', undefined],
  ] as const;

  test.each(cases)('%s: no trace of the PAN or the name is left', (file, pan, name) => {
    const original = exchangesOf(file);
    const before = formatTranscript(original);
    expect(occurrences(before, pan)).toBeGreaterThan(0);

    // The PAN is found in the card's own data objects even when the caller does not name it.
    const text = formatTranscript(redactExchanges(original), ['redacted']);
    expect(occurrences(text, pan)).toBe(0);
    expect(occurrences(text, testPanFor(pan))).toBe(occurrences(before, pan));
    if (name) expect(text.includes(ascii(name).replace(/(..)/g, '$1 ').trim())).toBe(false);

    const lengths = (list: Exchange[]) => list.map((e) => [e.command.length, e.response.length]);
    const back = parseTranscript(text).map((e) => ({
      command: e.send ?? new Uint8Array(0),
      response: e.resp,
    }));
    expect(lengths(back)).toEqual(lengths(original));
  });
});
