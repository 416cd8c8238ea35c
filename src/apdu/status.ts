/**
 * Status words (SW1 SW2): one formatter and their meanings, from ISO/IEC 7816-4 §5.6 and the
 * EMV books (Book 1 §9.3, §12; Book 3 §6.3.5).
 */

import { toHex } from '../bytes/hex.js';

/** The status word of a response (its last two bytes) as a number, or -1 if it has none. */
export function statusWord(response: Uint8Array): number {
  if (response.length < 2) return -1;
  return (response[response.length - 2] << 8) | response[response.length - 1];
}

/** The response data without SW1 SW2 (a view). */
export function responseData(response: Uint8Array): Uint8Array {
  return response.subarray(0, Math.max(0, response.length - 2));
}

/** The one formatter for status words: `formatSw(0x6a82)` is `"6A82"`. */
export function formatSw(sw: number): string {
  if (sw < 0) return '----';
  return toHex([sw >> 8, sw & 0xff]);
}

export function isSuccess(sw: number): boolean {
  return sw === 0x9000;
}

/** Warnings that still carry valid data (ISO 7816-4 §5.6: 62xx, 63xx). */
export function isWarning(sw: number): boolean {
  return sw >> 8 === 0x62 || sw >> 8 === 0x63;
}

const MEANINGS: Record<string, string> = {
  '9000': 'success',
  '6200': 'warning: no information given',
  '6281': 'warning: part of returned data may be corrupted',
  '6282': 'warning: end of file or record reached before Le bytes',
  '6283': 'warning: selected file invalidated (application blocked)',
  '6284': 'warning: FCI not formatted as expected',
  '6285': 'warning: selected file in termination state',
  '6286': 'warning: no input data available from a sensor',
  '6300': 'warning: authentication failed',
  '6381': 'warning: file filled up by the last write',
  '6400': 'execution error: state of non-volatile memory unchanged',
  '6500': 'execution error: state of non-volatile memory changed',
  '6581': 'execution error: memory failure',
  '6700': 'wrong length',
  '6800': 'functions in CLA not supported',
  '6881': 'logical channel not supported',
  '6882': 'secure messaging not supported',
  '6883': 'last command of the chain expected',
  '6884': 'command chaining not supported',
  '6885': 'functions in CLA not supported',
  '6900': 'command not allowed',
  '6981': 'command incompatible with file structure',
  '6982': 'security status not satisfied',
  '6983': 'authentication method blocked',
  '6984': 'referenced data invalidated (reference data not usable)',
  '6985': 'conditions of use not satisfied',
  '6986': 'command not allowed (no current EF); phone wallets: not authenticated or locked',
  '6987': 'expected secure messaging data objects missing',
  '6988': 'incorrect secure messaging data objects',
  '6A00': 'wrong parameters P1-P2',
  '6A80': 'incorrect parameters in the data field',
  '6A81': 'function not supported (card or application blocked)',
  '6A82': 'file or application not found',
  '6A83': 'record not found',
  '6A84': 'not enough memory space in the file',
  '6A85': 'Nc inconsistent with TLV structure',
  '6A86': 'incorrect parameters P1-P2',
  '6A87': 'Nc inconsistent with parameters P1-P2',
  '6A88': 'referenced data not found',
  '6A89': 'file already exists',
  '6A8A': 'DF name already exists',
  '6B00': 'wrong parameters P1-P2',
  '6D00': 'instruction not supported',
  '6E00': 'class not supported',
  '6F00': 'no precise diagnosis',
};

/**
 * What a status word means, in words: `describeSw(0x6a82)` is `"file or application not found"`.
 */
export function describeSw(sw: number): string {
  if (sw < 0) return 'no status word';
  const hex = formatSw(sw);
  const exact = MEANINGS[hex];
  if (exact) return exact;

  const sw1 = sw >> 8;
  const sw2 = sw & 0xff;
  if (sw1 === 0x61) return `${sw2 || 256} more bytes available (GET RESPONSE)`;
  if (sw1 === 0x6c) return `wrong Le: resend with Le = ${sw2}`;
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return `verification failed, ${sw2 & 0x0f} tries left`;
  if (sw1 === 0x62) return 'warning: state of non-volatile memory unchanged';
  if (sw1 === 0x63) return 'warning: state of non-volatile memory changed';
  if (sw1 === 0x64) return 'execution error: state of non-volatile memory unchanged';
  if (sw1 === 0x65) return 'execution error: state of non-volatile memory changed';
  if (sw1 === 0x67) return 'wrong length';
  if (sw1 === 0x68) return 'functions in CLA not supported';
  if (sw1 === 0x69) return 'command not allowed';
  if (sw1 === 0x6a) return 'wrong parameters P1-P2';
  if (sw1 === 0x90) return 'success (proprietary SW2)';
  return 'unknown status word';
}
