/**
 * The work behind `paycard watch` (loaded when it runs): reads every card presented to the reader(s) until interrupted, one summary
 * line (or with `--json` one line holding the object `read --json` prints, plus `reader`) per card on stdout, and carries on after cards that fail
 * (their error goes to stderr, or into the JSON line).
 */

import { maskPan } from '../../card/pan.js';
import type { PaycardError } from '../../errors.js';
import type { ReadResult } from '../../read/result.js';
import { EXIT } from '../exit.js';
import { resultToJson } from '../format.js';
import { diag, oneLine, out } from '../output.js';

export interface WatchCliOptions {
  reader?: string;
  json?: boolean;
  reveal?: boolean;
  full?: boolean;
}

export async function runWatch(options: WatchCliOptions): Promise<number> {
  const { pendingTransmits, watchCards } = await import('../../node/pcsc.js');
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
        // Ctrl-C during a read (a card that stopped answering) ends it at once.
        const result = await readCard(card.transceiver, {
          full: options.full,
          signal: stop.signal,
        });
        if (result.error?.code === 'ABORTED') return;
        if (options.json) {
          out(
            JSON.stringify({
              reader: card.readerName,
              ...resultToJson(result, { reveal: options.reveal ?? false }),
            }),
          );
        } else if (result.error && !result.pan)
          diag(`${card.readerName}: ${describe(result.error)}`);
        else out(`${card.readerName}: ${summary(result, options.reveal)}`);
      },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }

  diag(`stopped after ${cards} card${cards === 1 ? '' : 's'}`);
  if (stop.signal.aborted && pendingTransmits() > 0) {
    // A card in the field that never answered holds a native transmit pcsc-lite cannot cancel,
    // and Node.js waits for it even in process.exit() (docs/pcsc.md): end by the signal itself.
    diag('paycard: a card is still silent in the reader; ending without waiting for it');
    process.kill(process.pid, 'SIGINT');
  }
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

function describe(e: PaycardError): string {
  return `${oneLine(e.message)} [${e.code}]`;
}
