/**
 * Every 9000 answer of the public transcripts decodes, and every element whose tag has a
 * decoder of its own decodes without falling back to raw.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupTag, schemeOfAid } from '../../src/dictionary/dictionary.js';
import type { Scheme } from '../../src/dictionary/types.js';
import { decodeValue, hasDecoder } from '../../src/decode/index.js';
import { buildTlvTree } from '../../src/render/tlv-tree.js';
import { decodeTlvLenient, findTlv, flattenTlv, tagHex } from '../../src/tlv/tlv.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import { requireShared } from '../shared.js';

const shared = requireShared();
const dir = shared ? join(shared, 'fixtures', 'transcripts') : '';
const files = shared ? readdirSync(dir).filter((f) => f.endsWith('.apdu')) : [];

describe.skipIf(!shared)('public transcripts through the dictionary and decoders', () => {
  it.each(files)('%s: no decoder falls back on a 9000 answer', (file) => {
    const entries = parseTranscript(readFileSync(join(dir, file), 'utf8'));
    let scheme: Scheme | undefined;
    let checked = 0;
    const misfits: string[] = [];

    for (const { send, resp } of entries) {
      // The application selected last decides the kernel-specific meanings.
      if (send && send[1] === 0xa4 && send.length > 5)
        scheme = schemeOfAid(send.subarray(5, 5 + send[4]));
      if (resp.length < 2 || resp[resp.length - 2] !== 0x90 || resp[resp.length - 1] !== 0)
        continue;

      const { elements } = decodeTlvLenient(resp.subarray(0, resp.length - 2));
      const df = findTlv(elements, 0x84);
      if (df) scheme = schemeOfAid(df.value) ?? scheme;

      for (const e of flattenTlv(elements)) {
        const row = lookupTag(e.tag, scheme, e.value.length);
        if (!row || !hasDecoder(e.tag, row.scheme ?? scheme)) continue;
        checked++;
        const d = decodeValue(e.tag, e.value, { scheme });
        if (d?.fallback !== undefined)
          misfits.push(`${tagHex(e.tag)} (${scheme ?? 'generic'}): ${d.fallback}`);
      }

      expect(() => buildTlvTree(resp, { scheme })).not.toThrow();
    }

    expect(misfits).toEqual([]);
    if (!file.startsWith('t0-') && !file.includes('6986')) expect(checked).toBeGreaterThan(0);
  });
});
