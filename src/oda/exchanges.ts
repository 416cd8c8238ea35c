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
  /**
   * Set when `command` is not the command the card answered, only its kind (a blank `send:`
   * inferred from its answer, or a replayed answer recorded for another command): says why its
   * data is unknown. A GET PROCESSING OPTIONS marked so has unknown PDOL data.
   */
  commandUnknown?: string;
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
  /**
   * Why the PDOL data the card answered is unknown (GPO command not captured, or replayed), or
   * null. Null also when the card has no PDOL: its GPO data is then empty whatever was sent.
   */
  pdolUnknown: string | null;
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
    pdolUnknown: null,
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
        readGpo(session, e, data, keep);
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
  e: ApduExchange,
  data: Uint8Array,
  keep: (t: Tlv[]) => void,
): void {
  const sent = decodeTlvLenient(commandData(e.command)).elements;
  session.pdolData = findTlv(sent, 0x83)?.value ?? new Uint8Array(0);

  // Without a PDOL (9F38) the GPO data is empty (83 00) whatever the command: known (Book 3 §5.4).
  const pdol = session.objects.get(0x9f38);
  if (e.commandUnknown && pdol !== undefined && pdol.length > 0) {
    session.pdolData = null;
    session.pdolUnknown = e.commandUnknown;
  }

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

/** A transcript entry: the command (null when not captured) and the answer with SW1 SW2. */
export interface RecordedEntry {
  send: Uint8Array | null;
  resp: Uint8Array;
}

/** Why an inferred GPO has no known data. */
export const GPO_NOT_CAPTURED =
  'the GET PROCESSING OPTIONS command was not captured: its PDOL data is unknown';

/** True for a successful GPO answer: format 1 (80, AIP + AFL: 2 + 4n bytes) or 77 with 82/94. */
export function isGpoAnswer(response: Uint8Array): boolean {
  if (response.length < 2 || !isSuccess(statusWord(response))) return false;
  const top = decodeTlvLenient(responseData(response)).elements[0];
  if (top?.tag === 0x80) return top.value.length >= 2 && (top.value.length - 2) % 4 === 0;
  if (top?.tag !== 0x77 || !top.children) return false;
  return top.children.some((t) => t.tag === 0x82 || t.tag === 0x94);
}

/** The AFL (94) of a GPO answer (format 1 or 2), or null. */
function aflOf(response: Uint8Array): Uint8Array | null {
  const top = decodeTlvLenient(responseData(response)).elements[0];
  if (top?.tag === 0x80) return top.value.subarray(2);
  return top?.children ? (findTlv(top.children, 0x94)?.value ?? null) : null;
}

/** The records an AFL names, as [SFI, record] in order (Book 3 §10.2). */
function aflRecords(afl: Uint8Array): [number, number][] {
  const list: [number, number][] = [];
  for (let i = 0; i + 4 <= afl.length; i += 4) {
    for (let r = afl[i + 1]; r <= afl[i + 2] && r > 0; r++) list.push([afl[i] >> 3, r]);
  }
  return list;
}

function isRecordTemplate(response: Uint8Array): boolean {
  return (
    response.length > 2 && isSuccess(statusWord(response)) && responseData(response)[0] === 0x70
  );
}

/**
 * Turns transcript entries into exchanges, inferring the commands of blank `send:` entries the
 * way the transcript format says (their answer answers what the reader sent at that point):
 * inside an application session, a blank entry answered by a GPO answer before any GPO is the
 * GPO (`commandUnknown`: its PDOL data is unknown); after the GPO, blank entries answered by a
 * record template (70) take, in order, the AFL records the transcript holds under no real READ
 * RECORD. Every other blank entry is left out.
 *
 *     inferBlankCommands(parseTranscript(text)) // ApduExchange[], blanks resolved
 */
export function inferBlankCommands(entries: readonly RecordedEntry[]): ApduExchange[] {
  const out: ApduExchange[] = [];
  let inSession = false;
  let gpoSeen = false;
  let pending: [number, number][] = [];
  let held = new Set<string>();

  const startSession = (from: number) => {
    inSession = true;
    gpoSeen = false;
    pending = [];
    held = new Set();
    for (let j = from + 1; j < entries.length; j++) {
      const c = entries[j].send;
      if (c && c.length >= 2 && c[1] === 0xa4) break;
      if (c && c.length >= 4 && c[1] === 0xb2 && isSuccess(statusWord(entries[j].resp)))
        held.add(`${c[3] >> 3}:${c[2]}`);
    }
  };
  const gpoFound = (response: Uint8Array) => {
    gpoSeen = true;
    const afl = aflOf(response);
    pending = afl ? aflRecords(afl).filter(([s, r]) => !held.has(`${s}:${r}`)) : [];
  };

  for (const [i, e] of entries.entries()) {
    const c = e.send;
    if (c) {
      const exchange = { command: c, response: e.resp };
      if (c.length >= 2 && c[1] === 0xa4) {
        inSession = isApplicationSelect(exchange);
        if (inSession) startSession(i);
      } else if (inSession && !gpoSeen && c.length >= 2 && c[1] === 0xa8 && isGpoAnswer(e.resp)) {
        gpoFound(e.resp);
      }
      out.push(exchange);
      continue;
    }
    if (!inSession) continue;

    // Step 1: the GPO a sniffer missed (Book 3 §6.5.8).
    if (!gpoSeen && isGpoAnswer(e.resp)) {
      gpoFound(e.resp);
      out.push({
        command: Uint8Array.of(0x80, 0xa8, 0x00, 0x00, 0x02, 0x83, 0x00, 0x00),
        response: e.resp,
        commandUnknown: GPO_NOT_CAPTURED,
      });
      continue;
    }

    // Step 2: records a sniffer missed, in AFL order (Book 3 §6.5.11, §10.2).
    if (gpoSeen && isRecordTemplate(e.resp) && pending.length > 0) {
      const [sfi, rec] = pending.shift()!;
      out.push({
        command: Uint8Array.of(0x00, 0xb2, rec, (sfi << 3) | 0x04, 0x00),
        response: e.resp,
      });
    }
  }
  return out;
}
