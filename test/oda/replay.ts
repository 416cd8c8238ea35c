/** A tiny strict-enough card for the ODA tests: answers each command with its recorded answer. */

import { equalBytes } from '../../src/bytes/hex.js';
import type { ApduExchange } from '../../src/oda/exchanges.js';
import type { Transceiver } from '../../src/transport/transceiver.js';

/**
 * Answers a command with the recorded answer to the same command, or to the same CLA INS P1 P2
 * for INTERNAL AUTHENTICATE and GENERATE AC (their data changes every time); 6D00 otherwise.
 * Every command sent is pushed to `sent`.
 */
export function createReplay(recorded: readonly ApduExchange[], sent: Uint8Array[]): Transceiver {
  return {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      sent.push(command);
      const loose = command[1] === 0x88 || command[1] === 0xae;
      const hit = recorded.find((e) =>
        loose
          ? equalBytes(e.command.subarray(0, 4), command.subarray(0, 4))
          : equalBytes(e.command, command),
      );
      return hit ? hit.response : Uint8Array.of(0x6d, 0x00);
    },
  };
}
