/**
 * One conversation with a card: the transceiver wrapped with the T=0 layer, a log of every
 * exchange, and a bound on the number of commands so that no card can drive an endless read.
 */

import { formatSw, responseData, statusWord } from '../apdu/status.js';
import { instructionName } from '../apdu/commands.js';
import { toHex } from '../bytes/hex.js';
import { PaycardError, TransportError } from '../errors.js';
import { withGetResponse, type Exchange, type Transceiver } from '../transport/transceiver.js';

/** Default bound on commands per read; a full read of a large card stays far below it. */
export const MAX_COMMANDS = 400;

export interface CardAnswer {
  sw: number;
  data: Uint8Array;
  /** The whole response, data and SW1 SW2. */
  response: Uint8Array;
}

export class Session {
  readonly exchanges: Exchange[] = [];
  private readonly link: Transceiver;
  private sent = 0;

  constructor(
    transceiver: Transceiver,
    private readonly maxCommands = MAX_COMMANDS,
  ) {
    const log = this.exchanges;
    const bounded: Transceiver = {
      transmit: async (command) => {
        if (++this.sent > this.maxCommands) {
          throw new PaycardError('TOO_MANY_COMMANDS', `read stopped after ${this.maxCommands} commands`);
        }
        let response: Uint8Array;
        try {
          response = await transceiver.transmit(command);
        } catch (e) {
          if (e instanceof PaycardError) throw e;
          throw new TransportError(
            'CARD_REMOVED',
            `the card stopped answering during ${instructionName(command)} (removed from the reader?)`,
            { cause: e },
          );
        }
        if (!(response instanceof Uint8Array)) {
          throw new TransportError('READER_ERROR', 'the transceiver returned something other than bytes');
        }
        log.push({ command: command.slice(), response });
        return response;
      },
    };
    this.link = withGetResponse(bounded);
  }

  /** Sends a command and splits the answer. A missing status word gives sw -1. */
  async send(command: Uint8Array): Promise<CardAnswer> {
    const response = await this.link.transmit(command);
    const sw = validSw(response);
    return { sw, data: sw < 0 ? response : responseData(response), response };
  }
}

/**
 * The status word, or -1 when the answer has none that ISO/IEC 7816-4 §5.6 allows (SW1 is 6x
 * except 60, or 9x): a sniffer cut the answer short, or the link lost bytes.
 */
export function validSw(response: Uint8Array): number {
  const sw = statusWord(response);
  if (sw < 0) return -1;
  const sw1 = sw >> 8;
  if ((sw1 >= 0x61 && sw1 <= 0x6f) || (sw1 >= 0x90 && sw1 <= 0x9f)) return sw;
  return -1;
}

export function describeCommand(command: Uint8Array): string {
  return `${instructionName(command)} (${toHex(command.subarray(0, 4))})`;
}

export { formatSw };
