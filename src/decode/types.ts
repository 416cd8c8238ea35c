/**
 * What a value decoder returns, and what it may know about its surroundings.
 */

import type { Scheme } from '../dictionary/types.js';

/** The meaning of one data object's value. */
export interface Decoded {
  /** One line saying what the value means, e.g. `2025-12-31` or `EUR (978) Euro`. */
  summary?: string;
  /** Further lines: the set flags of a bit field, the rules of a CVM list, DOL entries. */
  details: string[];
  /**
   * Set when the value does not fit its decoder (wrong length, a digit that is not BCD...):
   * why. The value is then to be shown raw; `summary` and `details` are empty.
   */
  fallback?: string;
}

/** What a decoder may need besides the value. */
export interface DecodeContext {
  /** The scheme of the application the value came from (selects kernel-specific layouts). */
  scheme?: Scheme;
  /** ISO 4217 numeric code (e.g. `'978'`) of the currency amounts nearby are in. */
  currency?: string;
}

/** A decoder: returns the meaning or throws `Misfit` when the value does not fit. */
export type ValueDecoder = (value: Uint8Array, context: DecodeContext) => Omit<Decoded, 'fallback'>;

/** Thrown inside a decoder when the value does not fit; turned into `Decoded.fallback`. */
export class Misfit extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Misfit';
  }
}

/** Throws `Misfit` unless the value is `min`..`max` bytes long. */
export function expectLength(value: Uint8Array, min: number, max = min): void {
  if (value.length < min || value.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new Misfit(`expected ${want} bytes, got ${value.length}`);
  }
}
