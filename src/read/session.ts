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

/** Bounds of one read: commands, time per command, time for the whole read, cancellation. */
export interface SessionLimits {
  /** Most commands sent. Default `MAX_COMMANDS`. */
  maxCommands?: number;
  /** Longest wait for one answer, in ms; then `CARD_TIMEOUT`. Default `COMMAND_TIMEOUT_MS`. */
  commandTimeoutMs?: number;
  /** Longest whole read, in ms; then `CARD_TIMEOUT`. Default `READ_DEADLINE_MS`. */
  deadlineMs?: number;
  /** Aborting ends the read at the next command (or during one) with `ABORTED`. */
  signal?: AbortSignal;
}

/** Default wait for one answer: far above any card's, below a user's patience. */
export const COMMAND_TIMEOUT_MS = 10_000;
/** Default bound on a whole read (field notes: phone wallets drop long sessions anyway). */
export const READ_DEADLINE_MS = 60_000;

export class Session {
  readonly exchanges: Exchange[] = [];
  private readonly link: Transceiver;
  private sent = 0;

  constructor(transceiver: Transceiver, limits: SessionLimits = {}) {
    const log = this.exchanges;
    const maxCommands = limits.maxCommands ?? MAX_COMMANDS;
    const commandTimeout = limits.commandTimeoutMs ?? COMMAND_TIMEOUT_MS;
    const deadline = Date.now() + (limits.deadlineMs ?? READ_DEADLINE_MS);
    const signal = limits.signal;

    const bounded: Transceiver = {
      transmit: async (command) => {
        if (++this.sent > maxCommands) {
          throw new PaycardError('TOO_MANY_COMMANDS', `read stopped after ${maxCommands} commands`);
        }
        if (signal?.aborted) throw new TransportError('ABORTED', 'the read was cancelled');
        const left = deadline - Date.now();
        if (left <= 0)
          throw new TransportError('CARD_TIMEOUT', 'the read took longer than its deadline');

        const response = await answerWithin(
          transceiver,
          command,
          Math.min(commandTimeout, left),
          signal,
        );
        if (!(response instanceof Uint8Array)) {
          throw new TransportError(
            'READER_ERROR',
            'the transceiver returned something other than bytes',
          );
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
 * The transceiver's answer, or a typed error: `CARD_TIMEOUT` after `ms`, `ABORTED` when
 * `signal` fires, `CARD_REMOVED` when the transceiver throws something that is not paycard's.
 * A late answer after a timeout is dropped; nothing is left pending on paycard's side.
 */
function answerWithin(
  transceiver: Transceiver,
  command: Uint8Array,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const onAbort = () =>
      finish(() => reject(new TransportError('ABORTED', 'the read was cancelled')));
    const onTimeout = () => {
      const message = `no answer to ${instructionName(command)} within ${ms} ms`;
      finish(() => reject(new TransportError('CARD_TIMEOUT', message)));
    };
    const timer = setTimeout(onTimeout, ms);
    let done = false;
    function finish(settle: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    signal?.addEventListener('abort', onAbort);

    let pending: Promise<Uint8Array>;
    try {
      pending = Promise.resolve(transceiver.transmit(command));
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending.then(
      (response) => finish(() => resolve(response)),
      (e: unknown) =>
        finish(() =>
          reject(
            e instanceof PaycardError
              ? e
              : new TransportError(
                  'CARD_REMOVED',
                  `the card stopped answering during ${instructionName(command)} (removed from the reader?)`,
                  { cause: e },
                ),
          ),
        ),
    );
  });
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
