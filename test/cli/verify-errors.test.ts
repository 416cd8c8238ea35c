/**
 * `paycard verify` and `paycard read --verify`: exit statuses and the one stderr line of each
 * failure (docs/cli.md): 6 only when ODA ran and a check failed, 3 (NO_APPLICATION) when there
 * is nothing to authenticate, 2 (TRANSCRIPT_INVALID) for a directory or an oversized file.
 */

import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../run-main.js';
import { requireShared } from '../shared.js';

const shared = requireShared();
const fixture = (f: string) => join(shared ?? '', 'fixtures', 'transcripts', f);

const cli = runMain;

describe.skipIf(!shared)('verify exit statuses', () => {
  for (const file of ['girocard-geldkarte-ppse.apdu', 'applepay-visa-locked-6986.apdu']) {
    it(`${file}: no application session is NO_APPLICATION (3), not an ODA failure`, async () => {
      const r = await cli(['verify', fixture(file)]);
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(
        /^paycard: .*no application session with GET PROCESSING OPTIONS.*\[NO_APPLICATION\]\n$/,
      );
    });
  }

  it('read --verify that fails says why on one stderr line and exits 6', async () => {
    const r = await cli(['read', '--replay', fixture('applepay-visa-transit.apdu'), '--verify']);
    expect(r.status).toBe(6);
    const lines = r.stderr.split('\n').filter((l) => l.includes('offline data authentication'));
    expect(lines).toEqual([
      'paycard: offline data authentication failed: fDDA pan check on 9F46: ' +
        'certificate PAN 464235******3640FFFF [ODA_FAILED]',
    ]);
  });

  it('read --verify that passes prints nothing on stderr about ODA', async () => {
    const r = await cli([
      'read',
      '--replay',
      fixture('amex-test-card-cda.apdu'),
      '--verify',
      '--date',
      '2014-01-01',
    ]);
    expect(r.stderr).not.toContain('offline data authentication');
  });
});

describe('verify refuses what is not a transcript', () => {
  it('names the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycard-verify-'));
    const r = await cli(['verify', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `paycard: ${dir} is a directory, not a transcript [TRANSCRIPT_INVALID]\n`,
    );
  });

  it('refuses a file over 8 MiB', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'paycard-verify-')), 'big.apdu');
    writeFileSync(file, '');
    truncateSync(file, 8 * 1024 * 1024 + 1);
    const r = await cli(['verify', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/too large for a transcript \[TRANSCRIPT_INVALID\]\n$/);
  });
});
