/**
 * No PAN in ODA output without --reveal: the card's (5A, track 2) and the application PAN
 * recovered from the ICC certificates (9F46, 9F2D, EMV Book 2 §6.4), in every output mode of
 * `paycard verify` and `paycard read --verify`, for every shared transcript.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../run-main.js';
import { responseData } from '../../src/apdu/status.js';
import { bcdDigits, fromHex } from '../../src/bytes/hex.js';
import { luhnValid } from '../../src/card/pan.js';
import { findPans } from '../../src/card/privacy.js';
import { rsaRecover } from '../../src/oda/rsa.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import { decodeTlvLenient, flattenTlv } from '../../src/tlv/tlv.js';
import { shared } from './helpers.js';

async function cli(args: string[]): Promise<{ status: number; output: string; stderr: string }> {
  const r = await runMain(args);
  return { status: r.status, output: r.stdout + r.stderr, stderr: r.stderr };
}

const dir = shared ? join(shared, 'fixtures', 'transcripts') : '';
const files = shared ? readdirSync(dir).filter((f) => f.endsWith('.apdu')) : [];

function answers(file: string): Uint8Array[] {
  return parseTranscript(readFileSync(join(dir, file), 'utf8'))
    .filter((e) => e.resp.length >= 2)
    .map((e) => responseData(e.resp));
}

/** The PAN digits inside every 9F46 and 9F2D that `issuer` opens (format 04, bytes 2-11). */
function certificatePans(file: string, issuer: { modulus: string; exponent: string }): string[] {
  const key = { modulus: fromHex(issuer.modulus), exponent: fromHex(issuer.exponent) };
  const pans: string[] = [];
  for (const answer of answers(file)) {
    for (const t of flattenTlv(decodeTlvLenient(answer).elements)) {
      if (t.tag !== 0x9f46 && t.tag !== 0x9f2d) continue;
      if (t.value.length !== key.modulus.length) continue;
      const x = rsaRecover(t.value, key);
      if (!x || x[0] !== 0x6a || x[1] !== 0x04) continue;
      pans.push(bcdDigits(x.subarray(2, 12)).replace(/F+$/i, ''));
    }
  }
  return pans;
}

/** Every PAN a transcript holds, found without paycard's ODA masking (revealed runs). */
async function pansOf(file: string): Promise<Set<string>> {
  const pans = findPans(answers(file));
  const f = join(dir, file);
  for (const args of [
    ['verify', '--json', '--reveal', f],
    ['read', '--replay', f, '--verify', '--json', '--reveal'],
  ]) {
    const { output } = await cli(args);
    for (const m of output.matchAll(/"modulus": "([0-9A-F]+)",\s*"exponent": "([0-9A-F]+)"/g)) {
      for (const p of certificatePans(file, { modulus: m[1], exponent: m[2] })) pans.add(p);
    }
  }
  return new Set([...pans].filter((p) => /^\d{12,19}$/.test(p)));
}

describe.skipIf(!shared)('ODA output masks every PAN without --reveal', () => {
  it('finds the certificate PAN that differs from the card PAN in applepay-visa-transit', async () => {
    // The card's PAN was masked in the copy (first 6 + 9s + last 4); its ICC certificate still
    // holds the phone's device PAN. Found, not written here: it is a real person's token.
    const pans = await pansOf('applepay-visa-transit.apdu');
    const fromCertificate = [...pans].filter(
      (p) => p !== '4642359999993640' && p.startsWith('464235') && p.endsWith('3640'),
    );
    expect(fromCertificate).toHaveLength(1);
    expect(luhnValid(fromCertificate[0])).toBe(true);
  });

  for (const file of files) {
    it(file, async () => {
      const pans = await pansOf(file);
      const f = join(dir, file);
      const modes = [
        ['verify', f],
        ['verify', '--json', f],
        ['read', '--replay', f, '--verify'],
        ['read', '--replay', f, '--verify', '--json'],
      ];
      for (const args of modes) {
        const { output } = await cli(args);
        for (const pan of pans) expect(output, `${args.join(' ')}`).not.toContain(pan);
      }
    });
  }
});
