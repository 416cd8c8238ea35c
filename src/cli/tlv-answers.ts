/**
 * `paycard read --tlv`: every answer of the card as a decoded TLV tree (the same renderer as
 * `paycard tlv`), each under its command and status word, PANs masked unless `--reveal`.
 */

import { instructionName } from '../apdu/commands.js';
import { describeSw, formatSw, statusWord } from '../apdu/status.js';
import type { ReadResult } from '../read/result.js';
import { renderTlvText } from '../render/tlv-tree.js';
import { tlvColorizer } from './commands/tlv-run.js';

export interface AnswerOptions {
  reveal: boolean;
  pans: Set<string>;
}

export function renderAnswers(result: ReadResult, options: AnswerOptions): string {
  const color = tlvColorizer();
  const pans = [...options.pans];
  const blocks: string[] = [];

  for (const exchange of result.exchanges) {
    const sw = statusWord(exchange.response);
    const head = `${instructionName(exchange.command)} -> ${formatSw(sw)} (${describeSw(sw)})`;
    const data = exchange.response.subarray(0, Math.max(0, exchange.response.length - 2));
    if (data.length === 0) {
      blocks.push(head);
      continue;
    }
    const tree = renderTlvText(data, { reveal: options.reveal, pans, scheme: result.aid, color });
    blocks.push(`${head}\n${tree.replace(/^/gm, '  ')}`);
  }
  return blocks.join('\n');
}
