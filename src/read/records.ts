/**
 * The Application File Locator (94) and READ RECORD over it (EMV Book 3 §10.2, §6.5.11).
 * Each AFL entry is 4 bytes: SFI << 3, first record, last record, number of records taking
 * part in offline data authentication.
 */

import { readRecord } from '../apdu/commands.js';
import { formatSw } from '../apdu/status.js';
import type { Warning } from './result.js';
import type { Session } from './session.js';

export interface AflEntry {
  sfi: number;
  first: number;
  last: number;
  offline: number;
}

export interface RecordRead {
  sfi: number;
  record: number;
  /** The record's bytes (usually a 70 template). */
  data: Uint8Array;
  /** Part of the static data for offline data authentication. */
  offline: boolean;
}

/** Parses an AFL. Entries that break Book 3 §10.2 are skipped with a warning. */
export function parseAfl(afl: Uint8Array, warnings: Warning[]): AflEntry[] {
  const entries: AflEntry[] = [];
  if (afl.length % 4 !== 0) {
    warnings.push({
      code: 'AFL_LENGTH',
      message: `AFL has ${afl.length} bytes, not a multiple of 4; the tail is ignored`,
    });
  }

  for (let i = 0; i + 4 <= afl.length; i += 4) {
    const sfi = afl[i] >> 3;
    const first = afl[i + 1];
    const last = afl[i + 2];
    const offline = afl[i + 3];
    if (sfi < 1 || sfi > 30 || first === 0 || last < first || offline > last - first + 1) {
      warnings.push({
        code: 'AFL_ENTRY_INVALID',
        message: `AFL entry ${i / 4 + 1} (SFI ${sfi}, records ${first}-${last}, ${offline} offline) is invalid; skipped`,
      });
      continue;
    }
    entries.push({ sfi, first, last, offline });
  }
  return entries;
}

/**
 * Reads every record the AFL lists, handing each to `onRecord` as it arrives (so a read that
 * fails later keeps the records before it). 6A83 ends that entry's range only; any other refusal
 * is a warning on that record and the read goes on.
 */
export async function readAflRecords(
  session: Session,
  afl: readonly AflEntry[],
  warnings: Warning[],
  onRecord: (record: RecordRead) => void,
): Promise<void> {
  for (const entry of afl) {
    for (let record = entry.first; record <= entry.last; record++) {
      const answer = await session.send(readRecord(entry.sfi, record));
      if (answer.sw === 0x6a83) {
        warnings.push({
          code: 'RECORD_MISSING',
          message: `AFL lists SFI ${entry.sfi} record ${record}, but the card has no such record (6A83)`,
        });
        break;
      }
      if (answer.sw !== 0x9000) {
        warnings.push({
          code: 'RECORD_REFUSED',
          message: `READ RECORD SFI ${entry.sfi} record ${record} answered ${answer.sw < 0 ? 'without a status word' : formatSw(answer.sw)}`,
        });
        continue;
      }
      onRecord({
        sfi: entry.sfi,
        record,
        data: answer.data,
        offline: record - entry.first < entry.offline,
      });
    }
  }
}
