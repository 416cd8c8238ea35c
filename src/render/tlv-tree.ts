/**
 * A BER-TLV answer as a tree a person can read: every element with its tag, dictionary name,
 * length, value and decoded meaning; templates indented; a trailing status word and decoding
 * warnings kept. The same model renders as text lines (coloured by the caller) or as JSON.
 *
 * PANs are masked unless `reveal` (PCI DSS 3.4 display rule, first 6 and last 4 digits kept):
 * the PANs found in 5A, 57, 9F6B and 56, and those the caller passes, wherever their digits
 * appear, packed (BCD) or as ASCII, in values and in decoded text.
 */

import { toAscii, toHex } from '../bytes/hex.js';
import { describeSw, formatSw } from '../apdu/status.js';
import { maskPan, maskPansIn } from '../card/pan.js';
import { isScheme, lookupTag, schemeOfAid } from '../dictionary/dictionary.js';
import type { Scheme } from '../dictionary/types.js';
import { decodeValue } from '../decode/index.js';
import { compressedNumeric } from '../decode/numeric.js';
import {
  decodeTlv,
  decodeTlvLenient,
  findTlv,
  tagHex,
  type Tlv,
  type TlvWarning,
} from '../tlv/tlv.js';

/** How to build the tree. */
export interface TlvTreeOptions {
  /** Show PANs in full. Default false: masked. */
  reveal?: boolean;
  /** Further PANs to mask wherever their digits appear (e.g. the PAN read from other records). */
  pans?: readonly string[];
  /** Scheme (or AID) of the application, for kernel-specific tags; else found from 4F/84. */
  scheme?: Scheme | string;
}

/** One element of the tree. */
export interface TlvTreeNode {
  /** Tag as upper-case hex. */
  tag: string;
  /** Dictionary name, or `undefined` for a tag the dictionary does not know. */
  name?: string;
  /** Offset of the tag in the input. */
  offset: number;
  /** Value length in bytes. */
  length: number;
  /** Value as upper-case hex (primitive elements), PAN digits masked with `*` unless revealed. */
  value?: string;
  /** Decoded meaning of a primitive value. */
  summary?: string;
  details?: string[];
  /** Why the value is shown raw although its tag has a decoder. */
  fallback?: string;
  children?: TlvTreeNode[];
}

/** A decoded input: elements, then the trailing status word if there was one, and warnings. */
export interface TlvTree {
  elements: TlvTreeNode[];
  statusWord?: { sw: string; meaning: string };
  warnings: string[];
  /**
   * The first warning with its error code and offset, when the input is not complete TLV
   * (cut short, malformed, or over a decoding limit); what decoded before it is in `elements`.
   */
  problem?: { code: TlvWarning['code']; message: string; offset: number };
  /** The scheme used for kernel-specific tags, when known. */
  scheme?: Scheme;
}

/** Kinds of text in a rendered line, for the caller to colour. */
export type SegmentKind =
  | 'tag'
  | 'name'
  | 'unknown'
  | 'length'
  | 'value'
  | 'summary'
  | 'detail'
  | 'fallback'
  | 'sw'
  | 'warning'
  | 'plain';

export interface Segment {
  kind: SegmentKind;
  text: string;
}

/** One line of the text rendering: indentation depth and coloured segments. */
export interface TreeLine {
  depth: number;
  segments: Segment[];
}

/** Colours a segment; the identity when colour is off. */
export type Colorizer = (kind: SegmentKind, text: string) => string;

/** Options of `renderTlvText`. */
export interface RenderOptions extends TlvTreeOptions {
  /** Colours segments (the CLI passes one built on picocolors); none by default. */
  color?: Colorizer;
}

const PAN_TAGS = new Set(['5A', '57', '9F6B', '56', '9F1F']);
const HEX_ON_HEADER = 24;
const HEX_PER_LINE = 32;

/**
 * Decodes `bytes` (a card answer, with or without its status word) into a tree. Never throws
 * on bad input: what decoded is returned with the decoder's warnings.
 *
 *     buildTlvTree(fromHex('9F27018090 00')).statusWord // { sw: '9000', meaning: 'success' }
 */
export function buildTlvTree(bytes: Uint8Array, options: TlvTreeOptions = {}): TlvTree {
  const { data, statusWord } = splitStatusWord(bytes);
  const { elements, warnings } = decodeTlvLenient(data);

  const scheme = schemeFor(elements, options.scheme);
  const currency = currencyOf(elements);
  const pans = options.reveal
    ? []
    : [...(options.pans ?? []), ...pansIn(elements)].filter((p) => p.length >= 8);

  const tree: TlvTree = {
    elements: elements.map((e) => node(e, { scheme, currency }, pans)),
    warnings: warnings.map((w) => w.message),
  };
  if (warnings.length > 0) tree.problem = { ...warnings[0] };
  if (scheme) tree.scheme = scheme;
  if (statusWord !== undefined)
    tree.statusWord = { sw: formatSw(statusWord), meaning: describeSw(statusWord) };
  return tree;
}

/**
 * SW1 values that ISO/IEC 7816-4 §5.6 gives an interindustry meaning and a card plausibly
 * answers alone (9000 only among the 90-9F group): 61xx-63xx, 67xx, 69xx, 6Axx, 6Cxx-6Fxx.
 */
const LONE_SW1 = new Set([0x61, 0x62, 0x63, 0x67, 0x69, 0x6a, 0x6c, 0x6d, 0x6e, 0x6f]);

/**
 * Splits a trailing status word from TLV data. After other bytes, the last two are SW1 SW2
 * when SW1 is 61-6F or 90-9F and the bytes before them are complete TLV. Two bytes alone are a
 * status word only when ISO/IEC 7816-4 §5.6 defines them (9000, 61xx, 62xx, 63xx, 67xx, 69xx,
 * 6Axx, 6Cxx-6Fxx): `9F38` alone is a tag without its length, not a status word.
 */
export function splitStatusWord(bytes: Uint8Array): { data: Uint8Array; statusWord?: number } {
  if (bytes.length < 2) return { data: bytes };

  const sw1 = bytes[bytes.length - 2];
  const sw = (sw1 << 8) | bytes[bytes.length - 1];
  const data = bytes.subarray(0, bytes.length - 2);
  if (data.length === 0) {
    const lone = sw === 0x9000 || LONE_SW1.has(sw1);
    return lone ? { data, statusWord: sw } : { data: bytes };
  }

  const plausible = (sw1 >= 0x61 && sw1 <= 0x6f) || (sw1 >= 0x90 && sw1 <= 0x9f);
  if (!plausible) return { data: bytes };
  try {
    decodeTlv(data);
    return { data, statusWord: sw };
  } catch {
    return { data: bytes };
  }
}

function schemeFor(
  elements: readonly Tlv[],
  given: Scheme | string | undefined,
): Scheme | undefined {
  if (given) return isScheme(given) ? given : schemeOfAid(given);
  for (const tag of [0x4f, 0x84, 0x9f06]) {
    const aid = findTlv(elements, tag);
    const scheme = aid ? schemeOfAid(aid.value) : undefined;
    if (scheme) return scheme;
  }
  return undefined;
}

function currencyOf(elements: readonly Tlv[]): string | undefined {
  const c = findTlv(elements, 0x5f2a) ?? findTlv(elements, 0x9f42);
  if (!c || c.value.length !== 2) return undefined;
  return toHex(c.value).slice(1);
}

/** The PANs in 5A, 57, 9F6B (track 2 layout) and 56 (track 1 layout) of `elements`. */
export function pansIn(elements: readonly Tlv[]): string[] {
  const out = new Set<string>();
  const walk = (list: readonly Tlv[]) => {
    for (const e of list) {
      if (e.children) walk(e.children);
      else if (e.tag === 0x5a) {
        try {
          out.add(compressedNumeric(e.value));
        } catch {
          const digits = /^\d+/.exec(toHex(e.value));
          if (digits) out.add(digits[0]);
        }
      } else if (e.tag === 0x57 || e.tag === 0x9f6b) {
        const m = /^(\d{8,19})D/.exec(toHex(e.value));
        if (m) out.add(m[1]);
      } else if (e.tag === 0x56) {
        const m = /^B(\d{8,19})/.exec(toAscii(e.value));
        if (m) out.add(m[1]);
      }
    }
  };
  walk(elements);
  return [...out];
}

function node(
  e: Tlv,
  context: { scheme?: Scheme; currency?: string },
  pans: readonly string[],
): TlvTreeNode {
  const tag = tagHex(e.tag);
  const row = lookupTag(tag, context.scheme, e.children ? undefined : e.value.length);
  const out: TlvTreeNode = { tag, name: row?.name, offset: e.offset, length: e.value.length };
  if (e.children) {
    out.children = e.children.map((c) => node(c, context, pans));
    return out;
  }

  out.value = pans.length ? maskValueHex(e.value, pans, PAN_TAGS.has(tag)) : toHex(e.value);
  const decoded = decodeValue(e.tag, e.value, context);
  if (decoded?.fallback !== undefined) out.fallback = decoded.fallback;
  else if (decoded) {
    if (decoded.summary !== undefined) out.summary = maskPansIn(decoded.summary, pans);
    out.details = decoded.details.map((d) => maskPansIn(d, pans));
  }
  return out;
}

/**
 * The value as hex with the middle digits of every PAN masked, whether the PAN is packed
 * (BCD, as in 5A and 57) or ASCII (as in 56 and 9F1F). Elements of the PAN tags also hide a
 * PAN that is only partly there (at least its first 6 digits).
 */
function maskValueHex(value: Uint8Array, pans: readonly string[], panTag: boolean): string {
  let hex = toHex(value);
  const ascii = toAscii(value);

  for (const pan of pans) {
    // Packed digits: the PAN appears as nibbles of the hex.
    for (let at = hex.indexOf(pan); at >= 0; at = hex.indexOf(pan, at + 1)) {
      hex = hex.slice(0, at) + maskPan(pan) + hex.slice(at + pan.length);
    }

    // ASCII digits: two hex characters per digit.
    for (let at = ascii.indexOf(pan); at >= 0; at = ascii.indexOf(pan, at + 1)) {
      const masked = maskPan(pan);
      for (let i = 0; i < pan.length; i++) {
        if (masked[i] === '*')
          hex = hex.slice(0, 2 * (at + i)) + '**' + hex.slice(2 * (at + i) + 2);
      }
    }

    if (panTag && pan.length >= 10) {
      const head = pan.slice(0, 6);
      const partial = new RegExp(`${head}[0-9]{4,}`, 'g');
      hex = hex.replace(partial, (m) => (m.length >= 10 ? maskPan(m) : m));
    }
  }
  return hex;
}

/**
 * The tree as lines: `TAG Name (n bytes): value`, the meaning under it (`= summary`, then the
 * details), children indented; then the status word and the warnings.
 */
export function renderTlvLines(tree: TlvTree): TreeLine[] {
  const lines: TreeLine[] = [];
  const walk = (nodes: readonly TlvTreeNode[], depth: number) => {
    for (const n of nodes) {
      nodeLines(n, depth, lines);
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(tree.elements, 0);

  if (tree.statusWord) {
    lines.push({
      depth: 0,
      segments: [
        { kind: 'sw', text: `SW ${tree.statusWord.sw}` },
        { kind: 'plain', text: ` ${tree.statusWord.meaning}` },
      ],
    });
  }
  for (const w of tree.warnings)
    lines.push({ depth: 0, segments: [{ kind: 'warning', text: `warning: ${w}` }] });
  return lines;
}

function nodeLines(n: TlvTreeNode, depth: number, lines: TreeLine[]): void {
  const unit = n.length === 1 ? 'byte' : 'bytes';
  const header: Segment[] = [
    { kind: 'tag', text: n.tag },
    { kind: n.name ? 'name' : 'unknown', text: ` ${n.name ?? 'unknown tag'}` },
    { kind: 'length', text: ` (${n.length} ${unit})` },
  ];
  lines.push({ depth, segments: header });

  if (n.value === undefined) return;
  if (n.value.length > 0 && n.value.length <= 2 * HEX_ON_HEADER) {
    header.push({ kind: 'plain', text: ': ' }, { kind: 'value', text: n.value });
  } else {
    for (let i = 0; i < n.value.length; i += 2 * HEX_PER_LINE) {
      lines.push({
        depth: depth + 1,
        segments: [{ kind: 'value', text: n.value.slice(i, i + 2 * HEX_PER_LINE) }],
      });
    }
  }

  if (n.fallback !== undefined) {
    lines.push({
      depth: depth + 1,
      segments: [{ kind: 'fallback', text: `(shown raw: ${n.fallback})` }],
    });
    return;
  }
  if (n.summary !== undefined)
    lines.push({ depth: depth + 1, segments: [{ kind: 'summary', text: `= ${n.summary}` }] });
  for (const d of n.details ?? [])
    lines.push({ depth: depth + 1, segments: [{ kind: 'detail', text: `- ${d}` }] });
}

/** Lines to text: two spaces per depth, segments coloured by `color`. */
export function linesToText(lines: readonly TreeLine[], color: Colorizer = (_k, t) => t): string {
  return lines
    .map((l) => '  '.repeat(l.depth) + l.segments.map((s) => color(s.kind, s.text)).join(''))
    .join('\n');
}

/**
 * A card answer (or any BER-TLV) as a readable tree, for `paycard tlv` and `paycard read --tlv`.
 * PANs are masked unless `reveal`; `color` colours the segments (none by default).
 *
 *     renderTlvText(fromHex('5A0854133300896000449000'))
 *     // '5A Application Primary Account Number (PAN) (8 bytes): 541333******0044\n  = 541333******0044\nSW 9000 success'
 */
export function renderTlvText(bytes: Uint8Array, options: RenderOptions = {}): string {
  return linesToText(renderTlvLines(buildTlvTree(bytes, options)), options.color);
}
