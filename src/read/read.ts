/**
 * The read flow (EMV Book 1 §12 application selection, Book 3 §10 initiate application
 * processing and read application data):
 *
 *   1. find applications: PPSE, else PSE, else probe full AIDs;
 *   2. for each candidate in priority order: SELECT, GET PROCESSING OPTIONS, READ RECORD over
 *      the AFL, until one gives a card number (all of them on a full read);
 *   3. extract PAN, expiry, names, brand; keep every data object and the APDU exchange.
 *
 * `readCard` never throws for what a card or a link does: failures come back in `error`, with
 * whatever was read before them.
 */

import { selectByName } from '../apdu/commands.js';
import { formatSw, isWarning } from '../apdu/status.js';
import { fromHex, toAscii, toHex } from '../bytes/hex.js';
import { lookupAid, probeAids } from '../card/aids.js';
import type { TerminalProfile } from '../dol/terminal.js';
import { CardError, PaycardError, TransportError } from '../errors.js';
import { decodeTlvLenient, findTlv } from '../tlv/tlv.js';
import type { Transceiver } from '../transport/transceiver.js';
import { selectAdvice } from './advice.js';
import { readDirectories } from './directory.js';
import { extractCardFields } from './extract.js';
import { readCplc, readFullData, type Cplc, type ElementResult } from './full.js';
import { collectObjects } from './objects.js';
import { getProcessingOptionsWithProfiles } from './gpo.js';
import { parseAfl, readAflRecords } from './records.js';
import type { ApplicationInfo, DataObject, ReadResult, Warning } from './result.js';
import { MAX_COMMANDS, Session, type CardAnswer } from './session.js';

export interface ReadOptions {
  /** Also read every application, counters, the transaction log and CPLC. Default false. */
  full?: boolean;
  /** Date of the read: fills 9A and decides `expired`. Default now. */
  date?: Date;
  /** Unpredictable number source for 9F37. Default crypto.getRandomValues. */
  random?: (length: number) => Uint8Array;
  /** Terminal profiles to try for GPO, in order. Default `PROFILES`. */
  profiles?: readonly TerminalProfile[];
  /** Bound on the commands of one read. Default `MAX_COMMANDS` (three times that on a full read). */
  maxCommands?: number;
  /** Longest wait for one answer, in ms (`CARD_TIMEOUT`). Default `COMMAND_TIMEOUT_MS`. */
  commandTimeoutMs?: number;
  /** Longest whole read, in ms (`CARD_TIMEOUT`). Default `READ_DEADLINE_MS`. */
  deadlineMs?: number;
  /** Cancels the read (`ABORTED`), e.g. when the user leaves the screen. */
  signal?: AbortSignal;
}

function emptyResult(): ReadResult {
  return { ok: false, brands: [], applications: [], dataObjects: [], warnings: [], exchanges: [] };
}

/** A failure as paycard's own error; anything else is a bug in paycard (`INTERNAL`). */
function asError(e: unknown): PaycardError {
  if (e instanceof PaycardError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new PaycardError('INTERNAL', `unexpected failure while reading: ${message}`, { cause: e });
}

/** The result an application read starts from: what the directory or probe said of it. */
function resultFor(app: ApplicationInfo): ReadResult {
  const result = emptyResult();
  result.aid = app.aid;
  result.label = app.label;
  result.preferredName = app.preferredName;
  result.brand = app.brand;
  result.brands = app.brand ? [app.brand] : [];
  return result;
}

/** The SELECT answer of the application the card has selected now, to spare a second SELECT. */
interface Selected {
  aid: string;
  answer: CardAnswer;
}

/** Probes the AID list until a card answers (all of the list on a full read). */
async function probe(
  session: Session,
  full: boolean,
): Promise<{ found: ApplicationInfo[]; last?: Selected }> {
  const found: ApplicationInfo[] = [];
  let last: Selected | undefined;
  for (const aid of probeAids()) {
    const answer = await session.send(selectByName(fromHex(aid)));
    if (answer.sw !== 0x9000 && !isWarning(answer.sw)) continue;
    last = { aid, answer };

    const { elements } = decodeTlvLenient(answer.data);
    const label = findTlv(elements, 0x50);
    const info: ApplicationInfo = { aid, foundBy: 'probe', brand: lookupAid(aid)?.brand };
    if (label) info.label = toAscii(label.value).trim();
    if (answer.sw === 0x6283) info.blocked = true;
    found.push(info);
    if (!full && !info.blocked) break;
  }
  return { found, last };
}

/**
 * SELECT, GPO and records of one application, filling `result` as it goes, so that a failure
 * half-way leaves what was read in it.
 */
async function readApplication(
  session: Session,
  app: ApplicationInfo,
  result: ReadResult,
  options: ReadOptions,
  now: Date,
  selectedNow?: Selected,
): Promise<void> {
  const warnings: Warning[] = result.warnings;

  // SELECT (Book 1 §11.3): warnings 62xx/63xx with an FCI are accepted.
  const command = selectByName(fromHex(app.aid));
  const selected = selectedNow?.aid === app.aid ? selectedNow.answer : await session.send(command);
  if (selected.sw === 0x6283) {
    app.blocked = true;
    throw new CardError('CARD_REFUSED', `application ${app.aid} is blocked (6283)`, {
      sw: '6283',
      command: toHex(command),
    });
  }
  if (selected.sw !== 0x9000 && !isWarning(selected.sw)) {
    throw new CardError(
      'CARD_REFUSED',
      `${selectAdvice(selected.sw)} (SELECT ${app.aid} answered ${formatSw(selected.sw)})`,
      {
        sw: formatSw(selected.sw),
        command: toHex(command),
      },
    );
  }
  if (selected.sw !== 0x9000) {
    warnings.push({
      code: 'SELECT_WARNING',
      message: `SELECT ${app.aid} answered ${formatSw(selected.sw)} with an FCI; reading on`,
    });
  }

  const fci = decodeTlvLenient(selected.data);
  for (const w of fci.warnings) warnings.push({ code: w.code, message: `FCI: ${w.message}` });
  collectObjects(fci.elements, 'SELECT', result.dataObjects);
  const dfName = findTlv(fci.elements, 0x84);
  if (dfName && toHex(dfName.value) !== app.aid) {
    warnings.push({
      code: 'DF_NAME_MISMATCH',
      message: `SELECT ${app.aid} answered with the FCI of DF name ${toHex(dfName.value)}`,
    });
  }

  // GET PROCESSING OPTIONS with the PDOL, then the records its AFL lists.
  const pdol = findTlv(fci.elements, 0x9f38)?.value;
  const gpo = await getProcessingOptionsWithProfiles(session, pdol, warnings, {
    profiles: options.profiles,
    context: { date: now, random: options.random },
  });
  result.profile = gpo.profile;
  collectObjects(gpo.elements, 'GPO', result.dataObjects);

  if (gpo.afl && gpo.afl.length > 0) {
    const afl = parseAfl(gpo.afl, warnings);
    await readAflRecords(session, afl, warnings, (r) => {
      const decoded = decodeTlvLenient(r.data);
      for (const w of decoded.warnings) {
        warnings.push({ code: w.code, message: `record ${r.sfi}.${r.record}: ${w.message}` });
      }
      collectObjects(decoded.elements, `READ RECORD ${r.sfi}.${r.record}`, result.dataObjects);
    });
  }

  extractCardFields(result, now);
  if (options.full) result.extra = await readFullData(session, result.dataObjects);
}

/**
 * Failures of the link (card removed, timeout, reader or bridge set-up, abort) and the command
 * bound end the whole read: no other application can be read after them.
 */
function endsRead(e: PaycardError): boolean {
  return e instanceof TransportError || e.code === 'TOO_MANY_COMMANDS' || e.code === 'ABORTED';
}

/** Which failure to report when no application gave a card number. */
function finalError(errors: PaycardError[], apps: ApplicationInfo[]): PaycardError {
  const transport = errors.find(endsRead);
  if (transport) return transport;
  const specific = errors.find(
    (e) => e.code === 'WALLET_LOCKED' || e.code === 'CARD_ANSWER_INVALID',
  );
  if (specific) return specific;
  const refused = errors.find((e) => e.code === 'CARD_REFUSED');

  const listed = apps.map((a) => `${a.label ?? a.brand ?? 'application'} ${a.aid}`).join(', ');
  if (refused && apps.every((a) => a.blocked)) return refused;
  if (refused && errors.every((e) => e.code === 'CARD_REFUSED')) return refused;
  return new PaycardError('NO_PAN', `no card number on this card (applications: ${listed})`);
}

/**
 * Reads a payment card through `transceiver`.
 *
 *     const result = await readCard(transceiver);
 *     if (result.ok) console.log(maskPan(result.pan!), result.expiry);
 */
export async function readCard(
  transceiver: Transceiver,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const now = options.date ?? new Date();
  const session = new Session(transceiver, {
    maxCommands: options.maxCommands ?? (options.full ? MAX_COMMANDS * 3 : MAX_COMMANDS),
    commandTimeoutMs: options.commandTimeoutMs,
    deadlineMs: options.deadlineMs,
    signal: options.signal,
  });
  let result = emptyResult();
  const applications: ApplicationInfo[] = [];
  const warnings: Warning[] = [];
  const directoryObjects: DataObject[] = [];
  const reads: ReadResult[] = [];
  const errors: PaycardError[] = [];
  let cplc: ElementResult<Cplc> | undefined;

  try {
    if (options.full) cplc = await readCplc(session, now);

    // 1. Applications: directories first, then the AID probe.
    const directory = await readDirectories(session);
    warnings.push(...directory.warnings);
    applications.push(...directory.applications);
    directoryObjects.push(...directory.dataObjects);
    let selectedNow: Selected | undefined;
    if (applications.length === 0) {
      const probed = await probe(session, options.full ?? false);
      applications.push(...probed.found);
      selectedNow = probed.last;
    }
    if (applications.length === 0) {
      throw new PaycardError(
        'NO_APPLICATION',
        'no payment application found: the card answered no directory and no known AID',
      );
    }

    // 2. Each candidate in priority order until one gives a card number.
    for (const app of applications) {
      if (app.placeholder) continue;
      if (app.blocked) {
        warnings.push({
          code: 'APPLICATION_BLOCKED',
          message: `application ${app.aid} is blocked (6283); skipped`,
        });
        continue;
      }

      const read = resultFor(app);
      reads.push(read);
      try {
        await readApplication(session, app, read, options, now, selectedNow);
        selectedNow = undefined;
        if (read.ok && !options.full) break;
      } catch (e) {
        const error = asError(e);
        extractCardFields(read, now);
        read.ok = false;
        read.error = error;
        if (endsRead(error)) throw error;
        errors.push(error);
        if (app.blocked) {
          warnings.push({
            code: 'APPLICATION_BLOCKED',
            message: `application ${app.aid} is blocked (6283); skipped`,
          });
        }
      }
    }

    // 3. The result is the first application with a card number, else the first one tried.
    result = reads.find((r) => r.ok) ?? reads[0] ?? emptyResult();
    if (!result.ok) result.error = finalError(errors, applications);
  } catch (e) {
    // A link failure (or a bug) ends the read: keep what the last application gave.
    result = reads.at(-1) ?? result;
    result.error = asError(e);
    result.ok = false;
  }

  if (options.full) result.others = reads.filter((r) => r !== result);
  if (cplc) result.extra = { ...(result.extra ?? {}), cplc };
  result.applications = applications;
  result.warnings = [...warnings, ...result.warnings];
  result.dataObjects.push(...directoryObjects);
  result.exchanges = session.exchanges;
  if (!result.ok && !result.error)
    result.error = new PaycardError('NO_PAN', 'no card number on this card');
  return result;
}
