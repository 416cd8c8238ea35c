/**
 * Bridge rejections become typed errors: the link failing (tag lost, timeout, session ended) is
 * told apart from set-up faults (iOS entitlement or AID list, not IsoDep), and both from a card
 * refusing a command, which is a status word and no error at this layer.
 */

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  answerBytes,
  bridgeError,
  bridgeBytes,
  IOS_SELECT_IDENTIFIERS_KEY,
  numberArrayTransceiver,
} from '../../src/adapters/index.js';
import { selectByName, PPSE } from '../../src/apdu/commands.js';
import { PaycardError, TransportError } from '../../src/errors.js';
import { readCard } from '../../src/read/read.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import { repoRoot } from '../shared.js';

const demo = () =>
  createTranscriptCard(
    parseTranscript(readFileSync(join(repoRoot, 'fixtures', 'demo-visa-ppse.apdu'), 'utf8')),
  );

/** Rejections as the bridges produce them: Error objects, NfcError-like objects, plain strings. */
const REJECTIONS: [string, unknown, string][] = [
  [
    'Android TagLostException',
    Object.assign(new Error('Tag was lost.'), { name: 'android.nfc.TagLostException' }),
    'CARD_REMOVED',
  ],
  ['Android class name only', { name: 'TagLostException' }, 'CARD_REMOVED'],
  ['RN Android IOException', new Error('Transceive failed'), 'CARD_REMOVED'],
  ['RN Android plain string', 'transceive fail', 'CARD_REMOVED'],
  ['iOS tag connection lost', new Error('Tag connection lost'), 'CARD_REMOVED'],
  ['iOS session invalidated', 'Session invalidated unexpectedly', 'CARD_REMOVED'],
  ['iOS session timeout', new Error('Session invalidated: session timeout'), 'CARD_TIMEOUT'],
  [
    'Android IOException timeout',
    new Error('java.io.IOException: Transceive timeout'),
    'CARD_TIMEOUT',
  ],
  ['Capacitor timed out', { message: 'Operation timed out', code: 'TIMEOUT' }, 'CARD_TIMEOUT'],
  ['iOS user cancel', { name: 'UserCancel', message: 'Session invalidated by user' }, 'ABORTED'],
  ['iOS entitlement', new Error('Missing required entitlement'), 'READER_ERROR'],
  ['iOS AID not listed', new Error('AID not in select-identifiers'), 'READER_ERROR'],
  ['RN no IsoDep requested', new Error('no tech request available'), 'READER_ERROR'],
  ['anything else', new Error('NFC service died'), 'READER_ERROR'],
  ['a number', 42, 'READER_ERROR'],
  // react-native-nfc-manager v3 on iOS: empty-message error classes, or the raw "NFCError:n" text
  [
    'RN iOS TagConnectionLost class',
    new (class TagConnectionLost extends Error {})(),
    'CARD_REMOVED',
  ],
  [
    'RN iOS SessionInvalidated class',
    new (class SessionInvalidated extends Error {})(),
    'CARD_REMOVED',
  ],
  ['RN iOS TagNotConnected class', new (class TagNotConnected extends Error {})(), 'CARD_REMOVED'],
  ['RN iOS Timeout class', new (class Timeout extends Error {})(), 'CARD_TIMEOUT'],
  ['RN iOS UserCancel class', new (class UserCancel extends Error {})(), 'ABORTED'],
  [
    'RN iOS SecurityViolation class',
    new (class SecurityViolation extends Error {})(),
    'READER_ERROR',
  ],
  ['RN iOS raw tag connection lost', 'NFCError:100,Tag connection lost', 'CARD_REMOVED'],
  ['RN iOS raw timeout', 'NFCError:201', 'CARD_TIMEOUT'],
  ['RN Android cancelled', 'cancelled', 'ABORTED'],
  ['NFC switched off', new (class RadioDisabled extends Error {})(), 'READER_ERROR'],
];

describe('bridgeError', () => {
  it.each(REJECTIONS)('%s -> %s', (_name, rejection, code) => {
    const e = bridgeError(rejection);
    expect(e).toBeInstanceOf(TransportError);
    expect(e.code).toBe(code);
    expect(e.cause).toBe(rejection);
  });

  it('names the AID and the Info.plist key when iOS refuses a SELECT', () => {
    const e = bridgeError(new Error('Missing required entitlement'), selectByName(PPSE));
    expect(e.message).toContain('325041592E5359532E4444463031');
    expect(e.message).toContain(IOS_SELECT_IDENTIFIERS_KEY);
  });

  it('keeps a paycard error as it is', () => {
    const e = new TransportError('CARD_TIMEOUT', 'x');
    expect(bridgeError(e)).toBe(e);
  });

  it('survives thrown values that cannot be turned into text', () => {
    const hostile = [
      { toString: 0 },
      Object.create(null),
      {
        get message() {
          throw new Error('no');
        },
      },
    ];
    for (const thrown of hostile) expect(bridgeError(thrown).code).toBe('READER_ERROR');
  });

  it('turns anything thrown into a PaycardError (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        expect(bridgeError(thrown)).toBeInstanceOf(PaycardError);
      }),
    );
  });
});

describe('through a read', () => {
  it('a tag lost mid-read ends the read with CARD_REMOVED and keeps what was read', async () => {
    const inner = demo();
    let n = 0;
    const t = numberArrayTransceiver(async (bytes) => {
      if (++n === 3) throw new Error('Tag was lost.');
      return Array.from(await inner.transmit(Uint8Array.from(bytes)));
    });

    const r = await readCard(t, { random: (k) => new Uint8Array(k) });
    expect(r.ok).toBe(false);
    expect(r.error).toBeInstanceOf(TransportError);
    expect(r.error?.code).toBe('CARD_REMOVED');
    expect(r.exchanges.length).toBe(2);
  });

  it('an entitlement refusal of the PPSE ends the read with READER_ERROR naming the PPSE', async () => {
    const t = numberArrayTransceiver(async () => {
      throw new Error('Missing required entitlement');
    });
    const r = await readCard(t);
    expect(r.error?.code).toBe('READER_ERROR');
    expect(r.error?.message).toContain('325041592E5359532E4444463031');
  });

  it('a card refusing every SELECT (6A82) is a status word, not a transport error', async () => {
    const t = numberArrayTransceiver(async () => [0x6a, -126]);
    const r = await readCard(t);
    expect(r.error).not.toBeInstanceOf(TransportError);
    expect(r.exchanges.every((e) => e.response[0] === 0x6a && e.response[1] === 0x82)).toBe(true);
  });

  it('a bridge that never answers times out (CARD_TIMEOUT)', async () => {
    const t = numberArrayTransceiver(() => new Promise(() => {}), { timeoutMs: 20 });
    await expect(t.transmit(selectByName(PPSE))).rejects.toMatchObject({ code: 'CARD_TIMEOUT' });
  });

  it('a session longer than its deadline ends with CARD_TIMEOUT', async () => {
    const inner = demo();
    const slow = numberArrayTransceiver(
      async (bytes) => {
        await new Promise((ok) => setTimeout(ok, 15));
        return Array.from(await inner.transmit(Uint8Array.from(bytes)));
      },
      { deadlineMs: 40 },
    );
    const select = selectByName(PPSE);
    await slow.transmit(select);
    await slow.transmit(select);
    await expect(slow.transmit(select)).rejects.toMatchObject({
      code: 'CARD_TIMEOUT',
      message: expect.stringContaining('deadline'),
    });
    await expect(slow.transmit(select)).rejects.toMatchObject({ code: 'CARD_TIMEOUT' });
  });
});

describe('bytes from bridges (properties)', () => {
  it('signed and unsigned bytes give the same byte', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -128, max: 255 })), (list) => {
        expect(Array.from(bridgeBytes(list))).toEqual(list.map((b) => b & 0xff));
      }),
    );
  });

  it('an array-like claiming a huge or odd length is a TransportError, not a RangeError', () => {
    for (const length of [4294967297, -1, 1.5, 70000]) {
      expect(() => answerBytes({ length } as never)).toThrow(TransportError);
    }
  });

  it('any answer is bytes with a status word or a TransportError', () => {
    fc.assert(
      fc.property(fc.anything(), (answer) => {
        try {
          expect(answerBytes(answer).length).toBeGreaterThanOrEqual(2);
        } catch (e) {
          expect(e).toBeInstanceOf(TransportError);
        }
      }),
    );
  });
});
