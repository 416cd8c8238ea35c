/**
 * The command APDUs a reader sends to a payment card, each with its ISO/IEC 7816-4 case
 * (§5.1): case 2 has Le and no data, case 4 has Lc, data and Le. EMV Book 1 §11 and Book 3 §6.5.
 */

import { concatBytes } from '../bytes/hex.js';
import { encodeLength } from '../tlv/tlv.js';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Contact directory name, Book 1 §12.2.2. */
export const PSE = ascii('1PAY.SYS.DDF01');
/** Contactless directory name (EMV Contactless Book B §3.3). */
export const PPSE = ascii('2PAY.SYS.DDF01');

function case4(cla: number, ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
  if (data.length > 255)
    throw new RangeError(`command data expected at most 255 bytes, got ${data.length}`);
  const out = new Uint8Array(6 + data.length);
  out[0] = cla;
  out[1] = ins;
  out[2] = p1;
  out[3] = p2;
  out[4] = data.length;
  out.set(data, 5);
  out[5 + data.length] = 0x00;
  return out;
}

function case2(cla: number, ins: number, p1: number, p2: number, le = 0): Uint8Array {
  return Uint8Array.of(cla, ins, p1, p2, le);
}

/** SELECT by DF name, first or only occurrence (Book 1 §11.3): case 4, `00 A4 04 00 Lc name 00`. */
export function selectByName(name: Uint8Array, next = false): Uint8Array {
  return case4(0x00, 0xa4, 0x04, next ? 0x02 : 0x00, name);
}

/**
 * GET PROCESSING OPTIONS (Book 3 §6.5.8): `80 A8 00 00 Lc 83 L pdol-data 00`; L takes the long
 * form `81 L` from 128 bytes on (Annex B2).
 */
export function getProcessingOptions(pdolData: Uint8Array): Uint8Array {
  const data = concatBytes(Uint8Array.of(0x83), encodeLength(pdolData.length), pdolData);
  return case4(0x80, 0xa8, 0x00, 0x00, data);
}

/** READ RECORD (Book 1 §11.2, Book 3 §6.5.11): case 2, P2 = SFI << 3 | 4. */
export function readRecord(sfi: number, record: number, le = 0): Uint8Array {
  if (sfi < 1 || sfi > 30) throw new RangeError(`SFI expected 1..30, got ${sfi}`);
  if (record < 0 || record > 255) throw new RangeError(`record expected 0..255, got ${record}`);
  return case2(0x00, 0xb2, record, (sfi << 3) | 4, le);
}

/** GET DATA (Book 3 §6.5.7): case 2, `80 CA P1 P2 00` with the tag in P1 P2. */
export function getData(tag: number): Uint8Array {
  return case2(0x80, 0xca, (tag >> 8) & 0xff, tag & 0xff);
}

/** GET RESPONSE (ISO/IEC 7816-4 §7.6.1; Book 1 §9.3.1.3): `00 C0 00 00 Le`. */
export function getResponse(le: number): Uint8Array {
  return case2(0x00, 0xc0, 0x00, 0x00, le);
}

/** INTERNAL AUTHENTICATE (Book 3 §6.5.9) with the DDOL data. */
export function internalAuthenticate(ddolData: Uint8Array): Uint8Array {
  return case4(0x00, 0x88, 0x00, 0x00, ddolData);
}

/** GENERATE APPLICATION CRYPTOGRAM (Book 3 §6.5.5). `p1` carries the cryptogram type and CDA bit. */
export function generateAc(p1: number, cdolData: Uint8Array): Uint8Array {
  return case4(0x80, 0xae, p1, 0x00, cdolData);
}

/** The instruction byte's name, for logs. */
export function instructionName(command: Uint8Array): string {
  const ins = command[1];
  switch (ins) {
    case 0xa4:
      return 'SELECT';
    case 0xa8:
      return 'GET PROCESSING OPTIONS';
    case 0xb2:
      return 'READ RECORD';
    case 0xca:
      return 'GET DATA';
    case 0xc0:
      return 'GET RESPONSE';
    case 0x88:
      return 'INTERNAL AUTHENTICATE';
    case 0xae:
      return 'GENERATE AC';
    case 0x84:
      return 'GET CHALLENGE';
    case 0x20:
      return 'VERIFY';
    default:
      return `INS ${(ins ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
  }
}
