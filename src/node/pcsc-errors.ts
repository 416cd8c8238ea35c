/**
 * PC/SC failures as paycard errors. The native layer reports a PC/SC return code in its message
 * (`SCardTransmit error: Card was removed.(0x80100069)`); the codes are those of PC/SC Part 5
 * (winscard.h, identical in pcsc-lite and Windows).
 */

import { TransportError } from '../errors.js';

/** PC/SC return codes paycard tells apart (PC/SC Part 5 §3.1, pcsc-lite pcsclite.h). */
export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/** The PC/SC return code in an error from the native layer (or its `previous`), if any. */
export function scardCode(error: unknown): number | undefined {
  for (let e = error as { message?: unknown; previous?: unknown } | undefined; e;) {
    const m = typeof e.message === 'string' ? /\(0x([0-9a-f]{8})\)/i.exec(e.message) : null;
    if (m) return parseInt(m[1], 16);
    e = e.previous as typeof e;
  }
  return undefined;
}

/**
 * A failed transmit as a `TransportError`. On a contactless reader nearly every failure in the
 * middle of a read is the card leaving the field, so the ambiguous codes map to `CARD_REMOVED`.
 */
export function transmitError(error: unknown, readerName: string): TransportError {
  const code = scardCode(error);
  const why = code === undefined ? messageOf(error) : `PC/SC 0x${code.toString(16).toUpperCase()}`;

  switch (code) {
    case SCARD.E_READER_UNAVAILABLE:
    case SCARD.E_UNKNOWN_READER:
      return new TransportError('READER_ERROR', `reader "${readerName}" was unplugged (${why})`, {
        cause: error,
      });
    case SCARD.E_NO_SERVICE:
    case SCARD.E_SERVICE_STOPPED:
      return new TransportError('READER_ERROR', `pcscd stopped during the read (${why})`, {
        cause: error,
      });
    case SCARD.E_TIMEOUT:
      return new TransportError('CARD_TIMEOUT', `the card did not answer in time (${why})`, {
        cause: error,
      });
    default:
      return new TransportError(
        'CARD_REMOVED',
        `the card left reader "${readerName}" or stopped answering during the read (${why}); ` +
          'hold it still against the reader and try again',
        { cause: error },
      );
  }
}

/** True when the native layer said pcscd is not there. */
export function isNoService(error: unknown): boolean {
  const code = scardCode(error);
  return code === SCARD.E_NO_SERVICE || code === SCARD.E_SERVICE_STOPPED;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
