/**
 * What phone NFC bridges hand back, turned into bytes. Bridges answer in one of four shapes:
 * a `number[]` holding data then SW1 SW2 (react-native-nfc-manager on Android, and on iOS since
 * v3.16), `{ response, sw1, sw2 }` (react-native-nfc-manager on iOS before v3.16, CoreNFC's
 * `sendCommand(apdu:)` split of data and status word), a `Uint8Array`, or a hex string (many
 * Capacitor plugins). Java's signed `byte` often leaks through as -128..-1: -126 is 0x82.
 */

import { fromHex } from '../bytes/hex.js';
import { PaycardError, TransportError } from '../errors.js';

/** The data and status bytes of an answer returned separately (iOS, ISO/IEC 7816-4 §5.1.3). */
export interface SplitAnswer {
  response: ArrayLike<number> | string;
  sw1: number;
  sw2: number;
}

/** Any answer shape a bridge resolves. */
export type BridgeAnswer = ArrayLike<number> | ArrayBuffer | string | SplitAnswer;

/** The longest APDU answer: 65,536 data bytes (ISO/IEC 7816-4 extended Le) and SW1 SW2. */
export const MAX_ANSWER_BYTES = 65538;

function invalid(message: string, cause?: unknown): TransportError {
  return new TransportError('READER_ERROR', `the NFC bridge returned ${message}`, { cause });
}

/** One bridge byte (-128..255; negatives are Java's signed bytes) as 0..255. */
export function bridgeByte(value: unknown, index = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -128 || value > 255) {
    // String(), not JSON: JSON shows NaN and Infinity as null.
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw invalid(`${shown} at index ${index}, which is not a byte`);
  }
  return value & 0xff;
}

/**
 * Bytes from a bridge value: an array of numbers (signed or unsigned bytes), a typed array, an
 * ArrayBuffer or a hex string (spaces and colons allowed). Always a new array.
 *
 *     bridgeBytes([106, -126]) // Uint8Array [0x6A, 0x82]
 *     bridgeBytes('6A82')      // Uint8Array [0x6A, 0x82]
 */
export function bridgeBytes(value: unknown): Uint8Array {
  if (typeof value === 'string') {
    try {
      return fromHex(value);
    } catch (e) {
      throw invalid(
        `text that is not hex: ${e instanceof PaycardError ? e.message : String(e)}`,
        e,
      );
    }
  }

  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (value instanceof Uint8Array) return value.slice();

  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as ArrayLike<number>).length !== 'number'
  ) {
    throw invalid(`${describe(value)} instead of bytes`);
  }
  const list = value as ArrayLike<unknown>;
  const length = list.length;
  if (!Number.isInteger(length) || length < 0 || length > MAX_ANSWER_BYTES) {
    throw invalid(`a list of ${String(length)} items, not an APDU answer`);
  }
  const bytes = new Uint8Array(length);
  for (let i = 0; i < list.length; i++) bytes[i] = bridgeByte(list[i], i);
  return bytes;
}

function isSplitAnswer(value: unknown): value is SplitAnswer {
  return (
    value !== null &&
    typeof value === 'object' &&
    'response' in value &&
    'sw1' in value &&
    'sw2' in value
  );
}

/**
 * A whole response APDU (data then SW1 SW2) from any answer shape. An answer shorter than a
 * status word is a bridge fault (a card always answers at least SW1 SW2, ISO/IEC 7816-4 §5.1).
 *
 *     answerBytes({ response: [0x6f, 0x00], sw1: 0x90, sw2: 0 }) // 6F 00 90 00
 */
export function answerBytes(answer: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (isSplitAnswer(answer)) {
    const data = bridgeBytes(answer.response ?? []);
    bytes = new Uint8Array(data.length + 2);
    bytes.set(data);
    bytes[data.length] = bridgeByte(answer.sw1, data.length);
    bytes[data.length + 1] = bridgeByte(answer.sw2, data.length + 1);
  } else {
    bytes = bridgeBytes(answer);
  }

  if (bytes.length < 2) {
    throw invalid(
      `${bytes.length} byte(s), fewer than a status word (is the tag connected as IsoDep?)`,
    );
  }
  return bytes;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
