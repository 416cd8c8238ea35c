/**
 * Transcripts replayed as a card (docs/transcripts.md, "as a card"): the recording is the card's
 * memory and the engine takes its own path through it. Also the strict replay used by unit tests.
 */

import { responseData, statusWord } from '../apdu/status.js';
import { equalBytes, toHex } from '../bytes/hex.js';
import { CardError } from '../errors.js';
import { decodeTlvLenient, findTlv } from '../tlv/tlv.js';
import type { Transceiver } from '../transport/transceiver.js';
import type { TranscriptEntry } from './parse.js';

interface Slot {
  answers: Uint8Array[];
  /** Position of each answer in the transcript. */
  seqs: number[];
  next: number;
}

const INS_SELECT = 0xa4;
const INS_GET_RESPONSE = 0xc0;
const MATCH_ON_HEADER = new Set([0xa8, 0xae, 0x88]); // GPO, GENERATE AC, INTERNAL AUTHENTICATE

function take(slot: Slot): Uint8Array {
  const answer = slot.answers[Math.min(slot.next, slot.answers.length - 1)];
  slot.next++;
  return answer;
}

function push(map: Map<string, Slot>, key: string, answer: Uint8Array, seq: number): void {
  const slot = map.get(key);
  if (slot) {
    slot.answers.push(answer);
    slot.seqs.push(seq);
  } else {
    map.set(key, { answers: [answer], seqs: [seq], next: 0 });
  }
}

/** True when `blank` still holds an answer recorded before the next answer of `slot`. */
function blankComesFirst(blank: Slot | undefined, slot: Slot): boolean {
  if (!blank || blank.next >= blank.answers.length || slot.next >= slot.answers.length)
    return false;
  return blank.seqs[blank.next] < slot.seqs[slot.next];
}

/** The DF name (84) of an FCI answer, as hex, if the answer is an FCI with a usable status. */
function dfNameOf(response: Uint8Array): string | undefined {
  const sw = statusWord(response);
  if (sw !== 0x9000 && sw >> 8 !== 0x62 && sw >> 8 !== 0x63) return undefined;
  const { elements } = decodeTlvLenient(responseData(response));
  const name = findTlv(elements, 0x84);
  return name ? toHex(name.value) : undefined;
}

/** The name a SELECT command asks for, as hex. */
function selectedName(command: Uint8Array): string {
  if (command.length < 5) return '';
  const lc = command[4];
  return toHex(command.subarray(5, 5 + lc));
}

/** Default answers for what a card never recorded: it lacks the object. */
function absent(command: Uint8Array): Uint8Array {
  switch (command[1]) {
    case INS_SELECT:
      return Uint8Array.of(0x6a, 0x82);
    case 0xb2:
      return Uint8Array.of(0x6a, 0x83);
    case 0xca:
      return Uint8Array.of(0x6a, 0x88);
    default:
      return Uint8Array.of(0x6d, 0x00);
  }
}

/**
 * A virtual card built from a transcript, following the replay rules: answers are scoped to the
 * application selected when they were recorded; a SELECT is answered by the same recorded SELECT
 * or by a recorded FCI whose DF name (84) is the requested name; GPO, GENERATE AC and INTERNAL
 * AUTHENTICATE match on CLA INS P1 P2, after any blank `send:` entry recorded before them in
 * their scope; an unmatched command takes the next blank `send:` entry of its scope; repeated
 * commands take recorded answers in order, the last one repeating; anything never recorded
 * answers as a card that lacks it. An FCI fetched by GET RESPONSE after a SELECT answered 61xx
 * counts as that SELECT's FCI.
 */
export function createTranscriptCard(entries: readonly TranscriptEntry[]): Transceiver {
  const selects = new Map<string, Slot>(); // by SELECT command hex (without Le)
  const byDfName = new Map<string, Slot>(); // by DF name of recorded FCIs
  const exact = new Map<string, Slot>(); // scope + command hex
  const header = new Map<string, Slot>(); // scope + CLA INS P1 P2
  const blanks = new Map<string, Slot>(); // scope -> blank entries

  let scope = '';
  let selectWaiting = false; // the last entry was a SELECT answered 61xx (T=0: its FCI follows)
  for (const [seq, e] of entries.entries()) {
    if (!e.send) {
      push(blanks, scope, e.resp, seq);
      continue;
    }

    const cmd = e.send;
    const fciFollows = selectWaiting && cmd[1] === INS_GET_RESPONSE;
    selectWaiting = cmd[1] === INS_SELECT && statusWord(e.resp) >> 8 === 0x61;

    if (cmd[1] === INS_SELECT && cmd.length >= 5) {
      push(selects, toHex(cmd.subarray(0, 5 + cmd[4])), e.resp, seq);
      const df = dfNameOf(e.resp);
      if (df) {
        push(byDfName, df, e.resp, seq);
        scope = df;
      }
      continue;
    }

    if (MATCH_ON_HEADER.has(cmd[1]))
      push(header, scope + '/' + toHex(cmd.subarray(0, 4)), e.resp, seq);
    else push(exact, scope + '/' + toHex(cmd), e.resp, seq);

    // The FCI that a SELECT answered 61xx made wait for (T=0) selects like a recorded FCI,
    // and answers a later SELECT of its DF name.
    const df = fciFollows ? dfNameOf(e.resp) : undefined;
    if (df) {
      push(byDfName, df, e.resp, seq);
      scope = df;
    }
  }

  let current = '';
  let waiting = false; // the last command was a SELECT answered 61xx

  /** The answer to a command other than SELECT, in the current scope. */
  function lookup(command: Uint8Array): Uint8Array {
    // A blank `send:` answers what the reader sent at that point: a GPO recorded after an
    // uncaptured one (cb-visa-cobadged-ppse: 6700, then 83 00 accepted) takes the blank first.
    const byHeader = MATCH_ON_HEADER.has(command[1]);
    const slot = byHeader
      ? header.get(current + '/' + toHex(command.subarray(0, 4)))
      : exact.get(current + '/' + toHex(command));
    const blank = blanks.get(current);
    if (slot && !(byHeader && blankComesFirst(blank, slot))) return take(slot);

    if (blank && blank.next < blank.answers.length) return take(blank);
    return absent(command);
  }

  const card: Transceiver = {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      if (command.length < 4) return Uint8Array.of(0x67, 0x00);

      const fciFollows = waiting && command[1] === INS_GET_RESPONSE;
      waiting = false;
      if (command[1] === INS_SELECT && command.length >= 5) {
        const key = toHex(command.subarray(0, 5 + command[4]));
        const slot = selects.get(key) ?? byDfName.get(selectedName(command));
        if (!slot) return absent(command);
        const answer = take(slot);
        const df = dfNameOf(answer);
        if (df) current = df;
        waiting = statusWord(answer) >> 8 === 0x61;
        return answer.slice();
      }

      const answer = lookup(command);
      const df = fciFollows ? dfNameOf(answer) : undefined;
      if (df) current = df;
      return answer.slice();
    },
  };
  return card;
}

/**
 * Strict replay: the engine must send exactly the recorded commands in order (a blank `send:`
 * accepts any command). A different command throws `CardError` with code `REPLAY_MISMATCH`.
 */
export function createStrictReplay(
  entries: readonly TranscriptEntry[],
): Transceiver & { remaining(): number } {
  let i = 0;
  return {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      const entry = entries[i];
      if (!entry) {
        throw new CardError('REPLAY_MISMATCH', `transcript ended, but ${toHex(command)} was sent`, {
          command: toHex(command),
        });
      }
      if (entry.send && !equalBytes(entry.send, command)) {
        throw new CardError(
          'REPLAY_MISMATCH',
          `line ${entry.line}: expected ${toHex(entry.send)}, got ${toHex(command)}`,
          { command: toHex(command) },
        );
      }
      i++;
      return entry.resp.slice();
    },
    remaining: () => entries.length - i,
  };
}
