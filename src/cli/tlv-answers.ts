/**
 * `paycard read --tlv`: every answer of the card as a TLV tree with tag names, PANs masked.
 */

import { instructionName } from '../apdu/commands.js';
import { describeSw, formatSw, statusWord } from '../apdu/status.js';
import { toAscii, isPrintableAscii } from '../bytes/hex.js';
import { maskedHex } from '../card/privacy.js';
import { tagName } from '../dictionary/dictionary.js';
import type { ReadResult } from '../read/result.js';
import { decodeTlvLenient, tagHex, type Tlv } from '../tlv/tlv.js';

export interface AnswerOptions {
  reveal: boolean;
  pans: Set<string>;
}

function tree(elements: readonly Tlv[], depth: number, options: AnswerOptions, lines: string[]): void {
  for (const e of elements) {
    const pad = '  '.repeat(depth);
    const name = tagName(e.tag) ?? 'unknown tag';
    if (e.children) {
      lines.push(`${pad}${tagHex(e.tag)} ${name} (${e.value.length} bytes)`);
      tree(e.children, depth + 1, options, lines);
      continue;
    }
    const hex = options.reveal ? maskedHex(e.value, [], ' ') : maskedHex(e.value, options.pans, ' ');
    const text = isPrintableAscii(e.value) && e.value.length > 1 && ![0x5a, 0x57, 0x9f6b, 0x56].includes(e.tag)
      ? `  "${toAscii(e.value)}"`
      : '';
    lines.push(`${pad}${tagHex(e.tag)} ${name} (${e.value.length}): ${hex}${text}`);
  }
}

export function renderAnswers(result: ReadResult, options: AnswerOptions): string {
  const lines: string[] = [];
  for (const exchange of result.exchanges) {
    const sw = statusWord(exchange.response);
    lines.push(`${instructionName(exchange.command)} -> ${formatSw(sw)} ${describeSw(sw)}`);
    const data = exchange.response.subarray(0, Math.max(0, exchange.response.length - 2));
    if (data.length === 0) continue;
    const { elements, warnings } = decodeTlvLenient(data);
    tree(elements, 1, options, lines);
    for (const w of warnings) lines.push(`  ! ${w.message}`);
  }
  return lines.join('\n');
}
