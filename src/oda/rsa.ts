/**
 * The RSA public-key operation EMV uses to recover signed data (EMV Book 2 §5.1, Annex A2.1):
 * `X = S^e mod n`, written out as exactly len(n) bytes. `BigInt` only; no Node crypto.
 */

/** Bytes as an unsigned big-endian integer. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = 0; i < bytes.length; i++) value = (value << 8n) | BigInt(bytes[i]);
  return value;
}

/** An unsigned integer as exactly `length` big-endian bytes; throws `RangeError` if it does not fit. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new RangeError(`integer does not fit in ${length} bytes`);
  return out;
}

/** `base^exponent mod modulus` by square-and-multiply. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    e >>= 1n;
    if (e > 0n) b = (b * b) % modulus;
  }
  return result;
}

/** An RSA public key as EMV carries it: modulus and exponent as big-endian bytes. */
export interface RsaPublicKey {
  modulus: Uint8Array;
  exponent: Uint8Array;
}

/**
 * Recovers the data signed in `signature` (EMV Book 2 §5.3 step 2, §6.3 step 2): returns
 * `signature^e mod n` as len(n) bytes, or `null` when the signature is not shorter than the
 * modulus as a number (it cannot come from the matching private key).
 *
 *     rsaRecover(sig, { modulus, exponent: Uint8Array.of(3) })
 */
export function rsaRecover(signature: Uint8Array, key: RsaPublicKey): Uint8Array | null {
  const n = bytesToBigInt(key.modulus);
  const s = bytesToBigInt(signature);
  if (s >= n) return null;
  return bigIntToBytes(modPow(s, bytesToBigInt(key.exponent), n), key.modulus.length);
}
