/**
 * The work behind `paycard tlv HEX` (or `-` for stdin), loaded only when the command runs: any BER-TLV, such as a card answer pasted from a log,
 * as a tree with every tag named and every value decoded; `--json` for the same tree as JSON.
 * Hex may contain spaces, colons, `0x` and line breaks, and end with a status word. Bad hex is
 * one error line naming the position, exit status 2; so is TLV that is cut short or malformed,
 * after the tree of what decoded.
 */

import pc from 'picocolors';
import { fromHex } from '../../bytes/hex.js';
import { isScheme, schemeOfAid } from '../../dictionary/dictionary.js';
import { ParseError, PaycardError } from '../../errors.js';
import {
  buildTlvTree,
  linesToText,
  renderTlvLines,
  type Colorizer,
  type SegmentKind,
  type TlvTree,
} from '../../render/tlv-tree.js';
import { EXIT } from '../exit.js';
import { failure, out } from '../output.js';

export interface TlvOptions {
  json?: boolean;
  reveal?: boolean;
  scheme?: string;
}

const PAINT: Record<SegmentKind, (s: string) => string> = {
  tag: pc.cyan,
  name: pc.bold,
  unknown: pc.dim,
  length: pc.dim,
  value: pc.yellow,
  summary: pc.green,
  detail: (s) => s,
  fallback: pc.magenta,
  sw: pc.blue,
  warning: pc.red,
  plain: (s) => s,
};

/**
 * The colours of a TLV tree for a stream: picocolors when `stream` is a terminal and NO_COLOR
 * is not set, else none. `paycard read --tlv` passes this to `renderTlvText`.
 */
export function tlvColorizer(stream: NodeJS.WriteStream = process.stdout): Colorizer {
  const on = stream.isTTY === true && !('NO_COLOR' in process.env) && pc.isColorSupported;
  return on ? (kind, text) => PAINT[kind](text) : (_kind, text) => text;
}

/** Said when the input held bytes but all were 00/FF padding (EMV Book 3 Annex B1). */
export const PADDING_ONLY = '(no TLV elements: only 00/FF padding)';

/** True when non-empty input decoded to nothing at all: every byte was 00 or FF padding. */
function onlyPadding(tree: TlvTree): boolean {
  return tree.elements.length === 0 && tree.statusWord === undefined && tree.warnings.length === 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function runTlv(hex: string, options: TlvOptions): Promise<number> {
  if (options.scheme !== undefined && !isScheme(options.scheme) && !schemeOfAid(options.scheme)) {
    const message = `--scheme ${options.scheme} is neither a scheme nor an AID of one`;
    throw new PaycardError('USAGE', message);
  }

  const text = hex === '-' ? await readStdin() : hex;
  const bytes = fromHex(text.trim());
  if (bytes.length === 0) throw new ParseError('HEX_INVALID', 'no hex bytes given', 0);

  const tree = buildTlvTree(bytes, { reveal: options.reveal, scheme: options.scheme });
  if (options.json) out(JSON.stringify(tree, null, 2));
  else if (onlyPadding(tree)) out(PADDING_ONLY);
  else out(linesToText(renderTlvLines(tree), tlvColorizer()));

  // The partial tree is printed; the input was still bad (docs/cli.md: TLV_* exit 2).
  if (tree.problem) {
    const { code, message, offset } = tree.problem;
    return failure(new ParseError(code, message, offset));
  }
  return EXIT.OK;
}
