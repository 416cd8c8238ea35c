/**
 * The T=0 layer (src/transport/transceiver.ts): 61xx followed with GET RESPONSE while the card
 * asks (bounded), 6Cxx resent once with the right Le, the caller's bytes never changed.
 * Also strict replays of the shared T=0 transcripts.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CardError,
  createStrictReplay,
  fromHex,
  getData,
  MAX_GET_RESPONSE,
  PaycardError,
  parseTranscript,
  readRecord,
  recording,
  selectByName,
  toHex,
  withGetResponse,
  withLe,
  type Exchange,
  type Transceiver,
} from '../../src/index.js';
import { requireShared } from '../shared.js';

/** A card scripted by a function of the commands seen so far; records what it was sent. */
function scripted(
  answer: (command: string, n: number) => string,
): Transceiver & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async transmit(command) {
      sent.push(toHex(command));
      return fromHex(answer(toHex(command), sent.length - 1));
    },
  };
}

describe('withGetResponse', () => {
  it('passes ordinary answers through with one command', async () => {
    const card = scripted(() => '6F00 9000');
    const r = await withGetResponse(card).transmit(readRecord(1, 1));
    expect(toHex(r)).toBe('6F009000');
    expect(card.sent).toEqual(['00B2010C00']);
  });

  it('follows 61xx with GET RESPONSE Le = xx while the card asks, joining the data', async () => {
    const card = scripted((c) => {
      if (c === '00A4040007A000000003101000') return '61 04';
      if (c === '00C0000004') return 'AA BB CC DD 61 02';
      if (c === '00C0000002') return 'EE FF 90 00';
      return '6D00';
    });
    const r = await withGetResponse(card).transmit(selectByName(fromHex('A0000000031010')));
    expect(toHex(r)).toBe('AABBCCDDEEFF9000');
    expect(card.sent).toEqual(['00A4040007A000000003101000', '00C0000004', '00C0000002']);
  });

  it('61 00 asks for GET RESPONSE with Le 00 (256 bytes)', async () => {
    const card = scripted((c) => (c === '00C0000000' ? '0102 9000' : '6100'));
    expect(toHex(await withGetResponse(card).transmit(getData(0x9f7f)))).toBe('01029000');
    expect(card.sent).toEqual(['80CA9F7F00', '00C0000000']);
  });

  it('a card answering 61xx forever gives a typed error after a bounded number of commands', async () => {
    const card = scripted(() => '00 61 01');
    const error = await withGetResponse(card)
      .transmit(readRecord(1, 1))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(PaycardError);
    expect((error as PaycardError).code).toBe('TOO_MANY_COMMANDS');
    expect(card.sent.length).toBe(MAX_GET_RESPONSE + 1);
    expect(card.sent.slice(1).every((c) => c === '00C0000001')).toBe(true);
  });

  it('resends once with Le = xx on 6Cxx', async () => {
    const card = scripted((c) => (c === '00B2010C2B' ? '70 00 90 00' : '6C 2B'));
    const r = await withGetResponse(card).transmit(readRecord(1, 1));
    expect(toHex(r)).toBe('70009000');
    expect(card.sent).toEqual(['00B2010C00', '00B2010C2B']);
  });

  it('does not loop on a card that answers 6Cxx again', async () => {
    const card = scripted(() => '6C 10');
    const r = await withGetResponse(card).transmit(readRecord(1, 1));
    expect(toHex(r)).toBe('6C10');
    expect(card.sent).toEqual(['00B2010C00', '00B2010C10']);
  });

  it('handles 6Cxx followed by 61xx', async () => {
    const card = scripted((c) => {
      if (c === '00A4040005A00000000301') return '6102';
      if (c === '00C0000002') return '6F00 9000';
      return '6C01';
    });
    const r = await withGetResponse(card).transmit(selectByName(fromHex('A000000003')));
    expect(toHex(r)).toBe('6F009000');
    expect(card.sent).toEqual(['00A4040005A00000000300', '00A4040005A00000000301', '00C0000002']);
  });

  it('never mutates the caller’s command bytes', async () => {
    const command = readRecord(1, 1);
    const before = toHex(command);
    const seen: Uint8Array[] = [];
    const card: Transceiver = {
      async transmit(c) {
        seen.push(c);
        return fromHex(c[4] === 0x2b ? '7000 9000' : '6C2B');
      },
    };
    await withGetResponse(card).transmit(command);
    expect(toHex(command)).toBe(before);
    expect(seen[0]).toBe(command);
    expect(seen[1]).not.toBe(command);
  });
});

describe('recording', () => {
  it('logs every exchange with a copy of the command', async () => {
    const log: Exchange[] = [];
    const card = recording(
      scripted(() => '9000'),
      log,
    );
    const command = readRecord(1, 1);
    await card.transmit(command);
    command[0] = 0xff;
    expect(log).toHaveLength(1);
    expect(toHex(log[0].command)).toBe('00B2010C00');
    expect(toHex(log[0].response)).toBe('9000');
  });
});

const shared = requireShared();

describe.skipIf(!shared)('strict replays of the shared T=0 transcripts', () => {
  const load = (name: string) =>
    parseTranscript(readFileSync(join(shared!, 'fixtures', 'transcripts', name), 'utf8'));
  const fci = (entries: ReturnType<typeof load>) => toHex(entries[entries.length - 1].resp);

  it('t0-get-response-61.apdu: 61 33 then GET RESPONSE gives the FCI of A0000000031010', async () => {
    const entries = load('t0-get-response-61.apdu');
    const replay = createStrictReplay(entries);
    const command = selectByName(fromHex('A000000003'));
    const response = await withGetResponse(replay).transmit(command);
    expect(toHex(response)).toBe(fci(entries));
    expect(toHex(response)).toMatch(/^6F378407A0000000031010/);
    expect(replay.remaining()).toBe(0);
  });

  it('t0-wrong-length-6c.apdu: 6C 01 then the same command with Le 01', async () => {
    const entries = load('t0-wrong-length-6c.apdu');
    const replay = createStrictReplay(entries);
    const command = selectByName(fromHex('A000000003'));
    const response = await withGetResponse(replay).transmit(command);
    expect(toHex(response)).toBe(fci(entries));
    expect(toHex(command)).toBe('00A4040005A00000000300');
    expect(replay.remaining()).toBe(0);
  });

  it('a strict replay refuses a different command with REPLAY_MISMATCH naming the line', async () => {
    const replay = createStrictReplay(load('t0-wrong-length-6c.apdu'));
    const error = await replay.transmit(readRecord(1, 1)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CardError);
    expect((error as CardError).code).toBe('REPLAY_MISMATCH');
    expect((error as CardError).message).toMatch(/^line 2:/);
  });
});

describe('withLe (ISO/IEC 7816-4 §5.1 cases)', () => {
  it('replaces Le of a case 2 and a case 4 command', () => {
    expect(toHex(withLe(fromHex('00B2010C00'), 0x4f))).toBe('00B2010C4F');
    expect(toHex(withLe(fromHex('00A4040002AABB00'), 0x10))).toBe('00A4040002AABB10');
  });

  it('appends Le to a case 1 and a case 3 command, which had none', () => {
    expect(toHex(withLe(fromHex('00A40400'), 0x20))).toBe('00A4040020');
    expect(toHex(withLe(fromHex('00A4040002AABB'), 0x20))).toBe('00A4040002AABB20');
  });

  it('answers 6Cxx to a case 3 command by resending it with Le appended', async () => {
    const sent: string[] = [];
    const card = withGetResponse({
      async transmit(c) {
        sent.push(toHex(c));
        return c.length === 7 ? fromHex('6C02') : fromHex('AABB9000');
      },
    });
    const command = fromHex('00CA9F1702AAAA'.slice(0, 14));
    expect(toHex(await card.transmit(command))).toBe('AABB9000');
    expect(sent).toEqual(['00CA9F1702AAAA', '00CA9F1702AAAA02']);
  });
});
