/**
 * A transcript replayed "as a card" (src/transcript/card.ts), rule by rule as
 * ../shared/fixtures/README.md states them.
 */

import { describe, expect, it } from 'vitest';
import {
  fromHex,
  readRecord,
  selectByName,
  toHex,
  getData,
  getProcessingOptions,
} from '../../src/index.js';
import { transcriptCard } from './cards.js';

const send = async (card: ReturnType<typeof transcriptCard>, hex: string | Uint8Array) =>
  toHex(await card.transmit(typeof hex === 'string' ? fromHex(hex) : hex));

const VISA = 'A0000000031010';
const MC = 'A0000000041010';
const fciOf = (aid: string) =>
  `6F ${(aid.length / 2 + 2).toString(16).padStart(2, '0')} 84 ${(aid.length / 2).toString(16).padStart(2, '0')} ${aid}`;

describe('createTranscriptCard', () => {
  it('answers SELECT by the recorded SELECT, or by a recorded FCI with that DF name', async () => {
    const card = transcriptCard(`
      send: 00 A4 04 00 05 A0 00 00 00 03 00
      resp: ${fciOf(VISA)} 90 00`);
    expect(await send(card, selectByName(fromHex('A000000003')))).toBe(
      toHex(fromHex(fciOf(VISA) + '9000')),
    );
    expect(await send(card, selectByName(fromHex(VISA)))).toBe(
      toHex(fromHex(fciOf(VISA) + '9000')),
    );
    expect(await send(card, selectByName(fromHex(MC)))).toBe('6A82');
  });

  it('scopes answers to the application selected when they were recorded', async () => {
    const card = transcriptCard(`
      send: 00 B2 01 0C 00
      resp: 70 00 90 00  # a directory record, before any application
      send: 00 A4 04 00 07 ${VISA} 00
      resp: ${fciOf(VISA)} 90 00
      send: 00 B2 01 0C 00
      resp: 70 01 01 90 00
      send: 00 A4 04 00 07 ${MC} 00
      resp: ${fciOf(MC)} 90 00
      send: 00 B2 01 0C 00
      resp: 70 01 02 90 00`);
    expect(await send(card, readRecord(1, 1))).toBe('70009000');
    await send(card, selectByName(fromHex(MC)));
    expect(await send(card, readRecord(1, 1))).toBe('7001029000');
    await send(card, selectByName(fromHex(VISA)));
    expect(await send(card, readRecord(1, 1))).toBe('7001019000');
  });

  it('matches GPO on CLA INS P1 P2 in recorded order; repeated commands repeat the last answer', async () => {
    const card = transcriptCard(`
      send: 80 A8 00 00 04 83 02 AA BB 00
      resp: 69 85
      send: 80 A8 00 00 04 83 02 CC DD 00
      resp: 80 02 00 00 90 00`);
    expect(await send(card, getProcessingOptions(fromHex('1234')))).toBe('6985');
    expect(await send(card, getProcessingOptions(new Uint8Array(0)))).toBe('800200009000');
    expect(await send(card, getProcessingOptions(new Uint8Array(0)))).toBe('800200009000');
  });

  it('answers what it never recorded as a card lacking it', async () => {
    const card = transcriptCard('send: 00 A4 04 00 01 AA 00\nresp: 6A 82');
    expect(await send(card, readRecord(2, 1))).toBe('6A83');
    expect(await send(card, getData(0x9f17))).toBe('6A88');
    expect(await send(card, '00 84 00 00 08')).toBe('6D00');
    expect(await send(card, selectByName(fromHex(VISA)))).toBe('6A82');
  });

  it('gives blank send: entries to unmatched commands, in order', async () => {
    const card = transcriptCard(`
      send: 00 A4 04 00 07 ${VISA} 00
      resp: ${fciOf(VISA)} 90 00
      send:
      resp: 70 01 01 90 00
      send:
      resp: 70 01 02 90 00`);
    await send(card, selectByName(fromHex(VISA)));
    expect(await send(card, readRecord(1, 1))).toBe('7001019000');
    expect(await send(card, readRecord(2, 1))).toBe('7001029000');
    expect(await send(card, readRecord(3, 1))).toBe('6A83');
  });

  it('a blank send: recorded before a GPO answers the first GPO (the GPO that was not captured)', async () => {
    const card = transcriptCard(`
      send: 00 A4 04 00 07 ${VISA} 00
      resp: ${fciOf(VISA)} 90 00
      send:
      resp: 67 00
      send: 80 A8 00 00 02 83 00 00
      resp: 80 02 00 00 90 00
      send: 80 CA 9F 17 00
      resp: 9F 17 01 03 90 00`);
    await send(card, selectByName(fromHex(VISA)));
    expect(await send(card, getProcessingOptions(fromHex('11223344')))).toBe('6700');
    expect(await send(card, getProcessingOptions(new Uint8Array(0)))).toBe('800200009000');
    expect(await send(card, getData(0x9f13))).toBe('6A88');
    expect(await send(card, getData(0x9f17))).toBe('9F1701039000');
  });
});
