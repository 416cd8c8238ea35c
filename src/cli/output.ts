/**
 * How the CLI speaks: results to stdout, diagnostics to stderr, every failure as one line
 * `paycard: <message> [<CODE>]`, never a stack trace.
 */

import { PaycardError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit.js';

export function out(line: string): void {
  process.stdout.write(line + '\n');
}

export function diag(line: string): void {
  process.stderr.write(line + '\n');
}

/** One line on stderr for `e`; returns the exit status it maps to. */
export function failure(e: unknown): number {
  if (e instanceof PaycardError) {
    diag(`paycard: ${oneLine(e.message)} [${e.code}]`);
    return exitCodeFor(e.code);
  }

  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
    const path = err.path ? `${err.path}: ` : '';
    const text =
      err.code === 'ENOENT'
        ? 'no such file'
        : err.code === 'EISDIR'
          ? 'is a directory, not a file'
          : err.code === 'EACCES'
            ? 'permission denied'
            : oneLine(err.message);
    diag(`paycard: ${path}${text} [${err.code}]`);
    return EXIT.BAD_INPUT;
  }

  const message = e instanceof Error ? e.message : String(e);
  diag(`paycard: internal error: ${oneLine(message)} (please report this) [INTERNAL]`);
  return EXIT.INTERNAL;
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
