/**
 * Cardholder Verification Method (CVM) List (8E) and CVM Results (9F34): EMV Book 3 §10.5 and
 * Annex C3, Tables 39-40.
 */

import { toUint } from '../bytes/hex.js';
import { Misfit, expectLength } from './types.js';

const METHODS: Record<number, string> = {
  0x00: 'Fail CVM processing',
  0x01: 'Plaintext PIN verification performed by ICC',
  0x02: 'Enciphered PIN verified online',
  0x03: 'Plaintext PIN verification performed by ICC and signature (paper)',
  0x04: 'Enciphered PIN verification performed by ICC',
  0x05: 'Enciphered PIN verification performed by ICC and signature (paper)',
  0x1e: 'Signature (paper)',
  0x1f: 'No CVM required',
  0x3f: 'No CVM performed (value not available for use in a CVM List)',
};

const CONDITIONS: Record<number, string> = {
  0x00: 'always',
  0x01: 'if unattended cash',
  0x02: 'if not unattended cash and not manual cash and not purchase with cashback',
  0x03: 'if terminal supports the CVM',
  0x04: 'if manual cash',
  0x05: 'if purchase with cashback',
  0x06: 'if transaction is in the application currency and is under X value',
  0x07: 'if transaction is in the application currency and is over X value',
  0x08: 'if transaction is in the application currency and is under Y value',
  0x09: 'if transaction is in the application currency and is over Y value',
};

/** The CVM of a CVM code byte (b6-b1), in words. */
export function cvmMethod(code: number): string {
  const method = code & 0x3f;
  const known = METHODS[method];
  if (known) return known;
  if (method >= 0x20 && method <= 0x2f) return `payment system-specific CVM ${hex(method)}`;
  if (method >= 0x30) return `issuer-specific CVM ${hex(method)}`;
  return `RFU CVM ${hex(method)}`;
}

/** A CVM condition code, in words. */
export function cvmCondition(code: number): string {
  return (
    CONDITIONS[code] ??
    (code >= 0x80 ? `payment system-specific condition ${hex(code)}` : `RFU condition ${hex(code)}`)
  );
}

/**
 * CVM List (8E): amount X, amount Y, then one line per rule (method, condition, and what
 * happens when the method fails).
 *
 *     decodeCvmList(fromHex('000000000000000042031E031F03')).details[0]
 *     // 'Enciphered PIN verified online, if terminal supports the CVM; if unsuccessful, apply the next rule'
 */
export function decodeCvmList(value: Uint8Array) {
  if (value.length < 8 || (value.length - 8) % 2 !== 0) {
    throw new Misfit(`expected 8 bytes of amounts and 2 bytes per rule, got ${value.length} bytes`);
  }

  const x = toUint(value.subarray(0, 4));
  const y = toUint(value.subarray(4, 8));
  const details: string[] = [];
  for (let i = 8; i < value.length; i += 2) {
    const code = value[i];
    const next =
      code & 0x40
        ? 'if unsuccessful, apply the next rule'
        : 'if unsuccessful, cardholder verification fails';
    details.push(`${cvmMethod(code)}, ${cvmCondition(value[i + 1])}; ${next}`);
  }

  const rules = (value.length - 8) / 2;
  return {
    summary: `amount X ${x}, amount Y ${y}, ${rules} rule${rules === 1 ? '' : 's'}`,
    details,
  };
}

const RESULTS: Record<number, string> = { 0: 'unknown', 1: 'failed', 2: 'successful' };

/** CVM Results (9F34): the CVM performed, its condition and its result. */
export function decodeCvmResults(value: Uint8Array) {
  expectLength(value, 3);

  const result = RESULTS[value[2]] ?? `RFU result ${hex(value[2])}`;
  return { summary: `${cvmMethod(value[0])}, ${cvmCondition(value[1])}: ${result}`, details: [] };
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
