/**
 * Value decoders by tag and scheme, and `decodeValue`, which never throws: a value that does
 * not fit its decoder comes back with a `fallback` note, to be shown raw.
 */

import { lookupTag } from '../dictionary/dictionary.js';
import type { Scheme, TagFormat } from '../dictionary/types.js';
import { tagHex } from '../tlv/tlv.js';
import { decodeAfl } from './afl.js';
import { decodeCid } from './cryptogram.js';
import { decodeCtq, decodeTtq } from './contactless.js';
import { decodeCvmList, decodeCvmResults } from './cvm.js';
import { decodeDate, decodeTime } from './datetime.js';
import { decodeDol, decodeTagList } from './dol.js';
import { decodeIad, hasIadLayout } from './iad.js';
import {
  decodeCountry,
  decodeCountryAlpha,
  decodeCurrency,
  decodeCurrencyList,
  decodeLanguages,
} from './iso.js';
import {
  decodeAid,
  decodeCodeTable,
  decodeLogEntry,
  decodePriority,
  decodeResponseCode,
  decodeSfi,
  decodeVersion,
} from './misc.js';
import { decodeAmount, decodeBinaryAmount } from './money.js';
import {
  decodeBinaryNumber,
  decodeCompressedNumeric,
  decodeNumeric,
  decodeText,
} from './numeric.js';
import { decodeAip, decodeAuc } from './profile.js';
import {
  decodeAdditionalTerminalCapabilities,
  decodePosEntryMode,
  decodeTerminalCapabilities,
  decodeTerminalType,
  decodeTransactionType,
} from './terminal.js';
import { decodeServiceCode, decodeTrack1, decodeTrack2 } from './track.js';
import { Misfit, type DecodeContext, type Decoded, type ValueDecoder } from './types.js';
import { decodeTsi, decodeTvr } from './verification.js';

export type { DecodeContext, Decoded, ValueDecoder } from './types.js';

/** Decoders of the generic meaning of a tag (EMV Books 1-4, Book C-3 for 9F66/9F6C). */
const GENERIC: Readonly<Record<string, ValueDecoder>> = {
  '4F': decodeAid,
  '56': decodeTrack1,
  '57': decodeTrack2,
  '5A': decodeCompressedNumeric,
  '5F24': decodeDate,
  '5F25': decodeDate,
  '5F28': decodeCountry,
  '5F2A': decodeCurrency,
  '5F2D': decodeLanguages,
  '5F30': decodeServiceCode,
  '5F55': decodeCountryAlpha,
  '5F56': decodeCountryAlpha,
  '81': decodeBinaryAmount,
  '82': decodeAip,
  '84': decodeAid,
  '87': decodePriority,
  '88': decodeSfi,
  '8A': decodeResponseCode,
  '8C': decodeDol,
  '8D': decodeDol,
  '8E': decodeCvmList,
  '94': decodeAfl,
  '95': decodeTvr,
  '97': decodeDol,
  '9A': decodeDate,
  '9B': decodeTsi,
  '9C': decodeTransactionType,
  '9F02': decodeAmount,
  '9F03': decodeAmount,
  '9F04': decodeBinaryAmount,
  '9F06': decodeAid,
  '9F07': decodeAuc,
  '9F08': decodeVersion,
  '9F09': decodeVersion,
  '9F0D': decodeTvr,
  '9F0E': decodeTvr,
  '9F0F': decodeTvr,
  '9F10': decodeIad,
  '9F11': decodeCodeTable,
  '9F13': decodeBinaryNumber,
  '9F14': decodeBinaryNumber,
  '9F17': decodeBinaryNumber,
  '9F1A': decodeCountry,
  '9F1B': decodeBinaryAmount,
  '9F21': decodeTime,
  '9F23': decodeBinaryNumber,
  '9F27': decodeCid,
  '9F33': decodeTerminalCapabilities,
  '9F34': decodeCvmResults,
  '9F35': decodeTerminalType,
  '9F36': decodeBinaryNumber,
  '9F38': decodeDol,
  '9F39': decodePosEntryMode,
  '9F3A': decodeBinaryAmount,
  '9F3B': decodeCurrencyList,
  '9F3C': decodeCurrency,
  '9F40': decodeAdditionalTerminalCapabilities,
  '9F42': decodeCurrency,
  '9F49': decodeDol,
  '9F4A': decodeTagList,
  '9F4D': decodeLogEntry,
  '9F4F': decodeDol,
  '9F5D': decodeAmount,
  '9F66': decodeTtq,
  '9F6C': decodeCtq,
  DF8120: decodeTvr,
  DF8121: decodeTvr,
  DF8122: decodeTvr,
};

/** Decoders of scheme-specific meanings, keyed `scheme:tag`. */
const BY_SCHEME: Readonly<Record<string, ValueDecoder>> = {
  'mastercard:9F51': decodeDol,
  'mastercard:9F5B': decodeDol,
  'mastercard:9F68': decodeCvmList,
  'mastercard:9F69': decodeDol,
  'mastercard:9F6B': decodeTrack2,
  'mastercard:9F6C': decodeVersion,
  'mastercard:9F6D': decodeVersion,
  'visa:9F51': decodeCurrency,
  'visa:9F54': decodeAmount,
  'visa:9F57': decodeCountry,
  'visa:9F5C': decodeAmount,
  'visa:9F6B': decodeAmount,
  'visa:9F76': decodeCurrency,
  'unionpay:9F51': decodeCurrency,
  'unionpay:9F57': decodeCountry,
  'unionpay:9F79': decodeAmount,
  'unionpay:9F77': decodeAmount,
  'unionpay:9F78': decodeAmount,
};

function hex(tag: number | string): string {
  return typeof tag === 'number' ? tagHex(tag) : tag.toUpperCase();
}

/**
 * The decoder made for `tag` in an application of `scheme`, if any (format-only rendering of
 * n, cn and text fields does not count). A tag that the scheme redefines does not get the
 * generic decoder.
 */
export function decoderFor(tag: number | string, scheme?: Scheme): ValueDecoder | undefined {
  const h = hex(tag);
  if (scheme) {
    const specific = BY_SCHEME[`${scheme}:${h}`];
    if (specific) return specific;
    if (lookupTag(h, scheme)?.scheme === scheme) return undefined;
  }
  if (h === '9F10' && !hasIadLayout(scheme)) return undefined;
  return GENERIC[h];
}

/** True when `tag` has a decoder of its own for `scheme` (see `decoderFor`). */
export function hasDecoder(tag: number | string, scheme?: Scheme): boolean {
  return decoderFor(tag, scheme) !== undefined;
}

/**
 * The meaning of `value` as data object `tag`: by its own decoder, else by its format (n, cn,
 * text); `undefined` for binary data without a decoder and for unknown tags. Never throws.
 *
 *     decodeValue(0x9a, fromHex('251231'))        // { summary: '2025-12-31', details: [] }
 *     decodeValue(0x9a, fromHex('251331')).fallback // 'month 13 is not 1-12'
 */
export function decodeValue(
  tag: number | string,
  value: Uint8Array,
  context: DecodeContext = {},
): Decoded | undefined {
  const row = lookupTag(hex(tag), context.scheme, value.length);
  if (!row) return undefined;
  const scheme = row.scheme ?? context.scheme;
  const decoder = decoderFor(tag, scheme) ?? byFormat(row.format);
  if (!decoder) return undefined;

  try {
    const d = decoder(value, { ...context, scheme });
    return { summary: d.summary, details: d.details };
  } catch (e) {
    const why =
      e instanceof Misfit
        ? e.message
        : `decoder failed: ${e instanceof Error ? e.message : String(e)}`;
    return { details: [], fallback: why };
  }
}

function byFormat(format: TagFormat): ValueDecoder | undefined {
  if (format === 'n') return decodeNumeric;
  if (format === 'cn') return decodeCompressedNumeric;
  if (format === 'a' || format === 'an' || format === 'ans') return decodeText;
  return undefined;
}
