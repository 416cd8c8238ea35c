/**
 * `paycard emulate FILE`: a transcript served as a card to pcscd through the vsmartcard vpcd
 * driver. Only the command's definition lives here; the work loads when it runs
 * (emulate-run.ts).
 */

import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { failure } from '../output.js';
import type { EmulateOptions } from './emulate-run.js';

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('expected a TCP port, 1-65535');
  }
  return port;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('emulate')
    .description('serve a transcript as a card to pcscd through the vsmartcard vpcd driver')
    .argument('<file>', 'transcript (send:/resp: lines)')
    .option('--host <address>', 'vpcd address', '127.0.0.1')
    .option('--port <port>', 'vpcd port (35963: reader "Virtual PCD 00 00")', parsePort, 35963)
    .option('--once', 'leave the reader after the first session that sent a command')
    .option('--atr <hex>', "Answer To Reset to give (default: a contactless card's)")
    .option('-v, --verbose', 'print every command and answer on stderr (card numbers masked)')
    .option('--reveal', 'with -v, show card numbers in full')
    .action(async (file: string, options: EmulateOptions) => {
      try {
        const { runEmulate } = await import('./emulate-run.js');
        context.setStatus(await runEmulate(file, options));
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}
