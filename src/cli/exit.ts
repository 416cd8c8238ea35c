/**
 * The CLI's exit statuses (documented in docs/cli.md) and the mapping from error codes to them.
 */

import type { ErrorCode } from '../errors.js';

export const EXIT = {
  OK: 0,
  /** A bug in paycard: an error that is not one of its own. */
  INTERNAL: 1,
  /** Bad input: usage, a missing or malformed file, bad hex. */
  BAD_INPUT: 2,
  /** The card was read but holds no card number (no payment application, or none readable). */
  NO_PAN: 3,
  /** The card refused the read (a status word ended it). */
  CARD_REFUSED: 4,
  /** I/O failure: no reader, driver missing, card removed, timeout. */
  IO: 5,
  /** Offline data authentication ran and a check failed (verify, read --verify). */
  VERIFY_FAILED: 6,
} as const;

const BY_CODE: Partial<Record<ErrorCode, number>> = {
  USAGE: EXIT.BAD_INPUT,
  HEX_INVALID: EXIT.BAD_INPUT,
  TLV_TRUNCATED: EXIT.BAD_INPUT,
  TLV_INVALID: EXIT.BAD_INPUT,
  TLV_LIMIT: EXIT.BAD_INPUT,
  DOL_INVALID: EXIT.BAD_INPUT,
  TRANSCRIPT_INVALID: EXIT.BAD_INPUT,
  CAPK_INVALID: EXIT.BAD_INPUT,
  REPLAY_MISMATCH: EXIT.CARD_REFUSED,
  CARD_REFUSED: EXIT.CARD_REFUSED,
  CARD_ANSWER_INVALID: EXIT.CARD_REFUSED,
  WALLET_LOCKED: EXIT.CARD_REFUSED,
  TOO_MANY_COMMANDS: EXIT.CARD_REFUSED,
  NO_APPLICATION: EXIT.NO_PAN,
  NO_PAN: EXIT.NO_PAN,
  CARD_REMOVED: EXIT.IO,
  CARD_TIMEOUT: EXIT.IO,
  READER_NOT_FOUND: EXIT.IO,
  READER_ERROR: EXIT.IO,
  DRIVER_MISSING: EXIT.IO,
  ABORTED: EXIT.IO,
  ODA_FAILED: EXIT.VERIFY_FAILED,
};

export function exitCodeFor(code: ErrorCode | string | undefined): number {
  if (!code) return EXIT.INTERNAL;
  return BY_CODE[code as ErrorCode] ?? EXIT.INTERNAL;
}
