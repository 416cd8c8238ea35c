/**
 * `paycard readers`: the PC/SC readers pcscd (or the system's PC/SC service) sees, and whether
 * each holds a card.
 */

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit.js';
import { diag, failure, out } from '../output.js';

export function register(program: Command, context: CliContext): void {
  program
    .command('readers')
    .description('list the PC/SC card readers and whether each holds a card')
    .option('--json', 'one JSON array: [{"name": ..., "cardPresent": ...}]')
    .action(async (options: { json?: boolean }) => {
      try {
        const { listReaders } = await import('../../node/pcsc.js');
        const readers = await listReaders();

        if (options.json) {
          out(JSON.stringify(readers));
        } else if (readers.length === 0) {
          diag(
            'no card reader found: plug in a PC/SC reader and check that its driver is installed',
          );
        } else {
          for (const r of readers) out(`${r.name}\t${r.cardPresent ? 'card present' : 'no card'}`);
        }
        context.setStatus(readers.length === 0 ? EXIT.IO : EXIT.OK);
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}
