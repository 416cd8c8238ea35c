/**
 * The terminal side of a read: the values a card may ask for in its PDOL (and DDOL), grouped
 * into profiles that are tried in order when a card refuses GET PROCESSING OPTIONS
 * (6985 conditions not satisfied, 6700 wrong length).
 *
 * Values are plain data. Each profile only overrides what it changes from `BASE`.
 */

import { fromHex } from '../bytes/hex.js';
import type { DataFormat, DolSource } from './dol.js';

export interface TerminalValue {
  value: string;
  format: DataFormat;
  /** What it is, for the docs and `--tlv`. */
  name: string;
}

export interface TerminalProfile {
  /** Stable name, reported in the read result. */
  name: string;
  description: string;
  /** Send `83 00` whatever the PDOL asks for. */
  emptyPdol?: boolean;
  values: Readonly<Record<string, TerminalValue>>;
}

/**
 * Defaults every profile starts from. Sources: EMV Book 4 Annex A (9F33, 9F40, 9F35), Visa
 * contactless TTQ layout (9F66: b1 0x36 = qVSDC, EMV contact, online PIN, signature;
 * b3 0x40 = consumer device CVM supported), ISO 4217 / 3166 numeric codes.
 */
export const BASE: Readonly<Record<string, TerminalValue>> = {
  '9F66': { value: '36004000', format: 'b', name: 'Terminal Transaction Qualifiers' },
  '9F02': { value: '000000000000', format: 'n', name: 'Amount, Authorised' },
  '9F03': { value: '000000000000', format: 'n', name: 'Amount, Other' },
  '9F1A': { value: '0840', format: 'n', name: 'Terminal Country Code (United States)' },
  '5F2A': { value: '0840', format: 'n', name: 'Transaction Currency Code (USD)' },
  '95': { value: '0000000000', format: 'b', name: 'Terminal Verification Results' },
  '9C': { value: '00', format: 'n', name: 'Transaction Type (purchase)' },
  '9F35': {
    value: '22',
    format: 'n',
    name: 'Terminal Type (attended, offline with online capability)',
  },
  '9F33': { value: 'E0B0C8', format: 'b', name: 'Terminal Capabilities' },
  '9F40': { value: '6000F0A001', format: 'b', name: 'Additional Terminal Capabilities' },
  '9F09': { value: '0002', format: 'b', name: 'Application Version Number (terminal)' },
  '9F1B': { value: '00000000', format: 'b', name: 'Terminal Floor Limit' },
  '9F4E': {
    value: '7061796361726420726561646572',
    format: 'ans',
    name: 'Merchant Name and Location ("paycard reader")',
  },
  '9F15': { value: '5999', format: 'n', name: 'Merchant Category Code' },
  '9F1D': { value: '6C00800000000000', format: 'b', name: 'Terminal Risk Management Data' },
  '9F58': { value: '03', format: 'b', name: 'Merchant Type Indicator (Interac)' },
  '9F59': { value: 'D88700', format: 'b', name: 'Terminal Transaction Information (Interac)' },
  '9F5A': { value: '00', format: 'b', name: 'Terminal Transaction Type (Interac)' },
  '9F5C': { value: '0000000000000000', format: 'b', name: 'DS Requested Operator ID (Mastercard)' },
  '9F6D': { value: 'C0', format: 'b', name: 'Contactless Reader Capabilities (Amex)' },
  '9F6E': {
    value: 'D8E00000',
    format: 'b',
    name: 'Enhanced Contactless Reader Capabilities (Amex)',
  },
  '9F7C': {
    value: '0000000000000000000000000000000000000000',
    format: 'b',
    name: 'Merchant Custom Data',
  },
  DF8117: { value: '00', format: 'b', name: 'Card Data Input Capability (Mastercard)' },
};

/** Profiles in the order they are tried. The last one sends an empty PDOL (`83 00`). */
export const PROFILES: readonly TerminalProfile[] = [
  {
    name: 'default',
    description: 'contactless and contact, amount 0.00, USD, qVSDC and EMV TTQ',
    values: BASE,
  },
  {
    name: 'online-amount',
    description:
      'amount 1.00, TTQ asking for an online cryptogram (cards that refuse zero amounts)',
    values: {
      ...BASE,
      '9F66': { value: 'B6804000', format: 'b', name: 'Terminal Transaction Qualifiers' },
      '9F02': { value: '000000000100', format: 'n', name: 'Amount, Authorised' },
    },
  },
  {
    name: 'empty-pdol',
    description: 'an empty PDOL (83 00), for cards that refuse the PDOL data they asked for',
    emptyPdol: true,
    values: BASE,
  },
];

export interface TransactionContext {
  /** Transaction date (9A). Default: now. */
  date?: Date;
  /** Unpredictable number source (9F37). Default: crypto.getRandomValues. */
  random?: (length: number) => Uint8Array;
}

function bcd2(n: number): string {
  return String(n % 100).padStart(2, '0');
}

export function defaultRandom(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** The DOL source of a profile: its values, plus the date (9A), time (9F21) and 9F37. */
export function profileSource(
  profile: TerminalProfile,
  context: TransactionContext = {},
): DolSource {
  const date = context.date ?? new Date();
  const random = context.random ?? defaultRandom;
  const cache = new Map<number, { value: Uint8Array; format: DataFormat }>();

  return (tag) => {
    const hit = cache.get(tag);
    if (hit) return hit;

    let found: { value: Uint8Array; format: DataFormat } | undefined;
    if (tag === 0x9a) {
      const v =
        bcd2(date.getUTCFullYear()) + bcd2(date.getUTCMonth() + 1) + bcd2(date.getUTCDate());
      found = { value: fromHex(v), format: 'n' };
    } else if (tag === 0x9f21) {
      const v = bcd2(date.getUTCHours()) + bcd2(date.getUTCMinutes()) + bcd2(date.getUTCSeconds());
      found = { value: fromHex(v), format: 'n' };
    } else if (tag === 0x9f37) {
      found = { value: random(4), format: 'b' };
    } else {
      const entry = profile.values[tag.toString(16).toUpperCase()];
      if (entry) found = { value: fromHex(entry.value), format: entry.format };
    }

    if (found) cache.set(tag, found);
    return found;
  };
}
