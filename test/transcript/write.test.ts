import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromHex } from '../../src/bytes/hex.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import { formatTranscript } from '../../src/transcript/write.js';

describe('formatTranscript', () => {
  test('writes comments, then send:/resp: lines in upper-case spaced hex', () => {
    const text = formatTranscript(
      [{ command: fromHex('00a404000e'), response: fromHex('6a82') }],
      ['recorded by paycard', 'two\nlines'],
    );
    expect(text).toBe('# recorded by paycard\n# two\n# lines\nsend: 00 A4 04 00 0E\nresp: 6A 82\n');
  });

  test('parseTranscript reads back every exchange list it writes', () => {
    const bytes = (min: number) => fc.uint8Array({ minLength: min, maxLength: 300 });
    const exchange = fc.record({ command: bytes(4), response: bytes(2) });
    fc.assert(
      fc.property(
        fc.array(exchange, { minLength: 1, maxLength: 20 }),
        fc.array(fc.string()),
        (list, comments) => {
          const entries = parseTranscript(formatTranscript(list, comments));
          expect(entries.map((e) => ({ command: e.send, response: e.resp }))).toEqual(list);
        },
      ),
    );
  });
});
