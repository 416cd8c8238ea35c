/**
 * Redaction of a recorded card session, so that a user can attach it to a bug report: the card
 * number and the cardholder name are replaced, everything else is kept byte for byte, and every
 * length stays the same so the recording still parses and replays.
 *
 * - The PAN is replaced wherever its digits appear: packed BCD at any nibble position (5A, track 2
 *   in 57 and 9F6B, discretionary data, templates paycard does not know) and ASCII (track 1 in 56,
 *   9F1F). Each distinct PAN gets one test PAN, used everywhere: same length, same issuer
 *   identification number (first 6 digits, ISO/IEC 7812-1 §4), other digits changed, passing Luhn.
 * - The cardholder name (5F20, 9F0B, the name field of track 1) becomes a placeholder of the
 *   same length.
 *
 * - The ICC public key certificate (9F46) and the ICC PIN encipherment public key certificate
 *   (9F2D) are overwritten with zeros of the same length: both recover, with the public CA and
 *   issuer keys, to data holding the application PAN (EMV Book 2 §6.4 table 14, §7.1). Other
 *   signed data does not: the issuer certificate (90) holds only the issuer identifier (a BIN),
 *   signatures (93, 9F4B) and key remainders (92, 9F48, 9F2F) hold hashes and key bytes.
 *
 * Signatures and certificates that cover the PAN (SDA, DDA, CDA) no longer verify afterwards, and
 * offline data authentication of a redacted recording fails at the ICC certificate by design.
 */

import { responseData } from '../apdu/status.js';
import { fromHex, toHex } from '../bytes/hex.js';
import { luhnCheckDigit } from '../card/pan.js';
import { findPans } from '../card/privacy.js';
import { decodeTlvLenient, flattenTlv } from '../tlv/tlv.js';
import type { Exchange } from '../transport/transceiver.js';

export interface RedactOptions {
  /** The PAN the read found; PANs found in 5A, 57, 9F6B and 56 are replaced as well. */
  pan?: string;
  /** The cardholder name the read found; names in 5F20, 9F0B and 56 are replaced as well. */
  name?: string;
}

/** Tags whose value holds a cardholder name (EMV Book 3 Annex A). */
const NAME_TAGS = [0x5f20, 0x9f0b] as const;
const TRACK1_TAG = 0x56;

/** Shortest name searched for outside its own data objects (shorter ones match by chance). */
const MIN_NAME_SEARCH = 4;

const NAME_PLACEHOLDER = 'CARDHOLDER/TEST';

/**
 * A test PAN standing for `pan`: same length and first 6 digits, the middle digits all `fill`
 * (0 by default), and a Luhn check digit (ISO/IEC 7812-1 Annex B). Never equal to `pan`.
 *
 *     testPanFor('5413330089600044') // '5413330000000007'
 */
export function testPanFor(pan: string, fill = 0): string {
  if (!/^\d{8,19}$/.test(pan)) throw new TypeError(`pan expected 8-19 digits, got "${pan}"`);

  for (let f = fill; f < fill + 10; f++) {
    const body = pan.slice(0, 6) + String(f % 10).repeat(pan.length - 7);
    const candidate = body + luhnCheckDigit(body);
    if (candidate !== pan) return candidate;
  }
  throw new RangeError(`no test PAN found for ${pan.length} digits`);
}

/**
 * A placeholder for a name of `length` bytes: `CARDHOLDER/TEST`, cut or padded with `X` (not
 * spaces, which readers trim, so the placeholder keeps the name's length when displayed).
 */
export function namePlaceholder(length: number): string {
  return NAME_PLACEHOLDER.slice(0, length).padEnd(length, 'X');
}

/**
 * Returns a copy of `exchanges` with every PAN and cardholder name replaced (see the module
 * comment). The input is not changed.
 *
 *     const safe = redactExchanges(result.exchanges, { pan: result.pan, name: result.name });
 *     writeFileSync(file, formatTranscript(safe, ['recorded by paycard, redacted']));
 */
export function redactExchanges(
  exchanges: readonly Exchange[],
  options: RedactOptions = {},
): Exchange[] {
  const copies = exchanges.map((e) => ({
    command: e.command.slice(),
    response: e.response.slice(),
  }));

  // Certificates that recover to the PAN: blanked before any search, so none of their bytes
  // can be taken for a PAN or a name.
  for (const exchange of copies) blankPanCertificates(exchange.response);
  const found = collect(copies, options);

  // Names first, in their own data objects, then anywhere their bytes appear.
  for (const exchange of copies) blankNameObjects(exchange.response);
  const names = [...found.names].sort((a, b) => b.length - a.length);
  for (const exchange of copies) {
    for (const name of names) {
      if (name.length < MIN_NAME_SEARCH) continue;
      const bytes = latin1(name);
      replaceBytes(exchange.command, bytes, latin1(namePlaceholder(bytes.length)));
      replaceBytes(exchange.response, bytes, latin1(namePlaceholder(bytes.length)));
    }
  }

  // Then every PAN, longest first so that no PAN hides inside another's replacement.
  const pans = [...found.pans].sort((a, b) => b.length - a.length);
  pans.forEach((pan, i) => {
    const test = testPanFor(pan, i);
    for (const exchange of copies) {
      for (const bytes of [exchange.command, exchange.response]) {
        replaceBytes(bytes, latin1(pan), latin1(test));
        replaceNibbles(bytes, pan, test);
      }
    }
  });

  return copies;
}

/** PANs and names named by the caller or present in the card's data objects. */
function collect(exchanges: readonly Exchange[], options: RedactOptions) {
  const pans = new Set<string>();
  const names = new Set<string>();
  if (options.pan !== undefined) {
    if (!/^\d{8,19}$/.test(options.pan)) {
      throw new TypeError(`pan expected 8-19 digits, got "${options.pan}"`);
    }
    pans.add(options.pan);
  }
  const addName = (name: string): void => {
    const trimmed = name.replace(/[ \0]+$/, '');
    if (/[\p{L}\p{N}]/u.test(trimmed) || /[\x80-\xff]/.test(trimmed)) names.add(trimmed);
  };
  if (options.name) addName(options.name);

  const answers = exchanges
    .filter((e) => e.response.length >= 2)
    .map((e) => responseData(e.response));
  findPans(answers, pans);
  for (const answer of answers) {
    for (const tlv of flattenTlv(decodeTlvLenient(answer).elements)) {
      if ((NAME_TAGS as readonly number[]).includes(tlv.tag)) addName(fromLatin1(tlv.value));
      if (tlv.tag === TRACK1_TAG) {
        const fields = fromLatin1(tlv.value).split('^');
        if (fields.length > 2) addName(fields[1]);
      }
    }
  }
  return { pans, names };
}

/** Tags whose value recovers, with public keys, to data holding the PAN (EMV Book 2 §6.4, §7.1). */
const PAN_CERTIFICATE_TAGS = [0x9f46, 0x9f2d] as const;

/** Overwrites, in place, the values of 9F46 and 9F2D with zeros (same length). */
function blankPanCertificates(response: Uint8Array): void {
  if (response.length < 2) return;

  for (const tlv of flattenTlv(decodeTlvLenient(responseData(response)).elements)) {
    if ((PAN_CERTIFICATE_TAGS as readonly number[]).includes(tlv.tag)) tlv.value.fill(0);
  }
}

/** Overwrites, in place, the names in 5F20 and 9F0B and the name field of track 1 (56). */
function blankNameObjects(response: Uint8Array): void {
  if (response.length < 2) return;

  for (const tlv of flattenTlv(decodeTlvLenient(responseData(response)).elements)) {
    if ((NAME_TAGS as readonly number[]).includes(tlv.tag)) {
      const text = fromLatin1(tlv.value);
      const kept = text.length - text.replace(/[ \0]+$/, '').length;
      const name = text.slice(0, text.length - kept);
      if (name.replace(/[\s/]/g, '') === '') continue;
      tlv.value.set(latin1(namePlaceholder(name.length)), 0);
    }
    if (tlv.tag === TRACK1_TAG) {
      const first = tlv.value.indexOf(0x5e);
      const second = first < 0 ? -1 : tlv.value.indexOf(0x5e, first + 1);
      if (second > first + 1) {
        tlv.value.set(latin1(namePlaceholder(second - first - 1)), first + 1);
      }
    }
  }
}

/** Replaces, in place, every occurrence of `from` by `to` (same length). */
function replaceBytes(bytes: Uint8Array, from: Uint8Array, to: Uint8Array): void {
  if (from.length === 0 || from.length !== to.length) return;
  for (let i = 0; i + from.length <= bytes.length; i++) {
    let hit = true;
    for (let j = 0; j < from.length && hit; j++) hit = bytes[i + j] === from[j];
    if (hit) {
      bytes.set(to, i);
      i += from.length - 1;
    }
  }
}

/** Replaces, in place, the BCD digits `from` by `to` wherever they start, on any nibble. */
function replaceNibbles(bytes: Uint8Array, from: string, to: string): void {
  const hex = toHex(bytes);
  if (!hex.includes(from)) return;
  bytes.set(fromHex(hex.split(from).join(to)), 0);
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function fromLatin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}
