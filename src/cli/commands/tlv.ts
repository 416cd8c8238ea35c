/**
 * `paycard tlv HEX` (or `-` for stdin): decode any BER-TLV into a named, explained tree.
 * Only the command's definition lives here; the work loads when it runs (tlv-run.ts).
 */

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { failure } from '../output.js';
import type { TlvOptions } from './tlv-run.js';

/** Registers `paycard tlv`. */
export function register(program: Command, context: CliContext): void {
  program
    .command('tlv')
    .description('decode BER-TLV hex (a card answer, a record, a DOL) into a named, explained tree')
    .argument('<hex>', "hex bytes (spaces, colons, 0x and line breaks allowed), or '-' for stdin")
    .option('--json', 'print the tree as JSON')
    .option('--reveal', 'show card numbers in full (masked by default)')
    .option(
      '--scheme <scheme>',
      'scheme or AID for kernel-specific tags (visa, mastercard, amex, jcb, discover, unionpay, interac)',
    )
    .action(async (hex: string, options: TlvOptions) => {
      try {
        const { runTlv } = await import('./tlv-run.js');
        context.setStatus(await runTlv(hex, options));
      } catch (e) {
        context.setStatus(failure(e));
      }
    });
}
