/**
 * Mints an EMV certificate chain with known private keys (the public-domain cfpp key pairs), the
 * way an issuer and a card would (EMV Book 2 §5, §6): for the property tests.
 */

import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, fromHex } from '../../src/bytes/hex.js';
import { bigIntToBytes, bytesToBigInt, modPow } from '../../src/oda/rsa.js';

export interface KeyPair {
  n: Uint8Array;
  e: Uint8Array;
  d: Uint8Array;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function keyPair(json: any): KeyPair {
  return {
    n: fromHex(json.modulus),
    e: fromHex(json.public_exponent),
    d: fromHex(json.private_exponent),
  };
}

/** The private operation: `x^d mod n` as len(n) bytes. */
export function sign(x: Uint8Array, key: KeyPair): Uint8Array {
  const n = bytesToBigInt(key.n);
  return bigIntToBytes(modPow(bytesToBigInt(x), bytesToBigInt(key.d), n), key.n.length);
}

const bb = (length: number) => new Uint8Array(length).fill(0xbb);

/** Wraps `body` (format byte onwards) as 6A ‖ body ‖ SHA-1(body ‖ extra) ‖ BC and signs it. */
function seal(body: Uint8Array, extra: Uint8Array, key: KeyPair): Uint8Array {
  const x = concatBytes(
    Uint8Array.of(0x6a),
    body,
    sha1(concatBytes(body, extra)),
    Uint8Array.of(0xbc),
  );
  if (x.length !== key.n.length)
    throw new Error(`block of ${x.length} bytes for a ${key.n.length}-byte key`);
  return sign(x, key);
}

/** Issuer public key certificate (90), Book 2 §5.3 Table 6; the key must fit (no remainder). */
export function issuerCertificate(
  ca: KeyPair,
  issuer: KeyPair,
  issuerId: Uint8Array,
  expiry: Uint8Array,
): Uint8Array {
  const field = concatBytes(issuer.n, bb(ca.n.length - 36 - issuer.n.length));
  const body = concatBytes(
    Uint8Array.of(0x02),
    issuerId,
    expiry,
    Uint8Array.of(0x00, 0x00, 0x01, 0x01, 0x01, issuer.n.length, issuer.e.length),
    field,
  );
  return seal(body, issuer.e, ca);
}

/** ICC public key certificate (9F46), Book 2 §6.4 Table 14; the key must fit. */
export function iccCertificate(
  issuer: KeyPair,
  icc: KeyPair,
  pan: Uint8Array,
  expiry: Uint8Array,
  staticData: Uint8Array,
): Uint8Array {
  const field = concatBytes(icc.n, bb(issuer.n.length - 42 - icc.n.length));
  const body = concatBytes(
    Uint8Array.of(0x04),
    pan,
    expiry,
    Uint8Array.of(0x00, 0x00, 0x02, 0x01, 0x01, icc.n.length, icc.e.length),
    field,
  );
  return seal(body, concatBytes(icc.e, staticData), issuer);
}

/** Signed Static Application Data (93), Book 2 §5.4 Table 7. */
export function signedStaticData(
  issuer: KeyPair,
  dac: Uint8Array,
  staticData: Uint8Array,
): Uint8Array {
  const body = concatBytes(Uint8Array.of(0x03, 0x01), dac, bb(issuer.n.length - 26));
  return seal(body, staticData, issuer);
}

/** Signed Dynamic Application Data, Book 2 §6.5.2 Table 17. */
export function signedDynamicData(
  icc: KeyPair,
  dynamic: Uint8Array,
  terminal: Uint8Array,
): Uint8Array {
  const body = concatBytes(
    Uint8Array.of(0x05, 0x01, dynamic.length),
    dynamic,
    bb(icc.n.length - 25 - dynamic.length),
  );
  return seal(body, terminal, icc);
}
