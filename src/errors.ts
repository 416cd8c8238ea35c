/**
 * paycard's errors: one base class with a stable `code`, and subclasses a caller can switch on.
 *
 * Codes are part of the public API (the CLI prints them and maps them to exit statuses, see
 * docs/json-schema.md); messages may be reworded.
 */

export type ErrorCode =
  | 'USAGE'
  | 'HEX_INVALID'
  | 'TLV_TRUNCATED'
  | 'TLV_INVALID'
  | 'TLV_LIMIT'
  | 'DOL_INVALID'
  | 'TRANSCRIPT_INVALID'
  | 'REPLAY_MISMATCH'
  | 'CARD_REFUSED'
  | 'CARD_ANSWER_INVALID'
  | 'CARD_REMOVED'
  | 'CARD_TIMEOUT'
  | 'NO_APPLICATION'
  | 'NO_PAN'
  | 'WALLET_LOCKED'
  | 'TOO_MANY_COMMANDS'
  | 'READER_NOT_FOUND'
  | 'READER_ERROR'
  | 'DRIVER_MISSING'
  | 'ODA_FAILED'
  | 'CAPK_INVALID'
  | 'ABORTED'
  | 'INTERNAL';

export class PaycardError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaycardError';
    this.code = code;
  }
}

/** Malformed input bytes or text (hex, TLV, DOL, transcript). `offset` is where it went wrong. */
export class ParseError extends PaycardError {
  readonly offset: number;

  constructor(code: ErrorCode, message: string, offset: number, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ParseError';
    this.offset = offset;
  }
}

/** The card answered a command with a status word that ends the step. */
export class CardError extends PaycardError {
  /** Status word as 4 upper-case hex digits, e.g. `6A82`; empty when the answer had none. */
  readonly sw: string;
  /** The command that was refused, as hex. */
  readonly command: string;

  constructor(
    code: ErrorCode,
    message: string,
    details: { sw?: string; command?: string },
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'CardError';
    this.sw = details.sw ?? '';
    this.command = details.command ?? '';
  }
}

/** The link to the card failed: card pulled from the field, reader gone, timeout. */
export class TransportError extends PaycardError {
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'TransportError';
  }
}

export function isPaycardError(e: unknown): e is PaycardError {
  return e instanceof PaycardError;
}
