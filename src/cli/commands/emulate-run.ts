/**
 * The work behind `paycard emulate FILE` (loaded when it runs): serves a transcript as a card to pcscd through the vsmartcard vpcd
 * driver (docs/pcsc.md), following the "as a card" replay rules, until interrupted or, with
 * `--once`, until the first session that sent a command ends.
 */

import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '../../bytes/hex.js';
import { findPans, maskedHex } from '../../card/privacy.js';
import { TransportError } from '../../errors.js';
import { createTranscriptCard } from '../../transcript/card.js';
import { parseTranscript } from '../../transcript/parse.js';
import { EXIT } from '../exit.js';
import { diag } from '../output.js';

export interface EmulateOptions {
  host: string;
  port: number;
  once?: boolean;
  atr?: string;
  verbose?: boolean;
  reveal?: boolean;
}

export async function runEmulate(file: string, options: EmulateOptions): Promise<number> {
  const port = options.port;
  const entries = parseTranscript(readFileSync(file, 'utf8'));
  const atr = options.atr === undefined ? undefined : fromHex(options.atr);
  const { connectVirtualCard } = await import('../../node/vpcd.js');
  const pans = options.reveal
    ? []
    : [...findPans(entries.map((e) => e.resp.subarray(0, Math.max(0, e.resp.length - 2))))];
  const show = (bytes: Uint8Array) => maskedHex(bytes, pans, ' ');

  const card = await connectVirtualCard({
    host: options.host,
    port,
    atr,
    once: options.once,
    newCard: () => createTranscriptCard(entries),
    onCommand: options.verbose
      ? (command, response) => diag(`> ${show(command)}\n< ${show(response)}`)
      : undefined,
    onCardError: (e, command) =>
      diag(`paycard: emulate: no answer for ${toHex(command)}: ${(e as Error).message}`),
  });
  diag(
    `serving ${file} as a card at ${options.host}:${port}${options.once ? ' (once)' : ''}; Ctrl-C to stop`,
  );

  let interrupted = false;
  const stop = (): void => {
    interrupted = true;
    void card.remove();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await card.closed;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }

  if (interrupted || options.once) return EXIT.OK;
  throw new TransportError('READER_ERROR', 'vpcd closed the connection (pcscd stopped?)');
}
