/**
 * `paycard verify FILE`: offline data authentication of a recorded transcript. Only the
 * command's definition lives here; the work loads when it runs (verify-run.ts).
 */

import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { parseIsoDate } from '../date.js';
import { PaycardError } from '../../errors.js';
import { failure, oneLine, out } from '../output.js';
import type { VerifyOptions } from './verify-run.js';

function parseDate(text: string): Date {
  const date = parseIsoDate(text);
  if (!date) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return date;
}

/**
 * The `--json` object of a failed run, so stdout always holds one object (like `read --json`):
 * `{ file, error: { code, message }, sessions: [] }`; no session was verified.
 */
function failureJson(file: string, e: unknown): string {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code =
    e instanceof PaycardError
      ? e.code
      : typeof err?.code === 'string' && /^E[A-Z]+$/.test(err.code)
        ? err.code
        : 'INTERNAL';
  const message = oneLine(e instanceof Error ? e.message : String(e));
  return JSON.stringify({ file, error: { code, message }, sessions: [] }, null, 2);
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
        if (options.json) out(failureJson(file, e));
        context.setStatus(failure(e));
      }
    });
}
