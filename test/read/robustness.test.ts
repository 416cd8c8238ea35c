/**
 * readCard never throws for what a card or a link does: hostile answers, links that fail,
 * cards that never stop asking. Failures come back in `result.error` as PaycardErrors.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createTranscriptCard,
  encodeLength,
  fromHex,
  parseTranscript,
  MAX_GET_RESPONSE,
  PaycardError,
  readCard,
  toHex,
  TransportError,
  type Transceiver,
} from '../../src/index.js';
import { asciiHex, mapCard, SELECT_PPSE, selectHex } from './cards.js';

function T(tag: string, ...values: string[]): string {
  const v = values.join('').replace(/\s/g, '');
  return tag + toHex(encodeLength(v.length / 2)) + v;
}

const DATE = new Date(Date.UTC(2024, 0, 1));

describe('hostile cards', () => {
  it('property: a card answering arbitrary bytes never makes readCard throw', async () => {
    const swArb = fc.constantFrom(
      '9000',
      '6283',
      '6A82',
      '6A83',
      '6985',
      '6700',
      '6C05',
      '6102',
      '6D00',
      '',
    );
    const tlvish = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => toHex(b)),
      fc.constantFrom(
        T('6F', T('84', 'A0000000031010'), T('A5', T('9F38', '9F66049F0206'))),
        T('6F', T('A5', T('BF0C', T('61', T('4F', 'A0000000031010'), T('87', '01'))))),
        T('6F', T('84', asciiHex('1PAY.SYS.DDF01')), T('A5', T('88', '01'))),
        T('70', T('61', T('4F', 'A0000000041010'))),
        T('80', '0000', '08010400'),
        T('80', '00'),
        T('77', T('82', '0000'), T('94', 'F8FF0100')),
        T('70', T('57', '4111D'), T('5A', 'FFFF'), T('5F24', '99')),
        T('70', T('56', asciiHex('B4111^X^'))),
        T('9F4D', '0BFF'),
        T('9F4F', '9F0281'),
        '77 82 01 00 01',
      ),
    );
    const answerArb = fc.tuple(tlvish, swArb).map(([data, sw]) => data + sw);

    await fc.assert(
      fc.asyncProperty(
        fc.array(answerArb, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        async (answers, full) => {
          let n = 0;
          const card: Transceiver = {
            async transmit() {
              return fromHex(answers[n++ % answers.length]);
            },
          };
          const r = await readCard(card, { full, date: DATE, maxCommands: 200 });
          if (!r.ok) expect(r.error).toBeInstanceOf(PaycardError);
          expect(r.exchanges.length).toBeLessThanOrEqual(200);
          if (r.ok) expect(r.pan).toMatch(/^\d{8,19}$/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a card answering 61xx forever ends with TOO_MANY_COMMANDS, no hang', async () => {
    const card = mapCard({ '*': '6101' });
    const r = await readCard(card, { date: DATE });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('TOO_MANY_COMMANDS');
    expect(card.sent.length).toBeLessThanOrEqual(MAX_GET_RESPONSE + 1);
  });

  it('a card answering 6Cxx to everything does not loop', async () => {
    const card = mapCard({ '*': '6C10' });
    const r = await readCard(card, { date: DATE, maxCommands: 1000 });
    expect(r.ok).toBe(false);
    expect(r.error).toBeInstanceOf(PaycardError);
    expect(card.sent.length).toBeLessThan(1000);
  });

  it('the bound on commands holds', async () => {
    const card = mapCard({ '*': '6A82' });
    const r = await readCard(card, { date: DATE, maxCommands: 5 });
    expect(r.error?.code).toBe('TOO_MANY_COMMANDS');
    expect(card.sent).toHaveLength(5);
  });

  it('answers without a status word (cut short) are reported, not thrown', async () => {
    const card = mapCard({
      [SELECT_PPSE]: T('6F', T('A5', T('BF0C', T('61', T('4F', 'A0000000031010'))))) + '9000',
      [selectHex('A0000000031010')]: T('6F', T('84', 'A0000000031010')) + '9000',
      '80A8*': '77 62 82 02 00 40 94 04 18 01 01 00 9F 36 02 00 2D 00 00',
    });
    const r = await readCard(card, { date: DATE });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('CARD_ANSWER_INVALID');
    expect(r.error?.message).toMatch(/offset/);
  });
});

describe('failing links', () => {
  it('a transmit that throws becomes CARD_REMOVED with the cause, and stops the read', async () => {
    let n = 0;
    const card: Transceiver = {
      async transmit() {
        if (++n === 2) throw new Error('link lost');
        return fromHex('6A82');
      },
    };
    const r = await readCard(card, { date: DATE });
    expect(r.ok).toBe(false);
    expect(r.error).toBeInstanceOf(TransportError);
    expect(r.error?.code).toBe('CARD_REMOVED');
    expect((r.error as Error & { cause?: unknown }).cause).toBeInstanceOf(Error);
    expect(n).toBe(2);
  });

  it('a transmit rejecting with a PaycardError keeps it', async () => {
    const card: Transceiver = {
      async transmit() {
        throw new TransportError('CARD_TIMEOUT', 'timed out');
      },
    };
    const r = await readCard(card, { date: DATE });
    expect(r.error?.code).toBe('CARD_TIMEOUT');
  });

  it('a transceiver returning something other than bytes gives READER_ERROR', async () => {
    const card = { transmit: async () => [0x90, 0x00] } as unknown as Transceiver;
    const r = await readCard(card, { date: DATE });
    expect(r.error?.code).toBe('READER_ERROR');
  });
});

describe('link failures end the read whatever the step', () => {
  for (const code of ['CARD_TIMEOUT', 'READER_ERROR', 'ABORTED'] as const) {
    it(`a ${code} at the application SELECT is reported as such, not as "no card number"`, async () => {
      const card = createTranscriptCard(
        parseTranscript(
          readFileSync(new URL('../../fixtures/demo-visa-ppse.apdu', import.meta.url), 'utf8'),
        ),
      );
      let n = 0;
      const r = await readCard({
        async transmit(c) {
          if (++n === 2) throw new TransportError(code, `bridge said ${code}`);
          return card.transmit(c);
        },
      });
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe(code);
      expect(r.exchanges).toHaveLength(1);
    });
  }
});

describe('a card that never answers, a slow read, a cancelled read', () => {
  const silent: Transceiver = { transmit: () => new Promise<Uint8Array>(() => {}) };

  it('a command without an answer ends the read with CARD_TIMEOUT', async () => {
    const r = await readCard(silent, { commandTimeoutMs: 30 });
    expect(r.ok).toBe(false);
    expect(r.error).toBeInstanceOf(TransportError);
    expect(r.error?.code).toBe('CARD_TIMEOUT');
    expect(r.error?.message).toMatch(/SELECT within 30 ms/);
  });

  it('the whole read is bounded by its deadline', async () => {
    const demo = createTranscriptCard(
      parseTranscript(
        readFileSync(new URL('../../fixtures/demo-visa-ppse.apdu', import.meta.url), 'utf8'),
      ),
    );
    const slow: Transceiver = {
      transmit: (c) => new Promise((resolve) => setTimeout(() => resolve(demo.transmit(c)), 20)),
    };
    const r = await readCard(slow, { deadlineMs: 50 });
    expect(r.error?.code).toBe('CARD_TIMEOUT');
    expect(r.exchanges.length).toBeGreaterThan(0);
    expect(r.exchanges.length).toBeLessThan(7);
  });

  it('an AbortSignal cancels a read waiting for an answer', async () => {
    const abort = new AbortController();
    const pending = readCard(silent, { signal: abort.signal });
    setTimeout(() => abort.abort(), 10);
    const r = await pending;
    expect(r.error?.code).toBe('ABORTED');
  });

  it('an already aborted signal sends nothing', async () => {
    const sent: Uint8Array[] = [];
    const r = await readCard(
      { transmit: async (c) => (sent.push(c), fromHex('6A82')) },
      { signal: AbortSignal.abort() },
    );
    expect(r.error?.code).toBe('ABORTED');
    expect(sent).toHaveLength(0);
  });
});

describe('a read that ends early keeps what it read', () => {
  const demoEntries = () =>
    parseTranscript(
      readFileSync(new URL('../../fixtures/demo-visa-ppse.apdu', import.meta.url), 'utf8'),
    );

  it('the card leaves after its records: PAN, expiry and objects stay, with CARD_REMOVED', async () => {
    const card = createTranscriptCard(demoEntries());
    let n = 0;
    const r = await readCard({
      async transmit(c) {
        if (++n === 7) throw new Error('Tag was lost.');
        return card.transmit(c);
      },
    });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('CARD_REMOVED');
    expect(r.aid).toBe('A0000000031010');
    expect(r.pan).toBe('4111111111111111');
    expect(r.expiry).toBe('2031-12');
    expect(r.dataObjects.some((o) => o.source === 'GPO')).toBe(true);
    expect(r.exchanges).toHaveLength(6);
  });

  it('the card leaves right after GPO: the application and its FCI and GPO objects stay', async () => {
    const card = createTranscriptCard(demoEntries());
    let n = 0;
    const r = await readCard({
      async transmit(c) {
        if (++n === 4) throw new Error('Tag was lost.');
        return card.transmit(c);
      },
    });
    expect(r.error?.code).toBe('CARD_REMOVED');
    expect(r.aid).toBe('A0000000031010');
    expect(r.label).toBe('VISA CREDIT');
    expect(r.pan).toBeUndefined();
    expect(new Set(r.dataObjects.map((o) => o.source))).toEqual(new Set(['SELECT', 'GPO', 'PPSE']));
  });
});
