/**
 * `paycard watch`: reads every card presented to the reader(s) until interrupted, one summary
 * line (or one JSON line with `--json`) per card on stdout, and carries on after cards that fail
 * (their error goes to stderr, or into the JSON line).
 */

import type { Command } from 'commander';
import { maskPan } from '../../card/pan.js';
import type { PaycardError } from '../../errors.js';
import type { ReadResult } from '../../read/result.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit.js';
import { diag, failure, oneLine, out } from '../output.js';

interface WatchCliOptions {
  reader?: string;
  json?: boolean;
  reveal?: boolean;
  full?: boolean;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('watch')
    .description('read every card presented until interrupted (Ctrl-C): one line per card')
    .option('--reader <name>', 'only this reader (exact name or a part of it)')
    .option('--json', 'one JSON object per line and per card')
    .option('--reveal', 'show card numbers in full')
    .option('--full', 'read every application and the optional data of each card')
    .action(async (options: WatchCliOptions) => {
      try {
        context.setStatus(await watch(options));
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}

async function watch(options: WatchCliOptions): Promise<number> {
  const { watchCards } = await import('../../node/pcsc.js');
  const { readCard } = await import('../../read/read.js');

  const stop = new AbortController();
  const interrupt = (): void => stop.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  let cards = 0;
  try {
    await watchCards({
      reader: options.reader,
      signal: stop.signal,
      onWaiting: (names) => diag(`waiting for a card on ${names.join(', ')} (Ctrl-C to stop)`),
      onReaderChange: ({ readerName, present }) =>
        diag(`reader ${present ? 'plugged in' : 'unplugged'}: ${readerName}`),
      async onCard(card) {
        cards++;
        const result = await readCard(card.transceiver, { full: options.full });
        if (options.json) out(JSON.stringify(jsonLine(card.readerName, result, options.reveal)));
        else if (result.error && !result.pan) diag(`${card.readerName}: ${describe(result.error)}`);
        else out(`${card.readerName}: ${summary(result, options.reveal)}`);
      },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }

  diag(`stopped after ${cards} card${cards === 1 ? '' : 's'}`);
  return EXIT.OK;
}

function panOf(result: ReadResult, reveal: boolean | undefined): string | undefined {
  if (!result.pan) return undefined;
  return reveal ? result.pan : maskPan(result.pan);
}

/** One human line: brand, PAN, expiry, name. */
function summary(result: ReadResult, reveal: boolean | undefined): string {
  const parts = [
    result.brand ?? result.label ?? result.aid ?? 'card',
    panOf(result, reveal) ?? 'no card number',
  ];
  if (result.expiry) parts.push(`expires ${result.expiry}`);
  if (result.cardholderName) parts.push(JSON.stringify(result.cardholderName));
  if (result.error) parts.push(`(${describe(result.error)})`);
  return parts.join('  ');
}

function jsonLine(reader: string, result: ReadResult, reveal: boolean | undefined) {
  return {
    reader,
    ok: result.ok,
    pan: panOf(result, reveal),
    expiry: result.expiry,
    brand: result.brand,
    aid: result.aid,
    cardholderName: result.cardholderName,
    error: result.error ? { code: result.error.code, message: oneLine(result.error.message) } : undefined,
  };
}

function describe(e: PaycardError): string {
  return `${oneLine(e.message)} [${e.code}]`;
}
