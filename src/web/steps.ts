/**
 * The offline page's model of a transcript read, without the DOM: each command the read engine
 * sent (EMV Book 3 §6.5 commands, named), its status word in words (ISO/IEC 7816-4 §5.1.3), the
 * data found as a TLV tree, and the card's fields, PANs masked unless revealed.
 */

import { instructionName } from '../apdu/commands.js';
import { describeSw, formatSw, responseData, statusWord } from '../apdu/status.js';
import { toAscii, toHex } from '../bytes/hex.js';
import { lookupAid } from '../card/aids.js';
import { maskPan } from '../card/pan.js';
import { maskPansIn } from '../card/pan.js';
import { findPans, maskedHex } from '../card/privacy.js';
import { readCard } from '../read/read.js';
import type { ReadResult } from '../read/result.js';
import { buildTlvTree, type TlvTree } from '../render/tlv-tree.js';
import { createTranscriptCard } from '../transcript/card.js';
import { parseTranscript } from '../transcript/parse.js';

/** One command and its answer, ready to show. */
export interface ReadStep {
  /** 1-based position in the exchange. */
  index: number;
  /** Instruction name and what it addressed: `SELECT A0000000031010 (Visa)`, `READ RECORD 1.2`. */
  title: string;
  /** Command APDU as spaced hex, PANs masked unless revealed. */
  command: string;
  /** Status word, e.g. `9000`, and its meaning, e.g. `success`. */
  sw: string;
  meaning: string;
  /** Whether the status word is 9000 or a 62xx/63xx warning. */
  success: boolean;
  /** The answer's data as a TLV tree (empty when the answer carried none). */
  data: TlvTree;
}

/** A transcript read, ready to show. */
export interface ReadView {
  result: ReadResult;
  /** Card fields in display order, PAN masked unless revealed. */
  fields: [string, string][];
  steps: ReadStep[];
  /** Every PAN seen, for masking the page. */
  pans: string[];
}

const INS_SELECT = 0xa4;
const INS_READ_RECORD = 0xb2;
const INS_GET_DATA = 0xca;

function titleOf(command: Uint8Array): string {
  const name = instructionName(command);

  if (command[1] === INS_SELECT && command.length > 5) {
    const dfName = command.subarray(5, 5 + command[4]);
    const hex = toHex(dfName);
    const entry = lookupAid(hex);
    if (entry) return `${name} ${hex} (${entry.product})`;
    const text = toAscii(dfName);
    return /^[\x20-\x7e]+$/.test(text) ? `${name} ${text}` : `${name} ${hex}`;
  }
  if (command[1] === INS_READ_RECORD) return `${name} SFI ${command[3] >> 3}, record ${command[2]}`;
  if (command[1] === INS_GET_DATA) return `${name} ${toHex(command.subarray(2, 4))}`;
  return name;
}

/**
 * The steps and fields of a read, masked with `pans` unless `reveal`.
 */
export function viewOf(result: ReadResult, reveal: boolean): ReadView {
  const pans = [...findPans(result.exchanges.map((e) => responseData(e.response)))];
  if (result.pan && !pans.includes(result.pan)) pans.push(result.pan);
  const hide = reveal ? [] : pans;

  const steps = result.exchanges.map((e, i): ReadStep => {
    const sw = statusWord(e.response);
    const data = e.response.length >= 2 ? responseData(e.response) : e.response;
    return {
      index: i + 1,
      title: titleOf(e.command),
      command: maskedHex(e.command, hide, ' '),
      sw: sw < 0 ? '----' : formatSw(sw),
      meaning: describeSw(sw),
      success: sw === 0x9000 || sw >> 8 === 0x62 || sw >> 8 === 0x63,
      data: buildTlvTree(data, { reveal, pans }),
    };
  });

  const fields: [string, string][] = [];
  const add = (label: string, value: string | undefined) => {
    if (value) fields.push([label, value]);
  };
  add('Card number (PAN)', result.pan && (reveal ? result.pan : maskPan(result.pan)));
  add('Expiry', result.expiry && `${result.expiry}${result.expired ? ' (expired)' : ''}`);
  add('Brand', result.brands.length > 1 ? result.brands.join(' + ') : result.brand);
  add('Application', [result.label ?? result.preferredName, result.aid].filter(Boolean).join(' '));
  add(
    'Cardholder name',
    result.cardholderName &&
      (reveal ? result.cardholderName : 'hidden (tick "show card data in full")'),
  );
  add('PAN sequence number', result.panSequenceNumber);
  add('Service code', result.serviceCode);
  add('Terminal profile accepted', result.profile);
  if (result.error)
    add('Read ended with', `${maskPansIn(result.error.message, hide)} [${result.error.code}]`);

  return { result, fields, steps, pans };
}

/**
 * Reads a transcript's text as a card (docs/transcripts.md, "as a card") and returns its view.
 * Throws a `ParseError` for text that is not a transcript.
 *
 *     const view = await readTranscript(await file.text(), false);
 */
export async function readTranscript(text: string, reveal: boolean): Promise<ReadView> {
  const card = createTranscriptCard(parseTranscript(text));
  return viewOf(await readCard(card), reveal);
}
