/**
 * `paycard read --verify`: offline data authentication right after a read. On a live card it
 * runs DDA (INTERNAL AUTHENTICATE) when the card supports it, and checks SDA and fDDA from what
 * was read; it never sends GENERATE AC. A replayed transcript cannot sign a fresh challenge, so
 * it is checked as recorded (what `paycard verify FILE` does).
 */

import { maskPan } from '../card/pan.js';
import { maskPansIn } from '../card/pan.js';
import type { OdaReport } from '../oda/report.js';
import type { ReadResult } from '../read/result.js';
import { withGetResponse, type Transceiver } from '../transport/transceiver.js';
import { EXIT } from './exit.js';
import { out } from './output.js';

export interface VerifyFlags {
  json: boolean;
  reveal: boolean;
  date?: Date;
  /** The card is a replayed transcript: verify the recorded exchange, send nothing. */
  replay: boolean;
}

function summary(report: OdaReport): string[] {
  const lines = [`Offline data authentication (${report.date})`];
  const key = (name: string, k: OdaReport['issuerKey']) =>
    k ? `  ✓ ${name} key recovered (${k.bits} bits), certificate ${k.expired ? `EXPIRED (${k.expiry})` : `valid through ${k.expiry}`}` : undefined;
  for (const line of [key('issuer', report.issuerKey), key('ICC', report.iccKey)]) if (line) lines.push(line);

  for (const m of report.methods) {
    if (m.status === 'not performed') lines.push(`  – ${m.method} not performed: ${m.reason ?? 'no data'}`);
    else if (m.signatureValid) lines.push(`  ✓ ${m.method} signature valid${m.certificateExpired ? ' (certificate expired)' : ''}`);
    else lines.push(`  ✗ ${m.method} FAILED: ${m.failedCheck} check on ${m.object}: ${m.reason}`);
  }
  return lines;
}

export async function verifyAfterRead(result: ReadResult, card: Transceiver, flags: VerifyFlags): Promise<number> {
  const oda = await import('../oda/index.js');
  const exchanges = result.exchanges.map((e) => ({ command: e.command, response: e.response }));
  const report = flags.replay
    ? oda.verifyExchanges(exchanges, { date: flags.date })
    : await oda.performDda(withGetResponse(card), exchanges, { date: flags.date });

  const pans = report.pan ? [report.pan] : [];
  const shown = { ...report, pan: report.pan && !flags.reveal ? maskPan(report.pan) : report.pan };
  const text = flags.json ? JSON.stringify({ verify: shown }, null, 2) : summary(report).join('\n');
  out(flags.reveal ? text : maskPansIn(text, pans));

  const ran = report.methods.some((m) => m.status !== 'not performed');
  return ran && !report.signaturesValid ? EXIT.VERIFY_FAILED : EXIT.OK;
}
