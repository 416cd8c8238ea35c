/**
 * `paycard watch`: read every card presented until interrupted, one line per card. Only the
 * command's definition lives here; the work loads when it runs (watch-run.ts).
 */

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { failure } from '../output.js';
import type { WatchCliOptions } from './watch-run.js';

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
        const { runWatch } = await import('./watch-run.js');
        context.setStatus(await runWatch(options));
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}
