import type { Command } from 'commander';
import type { CliContext } from '../context.js';

// Placeholder while the read flow lands (issue 2); replaced in the next commits.
export function register(program: Command, _context: CliContext): void {
  program.command('read').description('read a card');
}
