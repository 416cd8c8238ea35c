/**
 * The optional data of a full read (`read --full`): counters by GET DATA (EMV Book 3 §6.5.7),
 * the transaction log (Book 3 Annex D: SFI and count from 9F4D, entry layout from 9F4F) and the
 * Card Production Life Cycle data (9F7F, GlobalPlatform Card Specification §H.6). Any element
 * that fails is reported on that element alone.
 */

import { getData, readRecord } from '../apdu/commands.js';
import { formatSw } from '../apdu/status.js';
import { toHex, toUint } from '../bytes/hex.js';
import { fullYear } from '../card/year.js';
import { parseDol, type DolEntry } from '../dol/dol.js';
import { decodeTlvLenient, findTlv } from '../tlv/tlv.js';
import type { DataObject } from './result.js';
import type { Session } from './session.js';

export interface ElementResult<T> {
  value?: T;
  /** Why the element is missing: the status word's meaning, or the parse failure. */
  error?: string;
}

export interface LogEntry {
  amount?: string;
  amountOther?: string;
  currency?: string;
  country?: string;
  date?: string;
  time?: string;
  type?: string;
  counter?: number;
  cryptogramInformation?: string;
  merchantName?: string;
  /** Every field as hex, by tag, including those above. */
  fields: Record<string, string>;
}

export interface CplcDate {
  raw: string;
  /** ISO date when the YDDD value is valid, resolved to the latest year not after the read. */
  date?: string;
}

export interface Cplc {
  icFabricator: string;
  icType: string;
  osId: string;
  osReleaseDate: CplcDate;
  osReleaseLevel: string;
  icFabricationDate: CplcDate;
  icSerialNumber: string;
  icBatchId: string;
  icModuleFabricator: string;
  icModulePackagingDate: CplcDate;
  iccManufacturer: string;
  icEmbeddingDate: CplcDate;
  icPrePersonalizer: string;
  icPrePersoDate: CplcDate;
  icPrePersoEquipmentId: string;
  icPersonalizer: string;
  icPersonalizationDate: CplcDate;
  icPersoEquipmentId: string;
}

export interface FullReadData {
  atc?: ElementResult<number>;
  lastOnlineAtc?: ElementResult<number>;
  pinTryCounter?: ElementResult<number>;
  logFormat?: ElementResult<string>;
  transactionLog?: ElementResult<LogEntry[]>;
  cplc?: ElementResult<Cplc>;
}

/** Most log records read; 9F4D's count byte can claim up to 255. */
export const MAX_LOG_RECORDS = 64;

async function getDataValue(session: Session, tag: number): Promise<ElementResult<Uint8Array>> {
  const answer = await session.send(getData(tag));
  if (answer.sw !== 0x9000)
    return {
      error: `card answered ${answer.sw < 0 ? 'without a status word' : formatSw(answer.sw)}`,
    };

  // The answer is the data object itself (tag, length, value); some cards send the bare value.
  const { elements } = decodeTlvLenient(answer.data);
  const found = findTlv(elements, tag);
  if (found) return { value: found.value };
  return { error: `answer is not a ${tag.toString(16).toUpperCase()} data object` };
}

async function counter(
  session: Session,
  tag: number,
  bytes: number,
): Promise<ElementResult<number>> {
  const r = await getDataValue(session, tag);
  if (!r.value) return { error: r.error };
  if (r.value.length !== bytes) return { error: `expected ${bytes} bytes, got ${r.value.length}` };
  return { value: toUint(r.value) };
}

/** CPLC dates are YDDD: last digit of the year, day of the year (GlobalPlatform §H.6). */
export function cplcDate(bytes: Uint8Array, now: Date): CplcDate {
  const raw = toHex(bytes);
  if (!/^\d{4}$/.test(raw)) return { raw };
  const digit = Number(raw[0]);
  const day = Number(raw.slice(1));
  if (day < 1 || day > 366) return { raw };

  let year = now.getUTCFullYear() - ((((now.getUTCFullYear() - digit) % 10) + 10) % 10);
  const date = new Date(Date.UTC(year, 0, day));
  if (date.getUTCFullYear() !== year) return { raw };
  if (date > now) {
    year -= 10;
    date.setUTCFullYear(year);
  }
  return { raw, date: date.toISOString().slice(0, 10) };
}

/** Decodes the 42 bytes of CPLC (9F7F). */
export function decodeCplc(v: Uint8Array, now: Date): Cplc {
  if (v.length < 42) throw new RangeError(`CPLC expected 42 bytes, got ${v.length}`);
  const h = (a: number, n: number) => toHex(v.subarray(a, a + n));
  const d = (a: number) => cplcDate(v.subarray(a, a + 2), now);
  return {
    icFabricator: h(0, 2),
    icType: h(2, 2),
    osId: h(4, 2),
    osReleaseDate: d(6),
    osReleaseLevel: h(8, 2),
    icFabricationDate: d(10),
    icSerialNumber: h(12, 4),
    icBatchId: h(16, 2),
    icModuleFabricator: h(18, 2),
    icModulePackagingDate: d(20),
    iccManufacturer: h(22, 2),
    icEmbeddingDate: d(24),
    icPrePersonalizer: h(26, 2),
    icPrePersoDate: d(28),
    icPrePersoEquipmentId: h(30, 4),
    icPersonalizer: h(34, 2),
    icPersonalizationDate: d(36),
    icPersoEquipmentId: h(38, 4),
  };
}

function bcdDate(hex: string): string | undefined {
  if (!/^\d{6}$/.test(hex)) return undefined;
  return `${fullYear(Number(hex.slice(0, 2)))}-${hex.slice(2, 4)}-${hex.slice(4, 6)}`;
}

function amount(hex: string): string | undefined {
  if (!/^\d+$/.test(hex)) return undefined;
  const cents = hex.replace(/^0+(?=\d{3})/, '');
  return `${cents.slice(0, -2)}.${cents.slice(-2)}`;
}

/** Decodes one log record with the log format (9F4F, a DOL). */
export function decodeLogEntry(record: Uint8Array, format: readonly DolEntry[]): LogEntry {
  const fields: Record<string, string> = {};
  let at = 0;
  for (const e of format) {
    fields[e.tag.toString(16).toUpperCase().padStart(2, '0')] = toHex(
      record.subarray(at, at + e.length),
    );
    at += e.length;
  }

  const entry: LogEntry = { fields };
  if (fields['9F02']) entry.amount = amount(fields['9F02']);
  if (fields['9F03']) entry.amountOther = amount(fields['9F03']);
  if (fields['5F2A']) entry.currency = fields['5F2A'].replace(/^0/, '');
  if (fields['9F1A']) entry.country = fields['9F1A'].replace(/^0/, '');
  if (fields['9A']) entry.date = bcdDate(fields['9A']);
  if (fields['9F21']) entry.time = fields['9F21'];
  if (fields['9C']) entry.type = fields['9C'];
  if (fields['9F36']) entry.counter = parseInt(fields['9F36'], 16);
  if (fields['9F27']) entry.cryptogramInformation = fields['9F27'];
  if (fields['9F4E']) {
    entry.merchantName = hexToText(fields['9F4E']);
  }
  return entry;
}

function hexToText(hex: string): string {
  let s = '';
  for (let i = 0; i < hex.length; i += 2) {
    const c = parseInt(hex.slice(i, i + 2), 16);
    if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
  }
  return s.trim();
}

/** Reads the optional elements of the selected application. */
export async function readFullData(
  session: Session,
  appObjects: readonly DataObject[],
): Promise<FullReadData> {
  const out: FullReadData = {};
  out.atc = await counter(session, 0x9f36, 2);
  out.lastOnlineAtc = await counter(session, 0x9f13, 2);
  out.pinTryCounter = await counter(session, 0x9f17, 1);

  // Log entry (9F4D: SFI, number of records) from the FCI or records; log format by GET DATA.
  const logEntry = appObjects.find((o) => o.tag === '9F4D');
  const format = await getDataValue(session, 0x9f4f);
  let formatEntries: DolEntry[] | undefined;
  if (format.value) {
    try {
      formatEntries = parseDol(format.value);
      out.logFormat = { value: toHex(format.value) };
    } catch (e) {
      out.logFormat = { error: (e as Error).message };
    }
  } else {
    out.logFormat = { error: format.error };
  }

  if (!logEntry || logEntry.value.length !== 2) {
    out.transactionLog = { error: 'the application has no log entry (9F4D)' };
  } else if (!formatEntries) {
    out.transactionLog = { error: 'no usable log format (9F4F)' };
  } else {
    const sfi = logEntry.value[0];
    const count = Math.min(logEntry.value[1], MAX_LOG_RECORDS);
    const entries: LogEntry[] = [];
    if (sfi >= 1 && sfi <= 30) {
      for (let record = 1; record <= count; record++) {
        const answer = await session.send(readRecord(sfi, record));
        if (answer.sw !== 0x9000) break; // 6A83 or 6985: the log ends
        entries.push(decodeLogEntry(answer.data, formatEntries));
      }
      out.transactionLog = { value: entries };
    } else {
      out.transactionLog = { error: `log entry names SFI ${sfi}, outside 1-30` };
    }
  }
  return out;
}

/** CPLC is card-wide: read it before any application is selected. */
export async function readCplc(session: Session, now: Date): Promise<ElementResult<Cplc>> {
  const r = await getDataValue(session, 0x9f7f);
  if (!r.value) return { error: r.error };
  try {
    return { value: decodeCplc(r.value, now) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
