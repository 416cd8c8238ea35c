/**
 * Finds in an APDU exchange what offline data authentication needs, so the same code serves a
 * live read and a recorded transcript: the application SELECT, GET PROCESSING OPTIONS (PDOL
 * data; AIP 82, AFL 94, maybe 9F4B), the records read, INTERNAL AUTHENTICATE and GENERATE AC
 * (EMV Book 3 §6.5, §10.3; Book 2 §6.5, §6.6).
 */

import { isSuccess, responseData, statusWord } from '../apdu/status.js';
import { equalBytes } from '../bytes/hex.js';
import { decodeTlvLenient, findTlv, flattenTlv, type Tlv } from '../tlv/tlv.js';

/** One command and the card's answer (data then SW1 SW2). */
export interface ApduExchange {
  command: Uint8Array;
  response: Uint8Array;
}

/** A GENERATE AC or INTERNAL AUTHENTICATE command with its answer. */
export interface CommandAnswer {
  p1: number;
  /** The command data (Lc bytes). */
  data: Uint8Array;
  /** The answer's data, status word removed. */
  answer: Uint8Array;
  /** The answer's status word. */
  sw: number;
}

/** What one application session holds for ODA. */
export interface OdaSession {
  /** DF name selected (from the SELECT command), or null. */
  aid: Uint8Array | null;
  /** The value of tag 83 in the GPO command, or null when no GPO command was seen. */
  pdolData: Uint8Array | null;
  /** AIP (82), from the GPO answer. */
  aip: Uint8Array | null;
  /** AFL (94), from the GPO answer. */
  afl: Uint8Array | null;
  /** The GPO answer's decoded TLVs (format 2), or null. */
  gpoTemplate: Tlv[] | null;
  /** Record data by `sfi:record`, status word removed. */
  records: Map<string, Uint8Array>;
  /** First value of each primitive tag, from the FCI, GPO answer and records, in that order. */
  objects: Map<number, Uint8Array>;
  internalAuthenticate: CommandAnswer[];
  generateAc: CommandAnswer[];
}

const PSE = Uint8Array.from('1PAY.SYS.DDF01', (c) => c.charCodeAt(0));
const PPSE = Uint8Array.from('2PAY.SYS.DDF01', (c) => c.charCodeAt(0));

/** The command's data field (Lc bytes) of a short APDU, or an empty array. */
export function commandData(command: Uint8Array): Uint8Array {
  if (command.length <= 5) return new Uint8Array(0);
  const lc = command[4];
  return command.subarray(5, Math.min(command.length, 5 + lc));
}

function isApplicationSelect(e: ApduExchange): boolean {
  const c = e.command;
  if (c.length < 5 || c[1] !== 0xa4 || c[2] !== 0x04) return false;
  const sw = statusWord(e.response);
  if (!isSuccess(sw) && sw >> 8 !== 0x62) return false;
  const name = commandData(c);
  return !equalBytes(name, PSE) && !equalBytes(name, PPSE);
}

/**
 * Splits exchanges into application sessions: each starts at a successful SELECT by name of
 * something other than PSE or PPSE. Exchanges before the first one are left out.
 */
export function splitApplicationSessions(exchanges: readonly ApduExchange[]): ApduExchange[][] {
  const sessions: ApduExchange[][] = [];
  let current: ApduExchange[] | null = null;
  for (const e of exchanges) {
    const c = e.command;
    if (c.length >= 2 && c[1] === 0xa4) {
      current = isApplicationSelect(e) ? [e] : null;
      if (current) sessions.push(current);
      continue;
    }
    current?.push(e);
  }
  return sessions;
}

/** Collects the ODA facts of one application session. */
export function readOdaSession(exchanges: readonly ApduExchange[]): OdaSession {
  const session: OdaSession = {
    aid: null,
    pdolData: null,
    aip: null,
    afl: null,
    gpoTemplate: null,
    records: new Map(),
    objects: new Map(),
    internalAuthenticate: [],
    generateAc: [],
  };
  const keep = (tlvs: Tlv[]) => {
    for (const t of flattenTlv(tlvs))
      if (!session.objects.has(t.tag)) session.objects.set(t.tag, t.value);
  };

  for (const e of exchanges) {
    const c = e.command;
    const sw = statusWord(e.response);
    const data = responseData(e.response);
    if (c.length >= 4 && c[1] === 0x88) {
      session.internalAuthenticate.push({ p1: c[2], data: commandData(c), answer: data, sw });
    }
    if (c.length < 4 || !isSuccess(sw)) continue;

    switch (c[1]) {
      case 0xa4:
        session.aid = commandData(c).slice();
        keep(decodeTlvLenient(data).elements);
        break;
      case 0xa8:
        readGpo(session, c, data, keep);
        break;
      case 0xb2:
        session.records.set(`${c[3] >> 3}:${c[2]}`, data);
        keep(decodeTlvLenient(data).elements);
        break;
      case 0xae:
        session.generateAc.push({ p1: c[2], data: commandData(c), answer: data, sw });
        break;
    }
  }
  return session;
}

function readGpo(
  session: OdaSession,
  command: Uint8Array,
  data: Uint8Array,
  keep: (t: Tlv[]) => void,
): void {
  const sent = decodeTlvLenient(commandData(command)).elements;
  session.pdolData = findTlv(sent, 0x83)?.value ?? new Uint8Array(0);

  const top = decodeTlvLenient(data).elements[0];
  if (top?.tag === 0x80 && top.value.length >= 2) {
    session.aip = top.value.subarray(0, 2);
    session.afl = top.value.subarray(2);
  } else if (top?.tag === 0x77 && top.children) {
    session.gpoTemplate = top.children;
    session.aip = findTlv(top.children, 0x82)?.value ?? null;
    session.afl = findTlv(top.children, 0x94)?.value ?? null;
    keep(top.children);
  }
}
