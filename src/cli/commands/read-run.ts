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
import { parseIsoDate } from '../date.js';
import { EXIT, exitCodeFor } from '../exit.js';
import { formatExchange, formatSummary, pansOf, resultToJson } from '../format.js';
import { diag, failure, oneLine, out } from '../output.js';
import type { ReadFlags } from './read.js';

/** Largest transcript file read; a card session is a few kilobytes. */
const MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024;

export const DEMO_TRANSCRIPT = fileURLToPath(
  new URL('../../../fixtures/demo-visa-ppse.apdu', import.meta.url),
);

/** A transcript file's text; a directory or a file over 8 MiB is TRANSCRIPT_INVALID. */
export async function readTranscriptFile(file: string): Promise<string> {
  const info = await stat(file);
  if (info.isDirectory())
    throw new PaycardError('TRANSCRIPT_INVALID', `${file} is a directory, not a transcript`);
  if (info.size > MAX_TRANSCRIPT_BYTES) {
    throw new PaycardError(
      'TRANSCRIPT_INVALID',
      `${file} is ${info.size} bytes, too large for a transcript`,
    );
  }
  return readFile(file, 'utf8');
}

/** Reads a transcript file with clear errors for what is not one. */
export async function loadTranscript(file: string): Promise<Transceiver> {
  const text = await readTranscriptFile(file);
  try {
    return createTranscriptCard(parseTranscript(text));
  } catch (e) {
    if (e instanceof PaycardError)
      throw new PaycardError(e.code, `${file}: ${e.message}`, { cause: e });
    throw e;
  }
}

export function parseDate(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = parseIsoDate(text);
  if (!date) throw new PaycardError('USAGE', `--date expects YYYY-MM-DD, got "${text}"`);
  return date;
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new PaycardError('USAGE', `--timeout expects a number of seconds, got "${text}"`);
  }
  return seconds * 1000;
}

/** What `--verify` adds to a read: the report (PANs masked unless revealed) and its lines. */
interface Verification {
  report: object;
  text: string[];
  status: number;
  diagnostic: string | null;
}

/**
 * Prints a result the way the flags ask and returns the exit status. `--json` prints exactly one
 * JSON object, holding the `--tlv` trees (`answers`) and the `--verify` report (`verify`) too.
 */
export async function showResult(
  result: ReadResult,
  flags: ReadFlags,
  verification?: Verification,
): Promise<number> {
  const reveal = flags.reveal ?? false;
  const pans = pansOf(result);

  if (flags.verbose) for (const e of result.exchanges) diag(formatExchange(e, pans, reveal));

  if (flags.json) {
    const json: Record<string, unknown> = { ...resultToJson(result, { reveal }, pans) };
    if (flags.tlv) {
      const { answersJson } = await import('../tlv-answers.js');
      json.answers = answersJson(result, { reveal, pans });
    }
    if (verification) json.verify = verification.report;
    out(JSON.stringify(json, null, 2));
  } else {
    if (flags.tlv) {
      const { renderAnswers } = await import('../tlv-answers.js');
      out(renderAnswers(result, { reveal, pans }));
    }
    const summary = formatSummary(result, { reveal }, pans);
    if (summary) out(summary);
    if (verification) out(verification.text.join('\n'));
  }

  if (verification?.diagnostic) diag(verification.diagnostic);
  if (result.ok) return verification?.status ?? EXIT.OK;

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
    redact
      ? 'Redacted: card numbers replaced by a test PAN of the same IIN, names by a placeholder.'
      : 'NOT redacted: holds the real card number.',
  ];
  await writeFile(flags.record, formatTranscript(exchanges, header));
  diag(
    `paycard: wrote ${exchanges.length} exchanges to ${flags.record}${redact ? ' (redacted)' : ''}`,
  );
}

/** Reads the card, records and verifies it as the flags ask, then shows it all once. */
async function readAndShow(
  card: Transceiver,
  flags: ReadFlags,
  options: ReadOptions,
  source: string,
): Promise<number> {
  const result = await readCard(card, options);
  await record(result, flags, source);

  let verification: Verification | undefined;
  if (flags.verify && result.ok) {
    const { verifyAfterRead } = await import('../verify-after-read.js');
    const replay = Boolean(flags.demo || flags.replay);
    verification = await verifyAfterRead(result, card, {
      reveal: flags.reveal ?? false,
      date: options.date,
      replay,
    });
  }
  return showResult(result, flags, verification);
}

export async function runRead(flags: ReadFlags): Promise<number> {
  try {
    const date = parseDate(flags.date);
    const options: ReadOptions = { full: flags.full ?? false, date };

    if (flags.demo || flags.replay) {
      if (flags.demo && flags.replay)
        throw new PaycardError('USAGE', 'give --demo or --replay, not both');
      const file = flags.replay ?? DEMO_TRANSCRIPT;
      const card = await loadTranscript(file);
      return await readAndShow(card, flags, options, flags.demo ? 'the demo card' : file);
    }

    // A desktop reader through PC/SC (nfc-pcsc, loaded only now).
    const { pendingTransmits, waitForCard } = await import('../../node/pcsc.js');
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      const card = await waitForCard({
        reader: flags.reader,
        timeoutMs: parseTimeout(flags.timeout),
        signal: abort.signal,
        onWaiting: (names) =>
          diag(`paycard: waiting for a card on ${names.join(', ')} (Ctrl-C to stop)`),
      });
      try {
        const read = { ...options, signal: abort.signal };
        return await readAndShow(card.transceiver, flags, read, card.readerName);
      } finally {
        await card.close();
        // pcsc-lite cannot cancel a command the card never answers (docs/pcsc.md): the process
        // can only end once the card leaves. Say so rather than seem to hang.
        if (pendingTransmits() > 0) {
          diag(
            'paycard: the card stopped answering but is still in the field: remove it to finish',
          );
        }
      }
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  } catch (e) {
    return failure(e);
  }
}
