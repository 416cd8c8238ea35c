/**
 * `paycard read --verify`: offline data authentication right after a read. On a live card it
 * runs DDA (INTERNAL AUTHENTICATE) when the card supports it, and checks SDA and fDDA from what
 * was read; it never sends GENERATE AC. A replayed transcript cannot sign a fresh challenge, so
 * it is checked as recorded (what `paycard verify FILE` does). Nothing is printed here: the
 * caller shows the outcome (the human lines, or the report inside its JSON object).
 */

import { responseData } from '../apdu/status.js';
import { findPans } from '../card/privacy.js';
import type { OdaReport } from '../oda/report.js';
import { maskOdaReport } from '../oda/mask.js';
import type { ReadResult } from '../read/result.js';
import { withGetResponse, type Transceiver } from '../transport/transceiver.js';
import { EXIT } from './exit.js';

export interface VerifyFlags {
  reveal: boolean;
  date?: Date;
  /** The card is a replayed transcript: verify the recorded exchange, send nothing. */
  replay: boolean;
}

/** What `verifyAfterRead` found, ready to show; PANs masked unless `reveal`. */
export interface VerifyOutcome {
  report: OdaReport;
  /** The human-readable lines. */
  text: string[];
  /** `EXIT.VERIFY_FAILED` when a method ran and one of its checks failed, else `EXIT.OK`. */
  status: number;
  /**
   * When `status` is not OK: the one line for stderr,
   * `paycard: offline data authentication failed: <first failed check> [ODA_FAILED]`.
   */
  diagnostic: string | null;
}

const REPLAYED_GPO =
  'replayed transcript: the recorded GET PROCESSING OPTIONS answer was made for PDOL data ' +
  'paycard does not know';

function keyLine(name: string, k: OdaReport['issuerKey']): string | undefined {
  if (!k) return undefined;
  const cert = k.expired ? `EXPIRED (${k.expiry})` : `valid through ${k.expiry}`;
  return `  ✓ ${name} key recovered (${k.bits} bits), certificate ${cert}`;
}

function failedLine(m: OdaReport['methods'][number]): string {
  return `${m.method} FAILED: ${m.failedCheck} check on ${m.object}: ${m.reason}`;
}

function summary(report: OdaReport): string[] {
  const lines = [`Offline data authentication (${report.date})`];
  for (const line of [keyLine('issuer', report.issuerKey), keyLine('ICC', report.iccKey)]) {
    if (line) lines.push(line);
  }

  for (const m of report.methods) {
    const expired = m.certificateExpired ? ' (certificate expired)' : '';
    if (m.status === 'not performed')
      lines.push(`  – ${m.method} not performed: ${m.reason ?? 'no data'}`);
    else if (m.signatureValid) lines.push(`  ✓ ${m.method} signature valid${expired}`);
    else lines.push(`  ✗ ${failedLine(m)}`);
  }
  return lines;
}

/**
 * Runs ODA on what `result` read and returns the outcome without printing it. The report and the
 * lines have every PAN (the card's, the ICC certificate's, track 2's) masked unless
 * `flags.reveal`.
 */
export async function verifyAfterRead(
  result: ReadResult,
  card: Transceiver,
  flags: VerifyFlags,
): Promise<VerifyOutcome> {
  const oda = await import('../oda/index.js');
  // A replayed GPO answer was recorded for the recorder's PDOL data, not for what paycard sent
  // now (GPO matches on CLA INS P1 P2 alone): its PDOL data is unknown, as in `verify FILE` when
  // the GPO was not captured.
  const exchanges = result.exchanges.map((e) =>
    flags.replay && e.command[1] === 0xa8
      ? { command: e.command, response: e.response, commandUnknown: REPLAYED_GPO }
      : { command: e.command, response: e.response },
  );
  const raw = flags.replay
    ? oda.verifyExchanges(exchanges, { date: flags.date })
    : await oda.performDda(withGetResponse(card), exchanges, { date: flags.date });

  const answers = result.exchanges.filter((e) => e.response.length >= 2);
  const pans = findPans(answers.map((e) => responseData(e.response)));
  if (result.pan) pans.add(result.pan);
  const report = flags.reveal ? raw : maskOdaReport(raw, pans);

  const failed = report.methods.find((m) => m.status === 'failed');
  const status = failed ? EXIT.VERIFY_FAILED : EXIT.OK;
  const first = failed && failedLine(failed).replace(' FAILED:', '');
  const diagnostic = first
    ? `paycard: offline data authentication failed: ${first} [ODA_FAILED]`
    : null;
  return { report, text: summary(report), status, diagnostic };
}
