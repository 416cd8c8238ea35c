/**
 * Public key certificates of the EMV chain: the issuer key (90, 92, 9F32) recovered with a CA key
 * (EMV Book 2 §5.3, §6.3), and the ICC key (9F46, 9F48, 9F47) recovered with the issuer key
 * (Book 2 §6.4). Both list every check they make; a key is returned whenever its bytes could be
 * taken out of the certificate, and `ok` says whether every check other than expiry passed.
 */

import { sha1 } from '@noble/hashes/legacy.js';
import { bcdDigits, concatBytes, equalBytes, toHex } from '../bytes/hex.js';
import { formatExpiry, isExpired } from './dates.js';
import { rsaRecover, type RsaPublicKey } from './rsa.js';
import { record, signaturesValid, type OdaStep } from './steps.js';

/** A public key taken out of a certificate, with the certificate's facts. */
export interface RecoveredKey extends RsaPublicKey {
  /** Expiry as `YYYY-MM` (or raw hex when not a valid date). */
  expiry: string;
  expired: boolean;
  /** Certificate serial number, hex. */
  serial: string;
  /** Issuer identifier (issuer certificate) or application PAN (ICC certificate), F-padded hex. */
  identifier: string;
  /** The whole recovered certificate. */
  recovered: Uint8Array;
}

/** What recovering one key found. */
export interface KeyRecovery {
  /** Every check other than expiry passed and the key was taken out. */
  ok: boolean;
  expired: boolean;
  key: RecoveredKey | null;
  steps: OdaStep[];
  /**
   * ICC certificate only: the application PAN recovered from it (digits), whenever the
   * certificate opened, even when a later check failed. Mask it before showing it.
   */
  pan?: string;
}

const HASH_SHA1 = 0x01;
const PK_RSA = 0x01;

/**
 * Recovers a signed block with `key` and checks length, range, trailer BC, header 6A and the
 * format byte (Book 2 §5.3 steps 1-4). Returns the recovered bytes, or `null` after a failure.
 */
export function openSigned(
  steps: OdaStep[],
  object: string,
  signature: Uint8Array,
  key: RsaPublicKey,
  format: number | readonly number[],
): Uint8Array | null {
  const n = key.modulus.length;
  if (
    !record(
      steps,
      object,
      'length',
      signature.length === n,
      `${signature.length} bytes, key modulus ${n}`,
    )
  ) {
    return null;
  }

  const x = rsaRecover(signature, key);
  if (
    !record(steps, object, 'range', x !== null, x ? 'recovered' : 'signature not below the modulus')
  ) {
    return null;
  }

  const hex = (b: number) => b.toString(16).padStart(2, '0').toUpperCase();
  if (!record(steps, object, 'trailer', x![n - 1] === 0xbc, `trailer ${hex(x![n - 1])}`))
    return null;
  if (!record(steps, object, 'header', x![0] === 0x6a, `header ${hex(x![0])}`)) return null;
  const formats = typeof format === 'number' ? [format] : format;
  const f = formats.map(hex).join(' or ');
  const known = formats.includes(x![1]);
  if (!record(steps, object, 'format', known, `format ${hex(x![1])}, expected ${f}`)) return null;
  return x;
}

/** Checks the hash algorithm byte and, when it is SHA-1, the hash (Book 2 §5.3 steps 5-7). */
export function checkHash(
  steps: OdaStep[],
  object: string,
  algorithm: number,
  input: Uint8Array,
  expected: Uint8Array,
): void {
  const algo = algorithm.toString(16).padStart(2, '0').toUpperCase();
  if (!record(steps, object, 'hash-algorithm', algorithm === HASH_SHA1, `hash algorithm ${algo}`))
    return;
  const computed = sha1(input);
  record(steps, object, 'hash', equalBytes(computed, expected), `SHA-1 ${toHex(computed)}`);
}

function checkPadding(steps: OdaStep[], object: string, field: Uint8Array, used: number): void {
  const padding = field.subarray(used);
  const ok = padding.every((b) => b === 0xbb);
  record(steps, object, 'padding', ok, `${padding.length} bytes of BB after the key`);
}

/**
 * Takes the key's modulus out of the certificate's key field, adding the remainder when the key
 * does not fit (Book 2 §5.3 step 11, §6.4 step 11).
 */
function keyModulus(
  steps: OdaStep[],
  object: string,
  field: Uint8Array,
  length: number,
  remainder: Uint8Array | undefined,
  remainderTag: string,
): Uint8Array | null {
  if (length <= field.length) {
    checkPadding(steps, object, field, length);
    return field.slice(0, length);
  }

  const need = length - field.length;
  const got = remainder?.length ?? 0;
  const ok = record(
    steps,
    remainderTag,
    'remainder',
    got === need,
    `${got} bytes, expected ${need}`,
  );
  return ok ? concatBytes(field, remainder!) : null;
}

function expiryDetail(expired: boolean, expiry: string): string {
  return expired ? `expired at the end of ${expiry}` : `valid through ${expiry}`;
}

function digitsOf(bytes: Uint8Array): string {
  const digits = bcdDigits(bytes);
  const f = digits.search(/[^0-9]/);
  return f < 0 ? digits : digits.slice(0, f);
}

/** What the issuer certificate needs. */
export interface IssuerCertificateInput {
  /** Tag 90. */
  certificate: Uint8Array;
  /** Tag 92, if the card has one. */
  remainder?: Uint8Array;
  /** Tag 9F32. */
  exponent: Uint8Array;
  /** Tag 5A (BCD, F-padded). */
  pan: Uint8Array;
  /** The transaction date (9A). */
  date: Date;
}

/** Recovers the issuer public key with the CA key, EMV Book 2 §5.3 / §6.3. */
export function recoverIssuerKey(capk: RsaPublicKey, input: IssuerCertificateInput): KeyRecovery {
  const steps: OdaStep[] = [];
  const x = openSigned(steps, '90', input.certificate, capk, 0x02);
  if (!x) return { ok: false, expired: false, key: null, steps };
  const n = x.length;

  const field = x.subarray(15, n - 21);
  const hashInput = concatBytes(
    x.subarray(1, n - 21),
    input.remainder ?? new Uint8Array(0),
    input.exponent,
  );
  checkHash(steps, '90', x[11], hashInput, x.subarray(n - 21, n - 1));

  const id = digitsOf(x.subarray(2, 6));
  const pan = digitsOf(input.pan);
  const idOk = id.length >= 3 && pan.startsWith(id);
  record(steps, '90', 'issuer-id', idOk, `issuer identifier ${toHex(x.subarray(2, 6))}`);

  const expired = isExpired(x.subarray(6, 8), input.date);
  const expiry = formatExpiry(x.subarray(6, 8));
  record(steps, '90', 'expiry', !expired, expiryDetail(expired, expiry));

  const pkOk = x[12] === PK_RSA;
  record(steps, '90', 'pk-algorithm', pkOk, `public key algorithm ${toHex(x.subarray(12, 13))}`);

  const modulus = keyModulus(steps, '90', field, x[13], input.remainder, '92');
  const key: RecoveredKey | null = modulus && {
    modulus,
    exponent: input.exponent,
    expiry,
    expired,
    serial: toHex(x.subarray(8, 11)),
    identifier: toHex(x.subarray(2, 6)),
    recovered: x,
  };
  return { ok: key !== null && signaturesValid(steps), expired, key, steps };
}

/** What the ICC certificate needs. */
export interface IccCertificateInput {
  /** Tag 9F46. */
  certificate: Uint8Array;
  /** Tag 9F48, if the card has one. */
  remainder?: Uint8Array;
  /** Tag 9F47. */
  exponent: Uint8Array;
  /** Tag 5A (BCD, F-padded). */
  pan: Uint8Array;
  /** The static data to be authenticated (Book 3 §10.3), or `null` when it is not known. */
  staticData: Uint8Array | null;
  date: Date;
}

/** Recovers the ICC public key with the issuer key, EMV Book 2 §6.4. */
export function recoverIccKey(issuerKey: RsaPublicKey, input: IccCertificateInput): KeyRecovery {
  const steps: OdaStep[] = [];
  const x = openSigned(steps, '9F46', input.certificate, issuerKey, 0x04);
  if (!x) return { ok: false, expired: false, key: null, steps };
  const n = x.length;

  const field = x.subarray(21, n - 21);
  if (input.staticData) {
    const hashInput = concatBytes(
      x.subarray(1, n - 21),
      input.remainder ?? new Uint8Array(0),
      input.exponent,
      input.staticData,
    );
    checkHash(steps, '9F46', x[17], hashInput, x.subarray(n - 21, n - 1));
  } else {
    record(
      steps,
      '9F46',
      'static-data',
      false,
      'static data to authenticate unknown: hash not checked',
    );
  }

  const certPan = digitsOf(x.subarray(2, 12));
  const panOk = certPan.length > 0 && certPan === digitsOf(input.pan);
  record(steps, '9F46', 'pan', panOk, `certificate PAN ${toHex(x.subarray(2, 12))}`);

  const expired = isExpired(x.subarray(12, 14), input.date);
  const expiry = formatExpiry(x.subarray(12, 14));
  record(steps, '9F46', 'expiry', !expired, expiryDetail(expired, expiry));

  const pkOk = x[18] === PK_RSA;
  record(steps, '9F46', 'pk-algorithm', pkOk, `public key algorithm ${toHex(x.subarray(18, 19))}`);

  const modulus = keyModulus(steps, '9F46', field, x[19], input.remainder, '9F48');
  const key: RecoveredKey | null = modulus && {
    modulus,
    exponent: input.exponent,
    expiry,
    expired,
    serial: toHex(x.subarray(14, 17)),
    identifier: toHex(x.subarray(2, 12)),
    recovered: x,
  };
  return { ok: key !== null && signaturesValid(steps), expired, key, steps, pan: certPan };
}
