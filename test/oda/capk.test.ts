/** CA public keys (EMV Book 2 §11.2.2): the built-in table, users' key files, lookup. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { builtinCapks, findCapks, loadCapks, parseCapkList } from '../../src/oda/capk.js';
import { CA_PUBLIC_KEYS } from '../../src/oda/capk-table.js';
import { shared } from './helpers.js';

describe('CA public key table', () => {
  it('loads every built-in key, each checked against its SHA-1 checksum', () => {
    const keys = builtinCapks();
    expect(keys.length).toBe(CA_PUBLIC_KEYS.length);
    for (const k of keys) {
      expect(['03', '010001']).toContain(toHex(k.exponent));
      expect(k.modulus.length).toBeLessThanOrEqual(248);
    }
    expect(findCapks(keys, 'a000000025', 'a1')[0].use).toBe('test');
  });

  it('refuses a key whose checksum does not match, or whose exponent EMV forbids', () => {
    const k = CA_PUBLIC_KEYS[0];
    const good = {
      rid: k.rid,
      index: k.index,
      modulus: k.modulus,
      exponent: k.exponent,
      checksum: k.checksum,
    };
    expect(loadCapks([good])[0].checksum).toBe(k.checksum);
    const flipped = k.modulus.slice(0, -1) + (k.modulus.endsWith('0') ? '1' : '0');
    expect(() => loadCapks([{ ...good, modulus: flipped }])).toThrow(/checksum/);
    expect(() => loadCapks([{ ...good, exponent: '02', checksum: undefined }])).toThrow(/exponent/);
    expect(() => loadCapks({ nope: 1 })).toThrow(/array/);
    expect(parseCapkList({ keys: [good, { rid: 'zz' }] }).rejected).toHaveLength(1);
  });

  it.skipIf(!shared)(
    'matches ../shared/oda/capk.json, leaving out only the keys EMV forbids',
    () => {
      const json = JSON.parse(readFileSync(join(shared!, 'oda', 'capk.json'), 'utf8'));
      const { keys, rejected } = parseCapkList(json);
      expect(keys.map((k) => k.checksum)).toEqual(CA_PUBLIC_KEYS.map((k) => k.checksum));
      expect(rejected.map((r) => `${r.rid}/${r.index}`)).toHaveLength(7);
    },
  );
});
