/**
 * `paycard verify FILE` and `paycard read --replay FILE --verify` on every shared transcript:
 * the same methods, the same statuses and the same verdict, except where docs/oda.md says why
 * (a replay cannot sign a fresh challenge and the read never sends GENERATE AC, so a recorded
 * DDA or CDA checked by `verify` is `not performed` after a replayed read). Also: `verify --json`
 * prints one JSON object in every case.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../run-main.js';
import { shared } from './helpers.js';

const cli = runMain;

interface Method {
  method: string;
  status: string;
}

/** method → status (CDA per GENERATE AC is folded into one entry, the first status). */
function statuses(methods: Method[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const m of methods ?? []) map[m.method] ??= m.status;
  return map;
}

const files = shared
  ? readdirSync(join(shared, 'fixtures', 'transcripts')).filter((f) => f.endsWith('.apdu'))
  : [];

describe.skipIf(!shared)('verify FILE and read --replay FILE --verify agree', () => {
  for (const name of files) {
    it(name, async () => {
      const file = join(shared!, 'fixtures', 'transcripts', name);
      const date = ['--date', '2020-01-01'];
      const v = await cli(['verify', '--json', ...date, file]);
      const r = await cli(['read', '--replay', file, '--verify', '--json', ...date]);

      // verify --json: one object on stdout, failures included; one line on stderr when failing.
      const vj = JSON.parse(v.stdout);
      expect(vj.file).toBe(file);
      if (v.status !== 0 && v.status !== 6) {
        expect(vj.error.code).toMatch(/^[A-Z_]+$/);
        expect(v.stderr.trim().split('\n')).toHaveLength(1);
      }
      const rj = JSON.parse(r.stdout);

      const sessions = vj.sessions as { methods: Method[] }[];
      const fromFile = statuses(sessions[sessions.length - 1]?.methods);
      const fromRead = statuses(rj.verify?.methods);
      for (const [method, status] of Object.entries(fromFile)) {
        const replayed = fromRead[method];
        // A recorded DDA / CDA: the replayed read sends no INTERNAL AUTHENTICATE / GENERATE AC.
        if ((method === 'DDA' || method === 'CDA') && replayed === 'not performed') continue;
        expect({ method, status: replayed }).toEqual({ method, status });
      }
      for (const method of Object.keys(fromRead)) expect(Object.keys(fromFile)).toContain(method);

      const failed = (m: Record<string, string>) => Object.values(m).includes('failed');
      expect(failed(fromRead)).toBe(failed(fromFile));
      if (rj.verify) expect(r.status === 6).toBe(v.status === 6);
    });
  }
});
