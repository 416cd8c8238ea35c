/**
 * Blank `send:` entries (commands a sniffer missed): `inferBlankCommands` takes a GPO answer
 * before any GPO as the GPO (its PDOL data unknown) and record templates after it as the AFL's
 * records not read under a real READ RECORD; methods hashing the PDOL data are then not
 * performed, never failed over a guessed Unpredictable Number.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.js';
import { GPO_NOT_CAPTURED, inferBlankCommands } from '../../src/oda/exchanges.js';
import { verifyExchanges } from '../../src/oda/verify.js';
import { parseTranscript, type TranscriptEntry } from '../../src/transcript/parse.js';
import { shared } from './helpers.js';

function entries(file: string): TranscriptEntry[] {
  return parseTranscript(readFileSync(join(shared!, 'fixtures', 'transcripts', file), 'utf8'));
}

/** `00 B2 rec p2` of each inferred READ RECORD as `sfi:rec`. */
function records(exchanges: ReturnType<typeof inferBlankCommands>): string[] {
  return exchanges
    .filter((e) => e.command[1] === 0xb2 && e.response[0] === 0x70)
    .map((e) => `${e.command[3] >> 3}:${e.command[2]}`);
}

describe('inferBlankCommands', () => {
  it('keeps captured commands and drops blanks outside an application session', () => {
    const list = inferBlankCommands([
      { send: null, resp: fromHex('770682020000940400') },
      { send: fromHex('00A404000E325041592E5359532E444446303100'), resp: fromHex('9000') },
      { send: null, resp: fromHex('8006000008010100 9000') },
    ]);
    expect(list.map((e) => toHex(e.command))).toEqual(['00A404000E325041592E5359532E444446303100']);
  });

  it('a format 1 answer must be 2 + 4n bytes to be taken as the GPO', () => {
    const select = { send: fromHex('00A4040007A000000003101000'), resp: fromHex('9000') };
    const odd = inferBlankCommands([select, { send: null, resp: fromHex('8003000008 9000') }]);
    expect(odd).toHaveLength(1);
    const ok = inferBlankCommands([
      select,
      { send: null, resp: fromHex('800600000801 0100 9000') },
    ]);
    expect(ok[1].command[1]).toBe(0xa8);
    expect(ok[1].commandUnknown).toBe(GPO_NOT_CAPTURED);
  });
});

describe.skipIf(!shared)('blank send: in the shared transcripts', () => {
  it('cb-visa-ppse-sdad: the GPO and AFL records 2:2-2:4 are inferred; FCI and 6D00 are not', () => {
    const list = inferBlankCommands(entries('cb-visa-ppse-sdad.apdu'));
    const gpo = list.filter((e) => e.command[1] === 0xa8);
    expect(gpo).toHaveLength(1);
    expect(gpo[0].commandUnknown).toBe(GPO_NOT_CAPTURED);
    expect(records(list)).toEqual(['2:2', '2:3', '2:4']);
    expect(list.some((e) => toHex(e.response) === '6D00')).toBe(false);

    const report = verifyExchanges(list, { date: new Date('2016-01-01') });
    expect(report.aip).toBe('2000');
    const fdda = report.methods.find((m) => m.method === 'fDDA')!;
    expect(fdda.status).toBe('failed');
    expect(fdda.failedCheck).toBe('capk');
  });

  it('applepay-visa-transit: blank records take 3:2 and 3:3 (3:1 was read for real)', () => {
    const list = inferBlankCommands(entries('applepay-visa-transit.apdu'));
    expect(records(list)).toEqual(['3:1', '3:2', '3:3']);
    const report = verifyExchanges(list, { date: new Date('2022-01-01') });
    expect(report.issuerKey).not.toBeNull();
    expect(report.iccKey).not.toBeNull();
  });

  it('fDDA over a known GPO verifies; over an uncaptured one it is not performed, not failed', () => {
    // The fixture's PAN was masked; put back the certificate's so the chain passes.
    const recorded = entries('applepay-visa-transit.apdu');
    const date = new Date('2022-01-01');
    const first = verifyExchanges(inferBlankCommands(recorded), { date });
    const certPan = fromHex(first.certificatePan!.replace(/F+$/, ''));
    const masked = fromHex('4642359999993640');
    const fixed = recorded.map((e) => {
      const at = toHex(e.resp).indexOf('5A08' + toHex(masked));
      if (at < 0 || at % 2 !== 0) return e;
      const resp = e.resp.slice();
      resp.set(certPan, at / 2 + 2);
      return { ...e, resp };
    });

    const known = verifyExchanges(inferBlankCommands(fixed), { date });
    expect(known.chain.filter((s) => !s.ok && s.check !== 'expiry')).toEqual([]);
    const ran = known.methods.find((m) => m.method === 'fDDA')!;
    // A real Visa fDDA signature (Signed Data Format 95) over the recorded UN, amount, currency
    // and 9F69: every check of 9F4B passes.
    expect(ran.signatureValid).toBe(true);
    expect(ran.steps.filter((s) => s.object === '9F4B' && !s.ok)).toEqual([]);
    expect(ran.steps.find((s) => s.check === 'format')?.detail).toMatch(/^format 95/);

    const blanked = fixed.map((e) => (e.send?.[1] === 0xa8 ? { ...e, send: null } : e));
    const unknown = verifyExchanges(inferBlankCommands(blanked), { date });
    expect(unknown.iccKey).not.toBeNull();
    const skipped = unknown.methods.find((m) => m.method === 'fDDA')!;
    expect(skipped.status).toBe('not performed');
    expect(skipped.reason).toMatch(/not captured/);
  });
});
