/**
 * GET PROCESSING OPTIONS (EMV Book 3 §6.5.8, §10.1): the PDOL filled from a terminal profile,
 * retried with the next profile while the card answers 6985 or 6700, and both answer formats:
 * format 1 (80: AIP then AFL) and format 2 (77: TLV with 82, 94 and often card data).
 */

import { getProcessingOptions } from '../apdu/commands.js';
import { fillDol, parseDol, type DolEntry } from '../dol/dol.js';
import {
  PROFILES,
  profileSource,
  type TerminalProfile,
  type TransactionContext,
} from '../dol/terminal.js';
import { CardError } from '../errors.js';
import { decodeTlvLenient, findTlv, type Tlv } from '../tlv/tlv.js';
import { gpoAdvice } from './advice.js';
import type { Warning } from './result.js';
import type { Session } from './session.js';
import { toHex } from '../bytes/hex.js';

/** Most PDOL data a GPO command carries: 255 bytes of command data less `83 81 L`. */
export const MAX_PDOL_DATA = 252;

/** Status words after which another terminal profile may succeed (field notes). */
const RETRY_ON = new Set([0x6985, 0x6700]);

export interface GpoResult {
  aip?: Uint8Array;
  afl?: Uint8Array;
  /** The answer's elements (format 2, or the format 1 80 element). */
  elements: Tlv[];
  profile: string;
  pdolData: Uint8Array;
}

export interface GpoOptions {
  profiles?: readonly TerminalProfile[];
  context?: TransactionContext;
}

/**
 * Sends GPO with each profile in turn until the card accepts one. Throws `CardError` with the
 * advice for the last status word when none is accepted, or `CARD_ANSWER_INVALID` when the
 * answer cannot be used.
 */
export async function getProcessingOptionsWithProfiles(
  session: Session,
  pdol: Uint8Array | undefined,
  warnings: Warning[],
  options: GpoOptions = {},
): Promise<GpoResult> {
  let entries: DolEntry[] = [];
  if (pdol) {
    try {
      entries = parseDol(pdol);
    } catch (e) {
      warnings.push({
        code: 'PDOL_INVALID',
        message: `PDOL (9F38) is malformed, sending it empty: ${(e as Error).message}`,
      });
    }
  }

  // 83 81 L data must fit the 255 bytes of a short command (ISO/IEC 7816-4 §5.1).
  const asked = entries.reduce((n, e) => n + e.length, 0);
  if (asked > MAX_PDOL_DATA) {
    warnings.push({
      code: 'PDOL_TOO_LONG',
      message: `PDOL (9F38) asks for ${asked} bytes, more than one command carries (${MAX_PDOL_DATA}); sending it empty`,
    });
    entries = [];
  }

  // Without a PDOL every profile sends the same 83 00: one try is enough.
  const profiles =
    entries.length === 0 ? [PROFILES[PROFILES.length - 1]] : (options.profiles ?? PROFILES);
  const tried = new Set<string>();
  let lastSw = -1;
  let lastCommand = '';

  for (const profile of profiles) {
    const data = profile.emptyPdol
      ? new Uint8Array(0)
      : fillDol(entries, profileSource(profile, options.context));
    const command = getProcessingOptions(data);
    const key = toHex(command.subarray(5));
    if (tried.has(key)) continue;
    tried.add(key);

    const answer = await session.send(command);
    lastSw = answer.sw;
    lastCommand = toHex(command);
    if (answer.sw === 0x9000) return parseGpoAnswer(answer.data, profile.name, data, warnings);
    if (answer.sw < 0) throw invalidAnswer(answer.response, command);
    if (!RETRY_ON.has(answer.sw)) break;
  }

  const advice = gpoAdvice(lastSw);
  const tries = tried.size > 1 ? ` (tried ${tried.size} terminal profiles)` : '';
  throw new CardError(advice.code, advice.message + tries, {
    sw: lastSw.toString(16).toUpperCase().padStart(4, '0'),
    command: lastCommand,
  });
}

function invalidAnswer(response: Uint8Array, command: Uint8Array): CardError {
  const { warnings } = decodeTlvLenient(response);
  const why = warnings.length ? `: ${warnings[0].message}` : '';
  return new CardError(
    'CARD_ANSWER_INVALID',
    `the answer to GET PROCESSING OPTIONS is cut short or damaged (no status word${why})`,
    { command: toHex(command) },
  );
}

/** Splits a GPO answer (Book 3 §6.5.8.4) into AIP and AFL. */
export function parseGpoAnswer(
  data: Uint8Array,
  profile: string,
  pdolData: Uint8Array,
  warnings: Warning[],
): GpoResult {
  const decoded = decodeTlvLenient(data);
  for (const w of decoded.warnings)
    warnings.push({ code: w.code, message: `GPO answer: ${w.message}` });
  const elements = decoded.elements;
  const first = elements[0];

  if (first?.tag === 0x80) {
    if (first.value.length < 2 || (first.value.length - 2) % 4 !== 0) {
      warnings.push({
        code: 'GPO_FORMAT1_LENGTH',
        message: `GPO format 1 answer has ${first.value.length} bytes, not 2 + 4n`,
      });
    }
    return {
      aip: first.value.subarray(0, 2),
      afl: first.value.subarray(2),
      elements,
      profile,
      pdolData,
    };
  }

  // Format 2 names AIP and AFL by tag. Some cards (and recordings) answer with a record
  // template or bare data objects: keep what they say, and follow an AIP or AFL if there is one.
  if (first?.tag !== 0x77) {
    const found = first ? ` but tag ${first.tag.toString(16).toUpperCase()}` : '';
    warnings.push({
      code: 'GPO_FORMAT_UNKNOWN',
      message: `GPO answer is neither format 1 (80) nor format 2 (77)${found}`,
    });
  }
  return {
    aip: findTlv(elements, 0x82)?.value,
    afl: findTlv(elements, 0x94)?.value,
    elements,
    profile,
    pdolData,
  };
}
