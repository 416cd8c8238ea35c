/**
 * `paycard emulate FILE`: serves a transcript as a card to pcscd through the vsmartcard vpcd
 * driver (docs/pcsc.md), following the "as a card" replay rules, until interrupted or, with
 * `--once`, until the first session that sent a command ends.
 */

import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { fromHex, toHex } from '../../bytes/hex.js';
import { TransportError } from '../../errors.js';
import { createTranscriptCard } from '../../transcript/card.js';
import { parseTranscript } from '../../transcript/parse.js';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit.js';
import { diag, failure } from '../output.js';

interface EmulateOptions {
  host: string;
  port: number;
  once?: boolean;
  atr?: string;
  verbose?: boolean;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('emulate')
    .description('serve a transcript as a card to pcscd through the vsmartcard vpcd driver')
    .argument('<file>', 'transcript (send:/resp: lines)')
    .option('--host <address>', 'vpcd address', '127.0.0.1')
    .option('--port <port>', 'vpcd port (35963: reader "Virtual PCD 00 00")', parsePort, 35963)
    .option('--once', 'leave the reader after the first session that sent a command')
    .option('--atr <hex>', 'Answer To Reset to give (default: a contactless card\'s)')
    .option('-v, --verbose', 'print every command and answer on stderr')
    .action(async (file: string, options: EmulateOptions) => {
      try {
        context.setStatus(await emulate(file, options));
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('expected a TCP port, 1-65535');
  }
  return port;
}

async function emulate(file: string, options: EmulateOptions): Promise<number> {
  const port = options.port;
  const entries = parseTranscript(readFileSync(file, 'utf8'));
  const atr = options.atr === undefined ? undefined : fromHex(options.atr);
  const { connectVirtualCard } = await import('../../node/vpcd.js');

  const card = await connectVirtualCard({
    host: options.host,
    port,
    atr,
    once: options.once,
    newCard: () => createTranscriptCard(entries),
    onCommand: options.verbose
      ? (command, response) => diag(`> ${toHex(command, ' ')}\n< ${toHex(response, ' ')}`)
      : undefined,
    onCardError: (e, command) =>
      diag(`paycard: emulate: no answer for ${toHex(command)}: ${(e as Error).message}`),
  });
  diag(`serving ${file} as a card at ${options.host}:${port}${options.once ? ' (once)' : ''}; Ctrl-C to stop`);

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
