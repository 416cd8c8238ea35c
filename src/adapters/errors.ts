/**
 * Bridge failures as paycard's typed errors. A phone's NFC bridge rejects its promise when the
 * link fails (tag left the field, timeout, session ended) or when the app is set up wrong (no
 * entitlement, an AID missing from the iOS list, a technology other than IsoDep). A card that
 * refuses a command is not among them: it answers with a status word, which the bridge resolves.
 *
 * Messages differ between bridges and versions; these patterns cover react-native-nfc-manager
 * (Android and iOS), Android's IsoDep exceptions, CoreNFC's NFCReaderError texts and the usual
 * Capacitor plugins. The bridge's own text is kept in the message and the error in `cause`.
 */

import { toHex } from '../bytes/hex.js';
import { PaycardError, TransportError, type ErrorCode } from '../errors.js';

/** The Info.plist key listing the AIDs an iOS app may select. */
export const IOS_SELECT_IDENTIFIERS_KEY =
  'com.apple.developer.nfc.readersession.iso7816.select-identifiers';

interface Rule {
  code: ErrorCode;
  pattern: RegExp;
  explain: (said: string, command: Uint8Array | undefined) => string;
}

function selectedAid(command: Uint8Array | undefined): string | undefined {
  if (!command || command.length < 5 || command[1] !== 0xa4 || command[2] !== 0x04)
    return undefined;
  return toHex(command.subarray(5, 5 + command[4]));
}

/** A case-insensitive pattern matching any of `alternatives` (regular expression sources). */
function anyOf(...alternatives: string[]): RegExp {
  return new RegExp(alternatives.join('|'), 'i');
}

/**
 * Checked in order: set-up faults first, since their texts may also say "failed". `NFCError:n`
 * is react-native-nfc-manager's raw iOS text, n being CoreNFC's NFCReaderError code.
 */
const RULES: readonly Rule[] = [
  {
    code: 'READER_ERROR',
    pattern: anyOf(
      'entitlement',
      'select-identifiers',
      'select identifiers',
      'security ?violation',
      'NFCError:2\\b',
    ),
    explain: (said, command) => {
      const aid = selectedAid(command);
      const what = aid ? `iOS refused to select ${aid}` : 'iOS refused the command';
      return (
        `${what}: add every AID paycard selects (PPSE included, see iosSelectIdentifiers()) to ` +
        `${IOS_SELECT_IDENTIFIERS_KEY} in Info.plist and enable the NFC tag reading capability ` +
        `(bridge said: ${said})`
      );
    },
  },
  {
    code: 'READER_ERROR',
    pattern: anyOf(
      'no tech request',
      'not.{0,20}isodep',
      'isodep.{0,20}not',
      '(wrong|unsupported) tech',
      'technology.{0,20}not',
    ),
    explain: (said) =>
      'the tag is not connected as IsoDep: request the IsoDep technology (NfcTech.IsoDep) before ' +
      `sending APDUs (bridge said: ${said})`,
  },
  {
    code: 'READER_ERROR',
    pattern: /radio ?disabled|NFCError:6\b|nfc (is )?(disabled|off|not enabled)/i,
    explain: (said) => `NFC is switched off on this phone (bridge said: ${said})`,
  },
  {
    code: 'ABORTED',
    pattern: /user ?cancel|cancell?ed by (the )?user|^"?cancell?ed"?$|NFCError:200\b/i,
    explain: (said) => `the NFC session was cancelled (bridge said: ${said})`,
  },
  {
    code: 'CARD_TIMEOUT',
    pattern: /time ?out|timed out|NFCError:201\b/i,
    explain: (said) =>
      'the card did not answer in time: hold it still, and on Android raise the IsoDep timeout ' +
      `(bridge said: ${said})`,
  },
  {
    code: 'CARD_REMOVED',
    pattern: anyOf(
      'tag ?(was )?lost',
      'connection ?lost',
      'session ?invalidated',
      'tag ?not ?connected',
      'tag.{0,20}(removed|out of (date|range)|disconnected)',
      'out of field',
      'no tag',
      'transceive fail',
      'IOException',
      'NFCError:10[034]\\b',
    ),
    explain: (said) => `the card left the field (bridge said: ${said})`,
  },
];

function textOf(error: unknown): string {
  try {
    return describeThrown(error);
  } catch {
    return 'an object that cannot be shown as text';
  }
}

function describeThrown(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error === null || typeof error !== 'object') return safeString(error);

  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    constructor?: { name?: string };
  };
  const parts = [e.message, e.code, e.name, e.constructor?.name]
    .filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
    .map(String)
    .filter((p) => p !== 'Error' && p !== 'Object' && p !== '');
  return parts.length > 0 ? [...new Set(parts)].join(' / ') : safeString(error);
}

/** `String(value)`, or a fixed text when the value cannot be turned into one (hostile objects). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'an object that cannot be shown as text';
  }
}

/**
 * The paycard error for a bridge's rejection: `CARD_REMOVED` (tag lost, session ended),
 * `CARD_TIMEOUT`, `ABORTED` (the user cancelled the iOS sheet), or `READER_ERROR` for set-up
 * faults (iOS entitlement or AID list, not IsoDep) and anything unrecognised. `command` is the
 * APDU that was being sent; it names the AID in the iOS message. A `PaycardError` is returned
 * unchanged.
 *
 *     bridgeError(new Error('Tag was lost.')).code // 'CARD_REMOVED'
 */
export function bridgeError(error: unknown, command?: Uint8Array): PaycardError {
  if (error instanceof PaycardError) return error;

  const text = textOf(error);
  const said = JSON.stringify(text);
  for (const rule of RULES) {
    if (rule.pattern.test(text)) {
      return new TransportError(rule.code, rule.explain(said, command), { cause: error });
    }
  }
  return new TransportError('READER_ERROR', `the NFC bridge failed (bridge said: ${said})`, {
    cause: error,
  });
}
