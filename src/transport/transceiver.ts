/**
 * The one seam between the read engine and any card link: PC/SC, a phone's NFC API, a replayed
 * transcript. Plus the T=0 layer (ISO/IEC 7816-3 §10.3.5, EMV Book 1 §9.3.1.3) that fetches
 * 61xx data with GET RESPONSE and resends on 6Cxx.
 */

import { getResponse } from '../apdu/commands.js';
import { formatSw, statusWord } from '../apdu/status.js';
import { concatBytes } from '../bytes/hex.js';
import { PaycardError } from '../errors.js';

/** Sends one command APDU and resolves the response: data then SW1 SW2. */
export interface Transceiver {
  transmit(command: Uint8Array): Promise<Uint8Array>;
}

/** Most GET RESPONSE commands followed for one command; a card can otherwise loop forever. */
export const MAX_GET_RESPONSE = 32;

/**
 * Wraps a transceiver so that callers see whole answers: on 61xx it sends GET RESPONSE with
 * Le = xx while the card keeps answering 61xx (bounded by `MAX_GET_RESPONSE`), joining the data;
 * on 6Cxx it resends the same command once with Le = xx (a copy: the caller's bytes are never
 * changed).
 */
export function withGetResponse(inner: Transceiver): Transceiver {
  return {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      let response = await inner.transmit(command);
      let sw = statusWord(response);

      if (sw >> 8 === 0x6c) {
        response = await inner.transmit(withLe(command, sw & 0xff));
        sw = statusWord(response);
      }

      if (sw >> 8 !== 0x61) return response;
      const parts: Uint8Array[] = [];
      for (let n = 0; sw >> 8 === 0x61; n++) {
        if (n >= MAX_GET_RESPONSE) {
          throw new PaycardError(
            'TOO_MANY_COMMANDS',
            `card kept answering 61xx after ${MAX_GET_RESPONSE} GET RESPONSE commands`,
          );
        }
        parts.push(response.subarray(0, response.length - 2));
        response = await inner.transmit(getResponse(sw & 0xff));
        sw = statusWord(response);
        if (sw >> 8 === 0x6c) {
          response = await inner.transmit(getResponse(sw & 0xff));
          sw = statusWord(response);
        }
      }
      parts.push(response);
      return parts.length === 1 ? response : concatBytes(...parts);
    },
  };
}

/**
 * A copy of `command` with Le set to `le` (ISO/IEC 7816-4 §5.1): replaced in a case 2 or 4
 * command, appended to a case 1 or 3 command that had none.
 */
export function withLe(command: Uint8Array, le: number): Uint8Array {
  const lc = command.length > 5 ? command[4] : 0;
  const hasLe = command.length === 5 || (command.length > 5 && command.length === 6 + lc);
  const out = new Uint8Array(hasLe ? command.length : command.length + 1);
  out.set(command);
  out[out.length - 1] = le;
  return out;
}

/** One command and its answer, as the read result records them. */
export interface Exchange {
  command: Uint8Array;
  response: Uint8Array;
}

/** Wraps a transceiver so every exchange is appended to `log`. */
export function recording(inner: Transceiver, log: Exchange[]): Transceiver {
  return {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      const response = await inner.transmit(command);
      log.push({ command: command.slice(), response });
      return response;
    },
  };
}

export { formatSw };
