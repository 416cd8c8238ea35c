/**
 * The work behind `paycard verify FILE`, loaded when it runs: offline data authentication
 * (SDA, DDA, fDDA, CDA) of a recorded transcript, every application session in it, each step
 * on its own line. Exit 0 when every method that ran has valid signatures, 6 when ODA ran and a
 * check failed (ODA_FAILED: a signature, a hash, a certificate field, an unknown CA key), 3 when
 * the transcript holds no application session with GET PROCESSING OPTIONS (NO_APPLICATION).
 * Expired certificates are reported as a separate fact and do not change the exit status. Every
 * PAN (the card's, the ICC certificate's) is masked unless --reveal.
 */

import { readFile } from 'node:fs/promises';
import { responseData } from '../../apdu/status.js';
import { maskPansIn } from '../../card/pan.js';
import { findPans } from '../../card/privacy.js';
import { PaycardError } from '../../errors.js';
import type { Capk } from '../../oda/capk.js';
import { maskOdaReport, reportPans } from '../../oda/mask.js';
import type { KeyFacts, OdaReport } from '../../oda/report.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit.js';
import { diag, out } from '../output.js';

export interface VerifyOptions {
  date?: Date;
  json?: boolean;
  capk?: string;
  reveal?: boolean;
}

function keyLine(name: string, key: KeyFacts | null, date: string): string {
  if (!key) return `✗ ${name} public key not recovered`;
  const when = key.expired
    ? `certificate EXPIRED (${key.expiry}, before ${date})`
    : `certificate valid through ${key.expiry}`;
  return `✓ ${name} public key recovered: ${key.bits} bits, exponent ${key.exponent}, ${when}`;
}

function human(report: OdaReport, file: string): string[] {
  const lines: string[] = [];
  const pan = report.pan ? `  PAN ${report.pan}` : '';
  const s = report.supports;
  const claims =
    [s.sda && 'SDA', s.dda && 'DDA', s.cda && 'CDA'].filter(Boolean).join(', ') || 'no ODA';
  lines.push(
    `${file}: application ${report.aid ?? '?'}${pan}  AIP ${report.aip ?? '?'} (${claims})`,
  );
  lines.push(`  date ${report.date}`);
  for (const st of report.chain) {
    lines.push(
      `  ${st.ok ? '✓' : '✗'} ${st.object.padEnd(11)} ${st.check.padEnd(14)} ${st.detail}`,
    );
  }
  lines.push(`  ${keyLine('issuer', report.issuerKey, report.date)}`);
  if (report.iccKey || report.chain.some((x) => x.object === '9F46')) {
    lines.push(`  ${keyLine('ICC', report.iccKey, report.date)}`);
  }

  for (const m of report.methods) {
    if (m.steps.length > 0) lines.push(`  ${m.method}`);
    for (const st of m.steps) {
      lines.push(
        `    ${st.ok ? '✓' : '✗'} ${st.object.padEnd(9)} ${st.check.padEnd(14)} ${st.detail}`,
      );
    }
    const ac = m.generateAc ? ` (GENERATE AC ${m.generateAc})` : '';
    if (m.status === 'not performed') {
      lines.push(`  – ${m.method}${ac} not performed: ${m.reason}`);
      continue;
    }
    const facts = [
      m.dac && `DAC ${m.dac}`,
      m.idn && `IDN ${m.idn}`,
      m.cryptogram && `cryptogram ${m.cryptogram}`,
    ]
      .filter(Boolean)
      .join(', ');
    if (m.signatureValid) {
      lines.push(`  ✓ ${m.method}${ac} signature valid${facts ? ` (${facts})` : ''}`);
    } else {
      lines.push(`  ✗ ${m.method}${ac} FAILED: ${m.failedCheck} check on ${m.object}: ${m.reason}`);
    }
    if (m.certificateExpired)
      lines.push(`  ✗ ${m.method}${ac} certificate expired on ${report.date}`);
  }

  const verdict = report.signaturesValid
    ? `✓ signatures valid${report.certificatesExpired ? '; ✗ certificates expired' : '; certificates current'}`
    : report.methods.every((m) => m.status === 'not performed')
      ? '✗ offline data authentication not performed (no certificates or signatures in this session)'
      : '✗ signature verification FAILED';
  lines.push(`  ${verdict}`);
  return lines;
}

async function loadKeys(path: string | undefined): Promise<Capk[]> {
  const oda = await import('../../oda/capk.js');
  const builtin = oda.builtinCapks();
  if (!path) return [...builtin];

  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new PaycardError('CAPK_INVALID', `${path}: not JSON: ${e.message}`);
    throw e;
  }
  const { keys, rejected } = oda.parseCapkList(json);
  if (rejected.length > 0) {
    const r = rejected[0];
    diag(
      `paycard: ${path}: skipped ${rejected.length} CA key(s), first ${r.rid}/${r.index}: ${r.reason}`,
    );
  }
  if (keys.length === 0) throw new PaycardError('CAPK_INVALID', `${path}: no usable CA key`);
  return [...keys, ...builtin];
}

export async function runVerify(
  file: string,
  options: VerifyOptions,
  context: CliContext,
): Promise<void> {
  const { readTranscriptFile } = await import('./read-run.js');
  const text = await readTranscriptFile(file);
  const { parseTranscript } = await import('../../transcript/parse.js');
  const { inferBlankCommands, readOdaSession, splitApplicationSessions } =
    await import('../../oda/exchanges.js');
  const { verifySession } = await import('../../oda/verify.js');

  // Blank `send:` entries: the GPO and records a sniffer missed are inferred, the rest skipped.
  const exchanges = inferBlankCommands(parseTranscript(text));
  const sessions = splitApplicationSessions(exchanges)
    .map(readOdaSession)
    .filter((s) => s.aip !== null);
  if (sessions.length === 0) {
    throw new PaycardError(
      'NO_APPLICATION',
      `${file}: no application session with GET PROCESSING OPTIONS: nothing to authenticate`,
    );
  }

  const capks = await loadKeys(options.capk);
  const date = options.date ?? new Date();
  const reports = sessions.map((s) => verifySession(s, { date, capks }));
  const answers = exchanges
    .filter((e) => e.response.length >= 2)
    .map((e) => responseData(e.response));
  const pans = findPans(answers);
  for (const r of reports) for (const p of reportPans(r)) pans.add(p);
  const shown = options.reveal ? reports : reports.map((r) => maskOdaReport(r, pans));
  const mask = (s: string) => (options.reveal ? s : maskPansIn(s, pans));

  if (options.json) {
    out(mask(JSON.stringify({ file, date: reports[0].date, sessions: shown }, null, 2)));
  } else {
    const name = file.split('/').pop() ?? file;
    out(mask(shown.flatMap((r) => human(r, name)).join('\n')));
  }

  const failed = reports.some((r) => r.methods.some((m) => m.status === 'failed'));
  if (failed) context.setStatus(EXIT.VERIFY_FAILED);
}
