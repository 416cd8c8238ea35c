/**
 * `paycard verify FILE`: offline data authentication of a recorded transcript. Only the
 * command's definition lives here; the work loads when it runs (verify-run.ts).
 */

import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { failure } from '../output.js';
import type { VerifyOptions } from './verify-run.js';

function parseDate(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return date;
}

/** Registers `paycard verify FILE`. */
export function register(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description('check offline data authentication (SDA, DDA, fDDA, CDA) in a transcript')
    .argument('<file>', 'a transcript (send:/resp: lines)')
    .option(
      '--date <YYYY-MM-DD>',
      'date certificates are checked against (default today)',
      parseDate,
    )
    .option('--json', 'machine-readable output')
    .option('--capk <file>', 'more CA public keys (JSON list, see docs/oda.md)')
    .option('--reveal', 'show card numbers in full')
    .action(async (file: string, options: VerifyOptions) => {
      try {
        const { runVerify } = await import('./verify-run.js');
        await runVerify(file, options, context);
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}
