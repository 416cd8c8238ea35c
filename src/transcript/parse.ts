/**
 * The transcript format of recorded card sessions (`send:` / `resp:` lines, `#` comments),
 * described in docs/transcripts.md. Parsing is strict about bytes and lenient about layout.
 */

import { fromHex } from '../bytes/hex.js';
import { ParseError, PaycardError } from '../errors.js';

export interface TranscriptEntry {
  /** The command, or `null` when the recording left `send:` blank (not captured). */
  send: Uint8Array | null;
  /** The response, SW1 SW2 included. May be empty when the recording ends before it. */
  resp: Uint8Array;
  /** 1-based line number of the `send:` line (or of `resp:` when it stands alone). */
  line: number;
}

/** Most lines in one transcript; a larger file is not a card session. */
export const MAX_TRANSCRIPT_LINES = 100_000;

function bytesOn(text: string, line: number, what: string): Uint8Array {
  try {
    return fromHex(text);
  } catch (e) {
    const pos = e instanceof ParseError ? ` (column ${e.offset + 1} of the ${what} bytes)` : '';
    throw new ParseError(
      'TRANSCRIPT_INVALID',
      `line ${line}: ${what} is not hex${pos}: ${(e as Error).message}`,
      line,
      { cause: e },
    );
  }
}

/**
 * Parses a transcript. Throws `ParseError` with code `TRANSCRIPT_INVALID` naming the line on
 * anything that is not a comment, a blank line, `send:` or `resp:`.
 */
export function parseTranscript(text: string): TranscriptEntry[] {
  if (text.includes('\u0000')) {
    throw new PaycardError('TRANSCRIPT_INVALID', 'not a transcript: the file is binary');
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > MAX_TRANSCRIPT_LINES) {
    throw new PaycardError(
      'TRANSCRIPT_INVALID',
      `transcript has more than ${MAX_TRANSCRIPT_LINES} lines`,
    );
  }

  const entries: TranscriptEntry[] = [];
  let pending: { send: Uint8Array | null; line: number } | null = null;

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const hash = lines[i].indexOf('#');
    const body = (hash >= 0 ? lines[i].slice(0, hash) : lines[i]).trim();
    if (body === '') continue;

    const m = /^(send|resp)\s*:(.*)$/i.exec(body);
    if (!m) {
      throw new ParseError(
        'TRANSCRIPT_INVALID',
        `line ${n}: expected "send:" or "resp:", got ${JSON.stringify(body.slice(0, 40))}`,
        n,
      );
    }

    const kind = m[1].toLowerCase();
    const hex = m[2].trim();
    if (kind === 'send') {
      if (pending)
        entries.push({ send: pending.send, resp: new Uint8Array(0), line: pending.line });
      pending = { send: hex === '' ? null : bytesOn(hex, n, 'send'), line: n };
      continue;
    }

    const resp = bytesOn(hex, n, 'resp');
    if (pending) {
      entries.push({ send: pending.send, resp, line: pending.line });
      pending = null;
    } else {
      entries.push({ send: null, resp, line: n });
    }
  }

  if (pending) entries.push({ send: pending.send, resp: new Uint8Array(0), line: pending.line });
  if (entries.length === 0) {
    throw new PaycardError('TRANSCRIPT_INVALID', 'transcript holds no send:/resp: lines');
  }
  return entries;
}
