/**
 * Lookup in the EMV data dictionary, by tag and by scheme.
 *
 * Tags 9F50-9F7F and DFxx are left by EMV to payment systems (EMV Book 3 Annex B, Table 36),
 * and the contactless kernels use them differently: 9F6C is the Card Transaction Qualifiers
 * for Visa and the Mag-stripe Application Version Number for Mastercard. Lookup takes the
 * application's scheme (or its AID) and falls back to the generic meaning.
 */

import { toHex } from '../bytes/hex.js';
import { tagHex } from '../tlv/tlv.js';
import { GENERIC_TAGS, SCHEME_TAGS } from './tags.generated.js';
import type { Scheme, TagRow } from './types.js';

export type { Scheme, TagFormat, TagRow, TagSource } from './types.js';

const GENERIC = new Map<string, TagRow>(GENERIC_TAGS.map((r) => [r.tag, r]));
const BY_SCHEME = new Map<string, TagRow>(SCHEME_TAGS.map((r) => [`${r.scheme}:${r.tag}`, r]));

/** Registered Application Provider Identifiers (ISO/IEC 7816-5) of the schemes with kernels. */
const RIDS: readonly (readonly [string, Scheme])[] = [
  ['A000000003', 'visa'],
  ['A000000004', 'mastercard'],
  ['A000000025', 'amex'],
  ['A000000065', 'jcb'],
  ['A000000152', 'discover'],
  ['A000000324', 'discover'],
  ['A000000333', 'unionpay'],
  ['A000000277', 'interac'],
] as const;

const SCHEMES: readonly Scheme[] = [
  'visa',
  'mastercard',
  'amex',
  'jcb',
  'discover',
  'unionpay',
  'interac',
];

/**
 * The scheme whose kernel reads an application, from its AID (hex or bytes); `undefined` when
 * the RID is not one of a kernel's (domestic schemes such as CB or girocard use the generic
 * meanings).
 *
 *     schemeOfAid('A0000000041010') // 'mastercard'
 */
export function schemeOfAid(aid: string | Uint8Array): Scheme | undefined {
  const hex = typeof aid === 'string' ? aid.replace(/\s+/g, '').toUpperCase() : toHex(aid);
  for (const [rid, scheme] of RIDS) if (hex.startsWith(rid)) return scheme;
  return undefined;
}

/** True when `name` is one of the schemes the dictionary knows. */
export function isScheme(name: string): name is Scheme {
  return (SCHEMES as readonly string[]).includes(name);
}

/** Every scheme the dictionary knows, in a stable order. */
export function schemes(): readonly Scheme[] {
  return SCHEMES;
}

/**
 * The dictionary entry of `tag` (a number such as `0x9F38`, or hex `'9F38'`) for an application
 * of `scheme` (a scheme name or the application's AID); the generic entry when the scheme gives
 * the tag no meaning of its own; `undefined` for a tag the dictionary does not know.
 *
 * With `length` (of the value at hand), a generic entry whose length range excludes it gives
 * way to the one scheme-specific entry that fits, if exactly one does: a 2-byte 9F66 is a
 * Mastercard PUNATC (Track2), not a 4-byte Terminal Transaction Qualifiers.
 *
 *     lookupTag(0x9f6c, 'visa')?.name       // 'Card Transaction Qualifiers (CTQ)'
 *     lookupTag('9F6C', 'A0000000041010')?.name // 'Mag-stripe Application Version Number (Card)'
 */
export function lookupTag(
  tag: number | string,
  scheme?: Scheme | string,
  length?: number,
): TagRow | undefined {
  const hex = typeof tag === 'number' ? tagHex(tag) : tag.toUpperCase();
  const s = scheme === undefined ? undefined : isScheme(scheme) ? scheme : schemeOfAid(scheme);
  if (s) {
    const specific = BY_SCHEME.get(`${s}:${hex}`);
    if (specific) return specific;
  }

  const generic = GENERIC.get(hex);
  if (
    length === undefined ||
    (generic && length >= generic.length[0] && length <= generic.length[1])
  )
    return generic;
  const fits = SCHEME_TAGS.filter(
    (r) => r.tag === hex && length >= r.length[0] && length <= r.length[1],
  );
  return fits.length === 1 ? fits[0] : generic;
}

/** Every meaning the dictionary has for `tag`: the generic one first, then per scheme. */
export function meaningsOf(tag: number | string): TagRow[] {
  const hex = typeof tag === 'number' ? tagHex(tag) : tag.toUpperCase();
  const out: TagRow[] = [];
  const g = GENERIC.get(hex);
  if (g) out.push(g);
  for (const r of SCHEME_TAGS) if (r.tag === hex) out.push(r);
  return out;
}

/** The name of `tag` for `scheme`, or `undefined` when unknown. */
export function tagName(
  tag: number | string,
  scheme?: Scheme | string,
  length?: number,
): string | undefined {
  return lookupTag(tag, scheme, length)?.name;
}

/** How many distinct tags the dictionary knows (generic and scheme-specific together). */
export function dictionarySize(): number {
  const tags = new Set<string>(GENERIC.keys());
  for (const r of SCHEME_TAGS) tags.add(r.tag);
  return tags.size;
}
