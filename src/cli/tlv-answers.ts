/**
 * `paycard read --tlv`: every answer of the card as a decoded TLV tree (the same renderer as
 * `paycard tlv`), each under its command and status word, PANs masked unless `--reveal`.
 */

import { instructionName } from '../apdu/commands.js';
import { describeSw, formatSw, statusWord } from '../apdu/status.js';
import type { ReadResult } from '../read/result.js';
import { buildTlvTree, renderTlvText, type TlvTree } from '../render/tlv-tree.js';
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

/** The same answers for `--json`: each command's name, status word and decoded tree. */
export function answersJson(
  result: ReadResult,
  options: AnswerOptions,
): { command: string; sw: string; meaning: string; tree?: TlvTree }[] {
  const pans = [...options.pans];
  return result.exchanges.map((exchange) => {
    const sw = statusWord(exchange.response);
    const data = exchange.response.subarray(0, Math.max(0, exchange.response.length - 2));
    const entry = {
      command: instructionName(exchange.command),
      sw: formatSw(sw),
      meaning: describeSw(sw),
    };
    if (data.length === 0) return entry;
    return {
      ...entry,
      tree: buildTlvTree(data, { reveal: options.reveal, pans, scheme: result.aid }),
    };
  });
}
