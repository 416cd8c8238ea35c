/**
 * The work behind `paycard read`, loaded only when the command runs.
 */

import { readFile, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { maskPansIn } from '../../card/pan.js';
import { PaycardError } from '../../errors.js';
import { readCard, type ReadOptions } from '../../read/read.js';
import type { ReadResult } from '../../read/result.js';
import { createTranscriptCard } from '../../transcript/card.js';
import { parseTranscript } from '../../transcript/parse.js';
import { redactExchanges } from '../../transcript/redact.js';
import { formatTranscript } from '../../transcript/write.js';
import type { Transceiver } from '../../transport/transceiver.js';
import { EXIT, exitCodeFor } from '../exit.js';
import { formatExchange, formatSummary, pansOf, resultToJson } from '../format.js';
import { diag, failure, oneLine, out } from '../output.js';
import type { ReadFlags } from './read.js';

/** Largest transcript file read; a card session is a few kilobytes. */
const MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024;

export const DEMO_TRANSCRIPT = fileURLToPath(new URL('../../../fixtures/demo-visa-ppse.apdu', import.meta.url));

/** A transcript file's text; a directory or a file over 8 MiB is TRANSCRIPT_INVALID. */
export async function readTranscriptFile(file: string): Promise<string> {
  const info = await stat(file);
  if (info.isDirectory()) throw new PaycardError('TRANSCRIPT_INVALID', `${file} is a directory, not a transcript`);
  if (info.size > MAX_TRANSCRIPT_BYTES) {
    throw new PaycardError('TRANSCRIPT_INVALID', `${file} is ${info.size} bytes, too large for a transcript`);
  }
  return readFile(file, 'utf8');
}

/** Reads a transcript file with clear errors for what is not one. */
export async function loadTranscript(file: string): Promise<Transceiver> {
  const text = await readTranscriptFile(file);
  try {
    return createTranscriptCard(parseTranscript(text));
  } catch (e) {
    if (e instanceof PaycardError) throw new PaycardError(e.code, `${file}: ${e.message}`, { cause: e });
    throw e;
  }
}

export function parseDate(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12)) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCDate() !== +m![3]) {
    throw new PaycardError('TRANSCRIPT_INVALID', `--date expects YYYY-MM-DD, got "${text}"`);
  }
  return date;
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new PaycardError('TRANSCRIPT_INVALID', `--timeout expects a number of seconds, got "${text}"`);
  }
  return seconds * 1000;
}

/** Prints a result the way the flags ask; returns the exit status. */
export async function showResult(result: ReadResult, flags: ReadFlags): Promise<number> {
  const reveal = flags.reveal ?? false;
  const pans = pansOf(result);

  if (flags.verbose) for (const e of result.exchanges) diag(formatExchange(e, pans, reveal));
  if (flags.tlv) {
    const { renderAnswers } = await import('../tlv-answers.js');
    out(renderAnswers(result, { reveal, pans }));
  }

  if (flags.json) out(JSON.stringify(resultToJson(result, { reveal }, pans), null, 2));
  else out(formatSummary(result, { reveal }, pans));

  if (result.ok) return EXIT.OK;
  const error = result.error ?? new PaycardError('NO_PAN', 'no card number on this card');
  const message = reveal ? error.message : maskPansIn(error.message, pans);
  diag(`paycard: ${oneLine(message)} [${error.code}]`);
  return exitCodeFor(error.code);
}

async function record(result: ReadResult, flags: ReadFlags, source: string): Promise<void> {
  if (!flags.record) return;
  const redact = flags.redact !== false;
  const exchanges = redact
    ? redactExchanges(result.exchanges, { pan: result.pan, name: result.cardholderName })
    : result.exchanges;
  const header = [
    `Recorded by paycard from ${source} on ${new Date().toISOString().slice(0, 10)}`,
    redact ? 'Redacted: card numbers replaced by a test PAN of the same IIN, names by a placeholder.' : 'NOT redacted: holds the real card number.',
  ];
  await writeFile(flags.record, formatTranscript(exchanges, header));
  diag(`paycard: wrote ${exchanges.length} exchanges to ${flags.record}${redact ? ' (redacted)' : ''}`);
}

async function verify(result: ReadResult, transceiver: Transceiver, flags: ReadFlags, date: Date | undefined): Promise<number> {
  const { verifyAfterRead } = await import('../verify-after-read.js');
  const replay = Boolean(flags.demo || flags.replay);
  const v = await verifyAfterRead(result, transceiver, { reveal: flags.reveal ?? false, date, replay });
  out(flags.json ? JSON.stringify({ verify: v.report }, null, 2) : v.text.join('\n'));
  if (v.diagnostic) diag(v.diagnostic);
  return v.status;
}

export async function runRead(flags: ReadFlags): Promise<number> {
  try {
    const date = parseDate(flags.date);
    const options: ReadOptions = { full: flags.full ?? false, date };

    if (flags.demo || flags.replay) {
      if (flags.demo && flags.replay) throw new PaycardError('TRANSCRIPT_INVALID', 'give --demo or --replay, not both');
      const file = flags.replay ?? DEMO_TRANSCRIPT;
      const card = await loadTranscript(file);
      const result = await readCard(card, options);
      await record(result, flags, flags.demo ? 'the demo card' : file);
      const status = await showResult(result, flags);
      if (flags.verify && result.ok) return Math.max(status, await verify(result, card, flags, date));
      return status;
    }

    // A desktop reader through PC/SC (nfc-pcsc, loaded only now).
    const { waitForCard } = await import('../../node/pcsc.js');
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const card = await waitForCard({
        reader: flags.reader,
        timeoutMs: parseTimeout(flags.timeout),
        signal: abort.signal,
        onWaiting: (names) => diag(`paycard: waiting for a card on ${names.join(', ')} (Ctrl-C to stop)`),
      });
      try {
        const result = await readCard(card.transceiver, options);
        await record(result, flags, card.readerName);
        const status = await showResult(result, flags);
        if (flags.verify && result.ok) return Math.max(status, await verify(result, card.transceiver, flags, date));
        return status;
      } finally {
        await card.close();
      }
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  } catch (e) {
    return failure(e);
  }
}
