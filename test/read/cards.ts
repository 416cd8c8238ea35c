/**
 * Virtual cards for read-flow tests: an inline transcript served "as a card", or a plain map
 * from command hex to answers. Both answer what they were never told as a card lacking it.
 */

import {
  createTranscriptCard,
  fromHex,
  parseTranscript,
  toHex,
  type ReadResult,
  type Transceiver,
} from '../../src/index.js';

/** An inline transcript (send:/resp: lines) replayed as a card. */
export function transcriptCard(text: string): Transceiver {
  return createTranscriptCard(parseTranscript(text));
}

const clean = (hex: string) => hex.replace(/[\s]/g, '').toUpperCase();

/**
 * A card from a map: key = command hex (spaces allowed), or a prefix ending in `*`; value = the
 * answer hex, or answers in order (the last one repeats). Unlisted commands answer as a card
 * without the object: SELECT 6A82, READ RECORD 6A83, GET DATA 6A88, others 6D00.
 */
export function mapCard(
  answers: Record<string, string | readonly string[]>,
): Transceiver & { sent: string[] } {
  const exact = new Map<string, { list: string[]; next: number }>();
  const prefixes: { prefix: string; slot: { list: string[]; next: number } }[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const slot = { list: (typeof value === 'string' ? [value] : [...value]).map(clean), next: 0 };
    const k = clean(key);
    if (k.endsWith('*')) prefixes.push({ prefix: k.slice(0, -1), slot });
    else exact.set(k, slot);
  }

  const sent: string[] = [];
  return {
    sent,
    async transmit(command) {
      const hex = toHex(command);
      sent.push(hex);
      const slot = exact.get(hex) ?? prefixes.find((p) => hex.startsWith(p.prefix))?.slot;
      if (slot) {
        const answer = slot.list[Math.min(slot.next, slot.list.length - 1)];
        slot.next++;
        return fromHex(answer);
      }
      switch (command[1]) {
        case 0xa4:
          return fromHex('6A82');
        case 0xb2:
          return fromHex('6A83');
        case 0xca:
          return fromHex('6A88');
        default:
          return fromHex('6D00');
      }
    },
  };
}

/** The commands of a read, as hex. */
export function commandsOf(result: ReadResult): string[] {
  return result.exchanges.map((e) => toHex(e.command));
}

/** Hex of an ASCII string. */
export function asciiHex(text: string): string {
  return toHex(Uint8Array.from(text, (c) => c.charCodeAt(0)));
}

/** SELECT command hex for an AID (hex). */
export function selectHex(aid: string): string {
  const name = fromHex(aid);
  return toHex(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length)) + toHex(name) + '00';
}

export const SELECT_PPSE = '00A404000E325041592E5359532E444446303100';
export const SELECT_PSE = '00A404000E315041592E5359532E444446303100';
