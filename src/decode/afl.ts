/**
 * Application File Locator (94): the records to read, four bytes per file (EMV Book 3 §10.2).
 */

import { Misfit } from './types.js';

/**
 * One line per AFL entry: SFI, record range, and how many of those records take part in
 * offline data authentication.
 *
 *     decodeAfl(fromHex('08010100')).details // ['SFI 1, record 1, 1 record for offline data authentication']
 */
export function decodeAfl(value: Uint8Array) {
  if (value.length === 0 || value.length % 4 !== 0) {
    throw new Misfit(`expected a multiple of 4 bytes, got ${value.length}`);
  }

  const details: string[] = [];
  for (let i = 0; i < value.length; i += 4) {
    const sfi = value[i] >> 3;
    const first = value[i + 1];
    const last = value[i + 2];
    const oda = value[i + 3];
    if (sfi < 1 || sfi > 30 || (value[i] & 7) !== 0)
      throw new Misfit(`entry ${i / 4 + 1}: byte ${value[i].toString(16)} is not an SFI`);
    if (first === 0 || last < first)
      throw new Misfit(`entry ${i / 4 + 1}: records ${first} to ${last} are not a range`);
    if (oda > last - first + 1)
      throw new Misfit(
        `entry ${i / 4 + 1}: ${oda} records for authentication out of ${last - first + 1}`,
      );

    const records = first === last ? `record ${first}` : `records ${first}-${last}`;
    const auth = oda === 0 ? 'none' : `${oda} record${oda === 1 ? '' : 's'}`;
    details.push(`SFI ${sfi}, ${records}, ${auth} for offline data authentication`);
  }

  return { summary: `${value.length / 4} file${value.length === 4 ? '' : 's'}`, details };
}
