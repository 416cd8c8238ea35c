/**
 * `paycard` command line. Each command lives in its own file under src/cli/commands/ and is
 * registered here; heavy modules (nfc-pcsc, the dictionary, ODA) load only inside the action
 * that needs them, so `paycard --version` starts fast.
 */

import { Command, CommanderError } from 'commander';
import { EXIT } from './exit.js';
import { failure, oneLine } from './output.js';
import type { CliContext } from './context.js';
import { register as registerRead } from './commands/read.js';
import { register as registerVerify } from './commands/verify.js';
import { register as registerReaders } from './commands/readers.js';
import { register as registerWatch } from './commands/watch.js';
import { register as registerEmulate } from './commands/emulate.js';
import { register as registerTlv } from './commands/tlv.js';
import { register as registerWeb } from './commands/web.js';

const VERSION = '0.1.0';

/** Runs the CLI on `argv` (as `process.argv`) and resolves the exit status. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('paycard')
    .description('Read EMV payment cards: PAN, expiry, applications and every data object.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stdout.write(s),
      // Usage errors read like every other failure: one line, `paycard: ... [USAGE]`.
      outputError: (s, write) => write(`paycard: ${oneLine(s.replace(/^error: /, ''))} [USAGE]\n`),
    });

  let status: number = EXIT.OK;
  const context: CliContext = {
    setStatus: (code) => {
      status = code;
    },
  };

  // One line per command file.
  registerRead(program, context);
  registerVerify(program, context);
  registerReaders(program, context);
  registerWatch(program, context);
  registerEmulate(program, context);
  registerTlv(program, context);
  registerWeb(program, context);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return EXIT.OK;
      return EXIT.BAD_INPUT;
    }
    return failure(e);
  }
  return status;
}
