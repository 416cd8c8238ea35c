/**
 * Certification authority public keys (EMV Book 2 §5.1, §11.2.2): the built-in table, users' own
 * key files, and lookup by RID and index. Every key is checked against its SHA-1 checksum
 * (RID ‖ index ‖ modulus ‖ exponent) when loaded; a key that fails is refused.
 */

import { sha1 } from '@noble/hashes/legacy.js';
import { concatBytes, equalBytes, fromHex, toHex } from '../bytes/hex.js';
import { PaycardError } from '../errors.js';
import { CA_PUBLIC_KEYS, type CapkEntry } from './capk-table.js';

/** A CA public key ready for use. */
export interface Capk {
  /** Registered application provider identifier, 5 bytes as hex. */
  rid: string;
  /** CA public key index (tag 8F), 1 byte as hex. */
  index: string;
  modulus: Uint8Array;
  exponent: Uint8Array;
  /** SHA-1(RID ‖ index ‖ modulus ‖ exponent) as hex. */
  checksum: string;
  /** Expiry as YYMMDD when known. */
  expiry: string | null;
  use: 'live' | 'test' | 'unknown';
  label: string | null;
  /** Where the key came from: lists named in the built-in table, or `file` for `loadCapks`. */
  sources: readonly string[];
}

/** A key file entry that was refused, with the reason. */
export interface RejectedCapk {
  rid: string;
  index: string;
  reason: string;
}

/** The largest CA modulus EMV allows (Book 2 §5.1: 1984 bits). */
export const MAX_CA_MODULUS_BYTES = 248;

/** SHA-1 checksum of a CA key, EMV Book 2 §11.2.2. */
export function capkChecksum(
  rid: Uint8Array,
  index: number,
  modulus: Uint8Array,
  exponent: Uint8Array,
): Uint8Array {
  return sha1(concatBytes(rid, Uint8Array.of(index), modulus, exponent));
}

interface RawKey {
  rid?: unknown;
  index?: unknown;
  modulus?: unknown;
  exponent?: unknown;
  checksum?: unknown;
  sha1_checksum_computed?: unknown;
  expiry?: unknown;
  expiry_yymmdd?: unknown;
  use?: unknown;
  test_or_live?: unknown;
  label?: unknown;
}

function hexField(raw: RawKey, name: keyof RawKey, bytes?: number): Uint8Array {
  const text = raw[name];
  if (typeof text !== 'string' || !/^([0-9A-Fa-f]{2})+$/.test(text)) {
    throw new Error(`${name} is not hex`);
  }
  const out = fromHex(text);
  if (bytes !== undefined && out.length !== bytes)
    throw new Error(`${name} must be ${bytes} bytes`);
  return out;
}

function toCapk(raw: RawKey, sources: readonly string[]): Capk {
  const rid = hexField(raw, 'rid', 5);
  const index = hexField(raw, 'index', 1);
  const modulus = hexField(raw, 'modulus');
  const exponent = hexField(raw, 'exponent');

  const e = toHex(exponent);
  if (e !== '03' && e !== '010001') throw new Error(`exponent ${e} is not 3 or 65537`);
  if (modulus.length > MAX_CA_MODULUS_BYTES) {
    throw new Error(`modulus of ${modulus.length} bytes exceeds ${MAX_CA_MODULUS_BYTES}`);
  }
  if (modulus[0] === 0) throw new Error('modulus has a leading zero byte');

  const computed = capkChecksum(rid, index[0], modulus, exponent);
  const listed = raw.checksum ?? raw.sha1_checksum_computed;
  if (listed !== undefined && listed !== null) {
    const given = hexField(
      raw,
      raw.checksum !== undefined ? 'checksum' : 'sha1_checksum_computed',
      20,
    );
    if (!equalBytes(given, computed)) throw new Error('SHA-1 checksum does not match the key');
  }

  const expiry = raw.expiry ?? raw.expiry_yymmdd;
  const use = String(raw.use ?? raw.test_or_live ?? 'unknown');
  return {
    rid: toHex(rid),
    index: toHex(index),
    modulus,
    exponent,
    checksum: toHex(computed),
    expiry:
      typeof expiry === 'string' && /^\d{6}$/.test(expiry) && expiry !== '000000' ? expiry : null,
    use: use.startsWith('test') ? 'test' : use === 'live' ? 'live' : 'unknown',
    label: typeof raw.label === 'string' ? raw.label : null,
    sources,
  };
}

/**
 * Parses a key list and checks every key; refused keys are returned, not thrown.
 *
 * Accepted shapes: an array of keys, or an object with a `keys` array. A key is
 * `{ rid, index, modulus, exponent, checksum?, expiry?, use?, label? }` (hex strings; `expiry`
 * YYMMDD; `use` "live" or "test"). The field names of `../shared/oda/capk.json`
 * (`sha1_checksum_computed`, `expiry_yymmdd`, `test_or_live`) are accepted too. When a checksum
 * is given it must match; exponents other than 3 and 65537 and moduli over 248 bytes are refused.
 */
export function parseCapkList(json: unknown): { keys: Capk[]; rejected: RejectedCapk[] } {
  const list = Array.isArray(json) ? json : (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) {
    throw new PaycardError('CAPK_INVALID', 'CA key list must be an array or an object with "keys"');
  }

  const keys: Capk[] = [];
  const rejected: RejectedCapk[] = [];
  for (const item of list) {
    const raw = (item ?? {}) as RawKey;
    try {
      keys.push(toCapk(raw, ['file']));
    } catch (e) {
      rejected.push({
        rid: String(raw.rid ?? '?'),
        index: String(raw.index ?? '?'),
        reason: (e as Error).message,
      });
    }
  }
  return { keys, rejected };
}

/**
 * Loads users' own CA keys (format: see `parseCapkList`). Throws `PaycardError` with code
 * `CAPK_INVALID` naming the first key refused.
 *
 *     const capks = loadCapks(JSON.parse(text));
 *     verifyExchanges(exchanges, { capks });
 */
export function loadCapks(json: unknown): Capk[] {
  const { keys, rejected } = parseCapkList(json);
  if (rejected.length > 0) {
    const r = rejected[0];
    throw new PaycardError('CAPK_INVALID', `CA key ${r.rid}/${r.index} refused: ${r.reason}`);
  }
  return keys;
}

let builtin: Capk[] | null = null;

/** The built-in table (src/oda/capk-table.ts), each key checked against its checksum once. */
export function builtinCapks(): readonly Capk[] {
  if (builtin) return builtin;
  builtin = CA_PUBLIC_KEYS.map((entry: CapkEntry) => {
    try {
      return toCapk(entry, entry.sources);
    } catch (e) {
      throw new PaycardError(
        'CAPK_INVALID',
        `built-in CA key ${entry.rid}/${entry.index} refused: ${(e as Error).message}`,
      );
    }
  });
  return builtin;
}

/**
 * Every key with this RID and index, in table order. Some RID+index pairs name more than one key
 * in public lists (test and live, or historic); the caller tries those whose modulus length fits.
 */
export function findCapks(capks: readonly Capk[], rid: string, index: string): Capk[] {
  const r = rid.toUpperCase();
  const i = index.toUpperCase();
  return capks.filter((k) => k.rid === r && k.index === i);
}
