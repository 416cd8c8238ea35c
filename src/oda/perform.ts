/**
 * Dynamic data authentication on a live card (EMV Book 2 §6.5, Book 3 §6.5.9): sends INTERNAL
 * AUTHENTICATE with the DDOL (9F49, or the default 9F3704) filled with a fresh Unpredictable
 * Number, then verifies the whole session. It never sends GENERATE AC.
 */

import { internalAuthenticate } from '../apdu/commands.js';
import { fillDol, parseDol, type DolSource } from '../dol/dol.js';
import type { Transceiver } from '../transport/transceiver.js';
import { readOdaSession, splitApplicationSessions, type ApduExchange } from './exchanges.js';
import type { OdaReport } from './report.js';
import { DEFAULT_DDOL, verifyExchanges, type OdaOptions } from './verify.js';

/** Options of `performDda`. */
export interface PerformDdaOptions extends OdaOptions {
  /** The 4-byte Unpredictable Number (9F37). Default: from `crypto.getRandomValues`. */
  unpredictableNumber?: Uint8Array;
  /** Values for DDOL tags other than 9F37 (unknown tags are sent as zeros, Book 3 §5.4). */
  terminal?: DolSource;
}

/** Four fresh random bytes from the Web Crypto API (available in Node 20+ and browsers). */
function randomUn(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(4));
}

/**
 * Verifies the session recorded in `exchanges`, first running INTERNAL AUTHENTICATE when the
 * card supports DDA (AIP bit b6), gave an ICC certificate (9F46) and was not asked yet. The new
 * exchange is appended to `exchanges` (pass a transceiver that does not also record into it).
 * Card errors while sending propagate; a refusal (status word) is reported as a failed DDA.
 *
 *     const report = await performDda(card, result.exchanges, { date: new Date() });
 */
export async function performDda(
  transceiver: Transceiver,
  exchanges: ApduExchange[],
  options: PerformDdaOptions = {},
): Promise<OdaReport> {
  const sessions = splitApplicationSessions(exchanges).map(readOdaSession);
  const session = sessions.filter((s) => s.aip !== null).pop();

  const wanted =
    session !== undefined &&
    session.aip !== null &&
    (session.aip[0] & 0x20) !== 0 &&
    session.objects.has(0x9f46) &&
    session.internalAuthenticate.length === 0;
  if (wanted) {
    const un = options.unpredictableNumber ?? randomUn();
    if (un.length !== 4)
      throw new RangeError(`unpredictable number expected 4 bytes, got ${un.length}`);

    const ddol = parseDol(session.objects.get(0x9f49) ?? DEFAULT_DDOL);
    const data = fillDol(ddol, (tag) =>
      tag === 0x9f37 ? { value: un, format: 'b' } : options.terminal?.(tag),
    );
    const command = internalAuthenticate(data);
    const response = await transceiver.transmit(command);
    exchanges.push({ command, response });
  }

  return verifyExchanges(exchanges, options);
}
