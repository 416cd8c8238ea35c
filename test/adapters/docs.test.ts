/** docs/mobile.md stays true: its Info.plist AID list is the one derived from paycard's AID table. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as adapters from '../../src/adapters/index.js';
import { iosSelectIdentifiers, iosSelectIdentifiersPlist } from '../../src/adapters/index.js';
import { probeAids } from '../../src/card/aids.js';
import { repoRoot } from '../shared.js';

const doc = readFileSync(join(repoRoot, 'docs', 'mobile.md'), 'utf8');

describe('docs/mobile.md', () => {
  it('lists exactly the AIDs paycard may SELECT, PPSE first', () => {
    expect(doc).toContain(iosSelectIdentifiersPlist());
    const ids = iosSelectIdentifiers();
    expect(ids[0]).toBe('325041592E5359532E4444463031'); // 2PAY.SYS.DDF01
    expect(ids).toContain('315041592E5359532E4444463031'); // 1PAY.SYS.DDF01
    for (const aid of probeAids()) expect(ids).toContain(aid);
  });

  it('uses only adapters that exist', () => {
    const used = new Set(
      doc.match(/\b(?:nfcManager|numberArray|uint8Array|hex|bridge)Transceiver\b|\bbridgeError\b/g),
    );
    for (const name of used) expect(adapters).toHaveProperty(name);
  });
});
