/**
 * nfc-pcsc is an optional dependency: without it (no PC/SC headers when npm built it), every
 * command that needs a reader says exactly what to install, in one line, with the I/O status;
 * everything else keeps working.
 */

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../shared.js';

const hooks = join(repoRoot, 'test', 'cli', 'hooks', 'no-nfc-pcsc.mjs');

function paycardWithoutPcsc(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', hooks, join(repoRoot, 'bin', 'paycard.js'), ...args],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
}

describe('without nfc-pcsc', () => {
  for (const command of [['read'], ['readers'], ['watch']]) {
    it(`paycard ${command.join(' ')} says what to install, exit 5`, () => {
      const run = paycardWithoutPcsc(...command);
      expect(run.status, run.stderr).toBe(5);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^paycard: PC\/SC support is not available .*\[DRIVER_MISSING\]$/);
      expect(lines[0]).toMatch(/pcscd/);
      expect(lines[0]).toMatch(/libpcsclite-dev/);
      expect(lines[0]).toMatch(/npm rebuild nfc-pcsc/);
    });
  }

  it('reading a transcript needs no PC/SC at all', () => {
    const run = paycardWithoutPcsc('read', '--demo', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).pan).toBe('411111******1111');
  });
});
