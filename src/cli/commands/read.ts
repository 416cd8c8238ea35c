/**
 * `paycard read`: read a card from a desktop reader, a recorded transcript (`--replay`) or the
 * bundled demo card (`--demo`), and print a summary or JSON.
 */

import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export interface ReadFlags {
  demo?: boolean;
  replay?: string;
  json?: boolean;
  reveal?: boolean;
  verbose?: boolean;
  full?: boolean;
  tlv?: boolean;
  verify?: boolean;
  record?: string;
  redact?: boolean;
  reader?: string;
  timeout?: string;
  date?: string;
}

export function register(program: Command, context: CliContext): void {
  program
    .command('read')
    .description('read a card: PAN (masked), expiry, applications and every data object')
    .option('--demo', 'read the demo card bundled with paycard (no reader needed)')
    .option('--replay <file>', 'read a recorded transcript as if it were the card')
    .option('--json', 'print one JSON object (schema: docs/json-schema.md)')
    .option('--reveal', 'show full card numbers (masked by default)')
    .option('-v, --verbose', 'write every APDU exchange to stderr')
    .option('--full', 'also read every application, counters, the transaction log and CPLC')
    .option('--tlv', 'print every answer of the card as a decoded TLV tree')
    .option(
      '--verify',
      'offline data authentication (SDA, DDA, fDDA; CDA when the exchange holds one); never sends GENERATE AC',
    )
    .option('--record <file>', 'write the exchange as a transcript (redacted unless --no-redact)')
    .option('--no-redact', 'keep the real card number and name in the --record file')
    .option('--reader <name>', 'use this reader (exact name or part of it)')
    .option('--timeout <seconds>', 'give up waiting for a card after this many seconds')
    .option('--date <yyyy-mm-dd>', 'date of the read (expiry check, transaction date 9A)')
    .action(async (flags: ReadFlags) => {
      const { runRead } = await import('./read-run.js');
      context.setStatus(await runRead(flags));
    });
}
