/**
 * Finding the payment applications: the PPSE (contactless directory), the PSE (contact
 * directory, EMV Book 1 §12.3.2) and, when a card has neither, the list-of-AIDs probe
 * (§12.3.3). Both directories are tried whatever the interface; any answer other than success
 * or a warning with data (6A82, 6D00, 6E00, 6700, 6A81, ...) means "no directory".
 */

import { PPSE, PSE, readRecord, selectByName } from '../apdu/commands.js';
import { isWarning } from '../apdu/status.js';
import { toAscii, toHex } from '../bytes/hex.js';
import { ANDROID_HCE_PLACEHOLDER, lookupAid } from '../card/aids.js';
import { decodeTlvLenient, findAllTlv, findTlv, type Tlv } from '../tlv/tlv.js';
import { collectObjects } from './objects.js';
import type { ApplicationInfo, DataObject, Warning } from './result.js';
import type { Session } from './session.js';

/** Most directory records read from a PSE; records start at 1 and end with 6A83. */
export const MAX_DIRECTORY_RECORDS = 32;

export interface DirectoryResult {
  applications: ApplicationInfo[];
  dataObjects: DataObject[];
  warnings: Warning[];
}

function entryOf(entry: Tlv, foundBy: ApplicationInfo['foundBy']): ApplicationInfo | undefined {
  const aid = findTlv(entry.children, 0x4f);
  if (!aid || aid.value.length < 5 || aid.value.length > 16) return undefined;

  const hex = toHex(aid.value);
  const label = findTlv(entry.children, 0x50);
  const preferred = findTlv(entry.children, 0x9f12);
  const priority = findTlv(entry.children, 0x87);
  const info: ApplicationInfo = { aid: hex, foundBy, brand: lookupAid(hex)?.brand };
  if (label) info.label = toAscii(label.value).trim();
  if (preferred) info.preferredName = toAscii(preferred.value).trim();
  if (priority && priority.value.length === 1) info.priority = priority.value[0] & 0x0f;
  if (hex === ANDROID_HCE_PLACEHOLDER) info.placeholder = true;
  return info;
}

/** SELECT PPSE: the FCI's BF0C lists the applications as 61 entries (Book B §3.3). */
async function readPpse(session: Session, out: DirectoryResult): Promise<boolean> {
  const answer = await session.send(selectByName(PPSE));
  if (answer.sw !== 0x9000 && !isWarning(answer.sw)) return false;

  const { elements, warnings } = decodeTlvLenient(answer.data);
  for (const w of warnings)
    out.warnings.push({ code: w.code, message: `PPSE answer: ${w.message}` });
  collectObjects(elements, 'PPSE', out.dataObjects);
  for (const entry of findAllTlv(elements, 0x61)) {
    const info = entryOf(entry, 'PPSE');
    if (info) out.applications.push(info);
  }
  return out.applications.length > 0;
}

/** SELECT PSE, then READ RECORD 1, 2, ... of the directory SFI (88) until 6A83 (Book 1 §12.3.2). */
async function readPse(session: Session, out: DirectoryResult): Promise<boolean> {
  const answer = await session.send(selectByName(PSE));
  if (answer.sw !== 0x9000 && !isWarning(answer.sw)) return false;

  const { elements } = decodeTlvLenient(answer.data);
  collectObjects(elements, 'PSE', out.dataObjects);
  const sfiTlv = findTlv(elements, 0x88);
  const sfi = sfiTlv && sfiTlv.value.length === 1 ? sfiTlv.value[0] : 0;
  if (sfi < 1 || sfi > 30) {
    out.warnings.push({
      code: 'PSE_INVALID',
      message: 'PSE answer names no valid directory SFI (88)',
    });
    return false;
  }

  const found = out.applications.length;
  for (let record = 1; record <= MAX_DIRECTORY_RECORDS; record++) {
    const r = await session.send(readRecord(sfi, record));
    if (r.sw === 0x6a83) break;
    if (r.sw !== 0x9000) {
      out.warnings.push({
        code: 'PSE_RECORD_REFUSED',
        message: `PSE directory record ${record} answered ${r.sw < 0 ? 'without a status word' : r.sw.toString(16).toUpperCase()}; looking for applications by AID instead`,
      });
      break;
    }

    const decoded = decodeTlvLenient(r.data);
    collectObjects(decoded.elements, `PSE record ${record}`, out.dataObjects);
    for (const entry of findAllTlv(decoded.elements, 0x61)) {
      const info = entryOf(entry, 'PSE');
      if (info) out.applications.push(info);
    }
  }
  return out.applications.length > found;
}

/**
 * Sorts applications by priority (87 low nibble, 1 highest); those without a priority keep
 * their directory order after the others (Book 1 §12.4).
 */
export function byPriority(apps: ApplicationInfo[]): ApplicationInfo[] {
  const rank = (a: ApplicationInfo) => (a.priority ? a.priority : 16);
  return apps
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
    .map((x) => x.a);
}

/** Reads PPSE, then PSE if the PPSE listed nothing. Probing is the caller's next step. */
export async function readDirectories(session: Session): Promise<DirectoryResult> {
  const out: DirectoryResult = { applications: [], dataObjects: [], warnings: [] };
  if (!(await readPpse(session, out))) await readPse(session, out);

  // The same AID listed twice (PPSE and a PSE, or duplicate entries) is one application.
  const seen = new Set<string>();
  out.applications = byPriority(out.applications).filter(
    (a) => !seen.has(a.aid) && seen.add(a.aid),
  );
  return out;
}
