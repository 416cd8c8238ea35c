/**
 * Writes an exchange list in the transcript format that `parseTranscript` reads
 * (docs/transcripts.md): `#` comment lines, then one `send:` and one `resp:` line per exchange,
 * bytes as upper-case hex separated by spaces.
 */

import { toHex } from '../bytes/hex.js';
import type { Exchange } from '../transport/transceiver.js';

/**
 * Formats `exchanges` as a transcript, `comments` first (one `# ` line each; line breaks inside
 * a comment start new comment lines). An empty command is written as a blank `send:` (not
 * captured), which `parseTranscript` reads back as `null`. Ends with a line break.
 *
 *     formatTranscript([{ command: fromHex('00A4...'), response: fromHex('6F...9000') }], ['paycard'])
 *     // '# paycard\nsend: 00 A4 ...\nresp: 6F ... 90 00\n'
 */
export function formatTranscript(
  exchanges: readonly Exchange[],
  comments: readonly string[] = [],
): string {
  const lines: string[] = [];

  for (const comment of comments) {
    for (const line of comment.split(/\r?\n/)) lines.push(line === '' ? '#' : `# ${line}`);
  }

  for (const { command, response } of exchanges) {
    lines.push(command.length === 0 ? 'send:' : `send: ${toHex(command, ' ')}`);
    lines.push(response.length === 0 ? 'resp:' : `resp: ${toHex(response, ' ')}`);
  }
  return lines.join('\n') + '\n';
}
