/**
 * Signatures checked with a recovered key: Signed Static Application Data (93, SDA, EMV Book 2
 * §5.4) with the issuer key, and Signed Dynamic Application Data (DDA Book 2 §6.5.2, fDDA, CDA
 * §6.6.2) with the ICC key. Each returns the steps it ran and what the signature carried.
 */

import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, equalBytes, toHex } from '../bytes/hex.js';
import { checkHash, openSigned } from './certificates.js';
import type { RsaPublicKey } from './rsa.js';
import { record, signaturesValid, type OdaStep } from './steps.js';

/** What checking the SSAD (93) found. */
export interface StaticSignatureResult {
  ok: boolean;
  /** Data Authentication Code (9F45), hex, when the signature opened. */
  dac: string | null;
  steps: OdaStep[];
}

/**
 * Verifies Signed Static Application Data (93) against the static data to be authenticated,
 * EMV Book 2 §5.4.
 */
export function verifySignedStaticData(
  issuerKey: RsaPublicKey,
  ssad: Uint8Array,
  staticData: Uint8Array,
): StaticSignatureResult {
  const steps: OdaStep[] = [];
  const x = openSigned(steps, '93', ssad, issuerKey, 0x03);
  if (!x) return { ok: false, dac: null, steps };
  const n = x.length;

  checkHash(
    steps,
    '93',
    x[2],
    concatBytes(x.subarray(1, n - 21), staticData),
    x.subarray(n - 21, n - 1),
  );
  const padding = x.subarray(5, n - 21);
  record(
    steps,
    '93',
    'padding',
    padding.every((b) => b === 0xbb),
    `${padding.length} bytes of BB`,
  );
  return { ok: signaturesValid(steps), dac: toHex(x.subarray(3, 5)), steps };
}

/** What a dynamic signature (SDAD) carried. */
export interface DynamicSignatureResult {
  ok: boolean;
  /** ICC Dynamic Data, hex. */
  dynamicData: string | null;
  /** ICC Dynamic Number (9F4C), hex. */
  idn: string | null;
  steps: OdaStep[];
  /** The recovered SDAD, when it opened. */
  recovered: Uint8Array | null;
}

/**
 * Verifies Signed Dynamic Application Data with the ICC key (EMV Book 2 §6.5.2): `terminalData`
 * is what the card hashed after its own data: the DDOL data for DDA, the Unpredictable Number
 * for CDA (§6.6.2 step 5), the fDDA terminal data for Visa fDDA. `object` names the SDAD's tag
 * in the result (`9F4B`, or `80` for an INTERNAL AUTHENTICATE format 1 answer).
 */
export function verifyDynamicSignature(
  iccKey: RsaPublicKey,
  sdad: Uint8Array,
  terminalData: Uint8Array,
  object = '9F4B',
  formats: readonly number[] = [0x05],
): DynamicSignatureResult {
  const steps: OdaStep[] = [];
  const x = openSigned(steps, object, sdad, iccKey, formats);
  if (!x) return { ok: false, dynamicData: null, idn: null, steps, recovered: null };
  const n = x.length;

  const length = x[3];
  const fits = 4 + length <= n - 21;
  record(steps, object, 'dynamic-data', fits, `ICC dynamic data of ${length} bytes`);
  checkHash(
    steps,
    object,
    x[2],
    concatBytes(x.subarray(1, n - 21), terminalData),
    x.subarray(n - 21, n - 1),
  );
  if (!fits) return { ok: false, dynamicData: null, idn: null, steps, recovered: x };

  const dynamic = x.subarray(4, 4 + length);
  const padding = x.subarray(4 + length, n - 21);
  record(
    steps,
    object,
    'padding',
    padding.every((b) => b === 0xbb),
    `${padding.length} bytes of BB`,
  );

  const idnLength = dynamic[0] ?? 0;
  const idnOk = length > 0 && 1 + idnLength <= length && idnLength >= 2 && idnLength <= 8;
  record(steps, object, 'dynamic-data', idnOk, `ICC Dynamic Number of ${idnLength} bytes`);
  const idn = idnOk ? toHex(dynamic.subarray(1, 1 + idnLength)) : null;
  return { ok: signaturesValid(steps), dynamicData: toHex(dynamic), idn, steps, recovered: x };
}

/** The GENERATE AC facts CDA checks the signature against (EMV Book 2 §6.6.2). */
export interface CdaInput {
  /** The SDAD (9F4B) from the GENERATE AC answer. */
  sdad: Uint8Array;
  /** Unpredictable Number (9F37) the terminal sent in the CDOL1 (or CDOL2) data. */
  unpredictableNumber: Uint8Array;
  /** Cryptogram Information Data (9F27) from the answer. */
  cid: Uint8Array;
  /**
   * Bytes hashed into the Transaction Data Hash Code, in order: PDOL data, CDOL1 data, (CDOL2
   * data for a second GENERATE AC), then every TLV of the answer except 9F4B, as the card sent.
   */
  transactionData: Uint8Array;
}

/** What a CDA signature carried. */
export interface CdaResult extends DynamicSignatureResult {
  /** Application Cryptogram (9F26) taken from the signature, once every check passed. */
  cryptogram: string | null;
}

/** Verifies a combined DDA / application cryptogram signature, EMV Book 2 §6.6.2. */
export function verifyCdaSignature(iccKey: RsaPublicKey, input: CdaInput): CdaResult {
  const base = verifyDynamicSignature(iccKey, input.sdad, input.unpredictableNumber, '9F4B');
  const steps = base.steps;
  if (!base.recovered || base.dynamicData === null) return { ...base, ok: false, cryptogram: null };

  const x = base.recovered;
  const dynamic = x.subarray(4, 4 + x[3]);
  const idnLength = dynamic[0];
  const at = 1 + idnLength;
  const fits = dynamic.length >= at + 1 + 8 + 20;
  if (
    !record(
      steps,
      '9F4B',
      'dynamic-data',
      fits,
      `CID, cryptogram and hash code in ${dynamic.length} bytes`,
    )
  ) {
    return { ...base, ok: false, cryptogram: null };
  }

  const cid = dynamic.subarray(at, at + 1);
  record(
    steps,
    '9F27',
    'cid',
    equalBytes(cid, input.cid),
    `CID ${toHex(cid)} signed, ${toHex(input.cid)} sent`,
  );

  const tdhc = dynamic.subarray(at + 9, at + 29);
  const computed = sha1(input.transactionData);
  record(
    steps,
    '9F4B',
    'tdhc',
    equalBytes(tdhc, computed),
    `transaction data hash ${toHex(computed)}`,
  );

  const ok = signaturesValid(steps);
  return { ...base, ok, cryptogram: ok ? toHex(dynamic.subarray(at + 1, at + 9)) : null };
}
