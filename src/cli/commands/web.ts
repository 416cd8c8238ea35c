/**
 * `paycard web [--port N]`: the offline page on 127.0.0.1. Only the command's definition lives
 * here; the server loads when it runs (web-run.ts).
 */

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { failure } from '../output.js';

/** Registers `paycard web`. */
export function register(program: Command, context: CliContext): void {
  program
    .command('web')
    .description('serve the offline page (decode hex, replay transcripts) on 127.0.0.1')
    .option('--port <n>', 'port to listen on (default 8454, or a free one if busy; 0 for any)')
    .action(async (options: { port?: string }) => {
      try {
        const { runWeb } = await import('./web-run.js');
        context.setStatus(await runWeb(options));
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}
