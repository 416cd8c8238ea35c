/**
 * Any "send bytes, get bytes" function as a paycard `Transceiver`. The function may take a
 * `number[]`, a `Uint8Array` or a hex string, and may resolve any answer shape (see bytes.ts).
 * Its rejections become typed errors (see errors.ts); a card's status word, refusal or not, is
 * passed on as the last two bytes of the answer (ISO/IEC 7816-4 §5.1.3), for the read engine.
 *
 * Each command is bounded by a timeout and the whole session by a deadline: phone wallets drop
 * the link after a long session, and a bridge promise that never settles must not hang a read.
 * A late answer is ignored; the native call itself cannot be cancelled from here.
 */

import { toHex } from '../bytes/hex.js';
import { TransportError } from '../errors.js';
import type { Transceiver } from '../transport/transceiver.js';
import { answerBytes, type BridgeAnswer } from './bytes.js';
import { bridgeError } from './errors.js';

/** Bounds on a bridge session. */
export interface BridgeOptions {
  /** Most milliseconds to wait for one answer; 0 for none. Default 5000. */
  timeoutMs?: number;
  /** Most milliseconds from the first command to the last answer; 0 for none. Default 30000. */
  deadlineMs?: number;
}

/** Default bound on one command, above Android IsoDep's own (raised) timeout. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5000;
/** Default bound on a session, below iOS's 60 s reader session limit. */
export const DEFAULT_SESSION_DEADLINE_MS = 30000;

/** A bridge call taking the command in one encoding and resolving any answer shape. */
export type BridgeSend<C> = (command: C) => Promise<BridgeAnswer | unknown>;

function withTimer<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  if (!(ms > 0) || ms === Infinity) return promise;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TransportError('CARD_TIMEOUT', message)), ms);
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

/**
 * A transceiver over `send`, which receives each command as `encode(command)` produced it.
 * The building block of the three adapters below.
 */
export function bridgeTransceiver<C>(
  send: BridgeSend<C>,
  encode: (command: Uint8Array) => C,
  options: BridgeOptions = {},
): Transceiver {
  const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_SESSION_DEADLINE_MS;
  let startedAt: number | undefined;

  return {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      startedAt ??= Date.now();
      const left = deadlineMs > 0 ? deadlineMs - (Date.now() - startedAt) : Infinity;
      if (left <= 0) {
        throw new TransportError(
          'CARD_TIMEOUT',
          `the read took longer than its ${deadlineMs} ms deadline`,
        );
      }

      const bound = Math.min(timeoutMs > 0 ? timeoutMs : Infinity, left);
      const why =
        bound === left && left < timeoutMs
          ? `the read took longer than its ${deadlineMs} ms deadline`
          : `the card did not answer within ${timeoutMs} ms`;
      let answer: unknown;
      try {
        answer = await withTimer(
          Promise.resolve().then(() => send(encode(command))),
          bound,
          why,
        );
      } catch (e) {
        throw bridgeError(e, command);
      }

      return answerBytes(answer);
    },
  };
}

/**
 * For bridges that take a `number[]`: react-native-nfc-manager's
 * `NfcManager.isoDepHandler.transceive` (Android: resolves data then SW1 SW2 as `number[]`;
 * iOS: `{ response, sw1, sw2 }` before v3.16, `number[]` since) and its older iOS call
 * `sendCommandAPDUIOS`. Signed bytes are normalised.
 *
 *     const card = numberArrayTransceiver((b) => NfcManager.isoDepHandler.transceive(b));
 *     const result = await readCard(card);
 */
export function numberArrayTransceiver(
  send: BridgeSend<number[]>,
  options?: BridgeOptions,
): Transceiver {
  return bridgeTransceiver(send, (command) => Array.from(command), options);
}

/**
 * For bridges that take a `Uint8Array` (WebNFC-like APIs, native modules passing typed arrays).
 * The bridge gets a copy; paycard's command bytes are never exposed to it.
 */
export function uint8ArrayTransceiver(
  send: BridgeSend<Uint8Array>,
  options?: BridgeOptions,
): Transceiver {
  return bridgeTransceiver(send, (command) => command.slice(), options);
}

/**
 * For bridges that take and resolve hex strings (several Capacitor NFC plugins). The command is
 * sent as upper-case hex without spaces; the answer may use either case, spaces or colons.
 *
 *     const card = hexTransceiver(async (hex) => (await Plugin.transceive({ data: hex })).response);
 */
export function hexTransceiver(send: BridgeSend<string>, options?: BridgeOptions): Transceiver {
  return bridgeTransceiver(send, (command) => toHex(command), options);
}
