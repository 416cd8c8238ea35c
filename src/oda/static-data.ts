/**
 * The static data to be authenticated, EMV Book 3 §10.3: the records the AFL (94) marks for
 * offline data authentication, then the values 9F4A (SDA Tag List) names (only the AIP, 82).
 */

import { concatBytes, toHex } from '../bytes/hex.js';
import { decodeTlvLenient } from '../tlv/tlv.js';
import { record, type OdaStep } from './steps.js';

/** What building the static data found: the bytes, or `null` with the failed step. */
export interface StaticDataResult {
  data: Uint8Array | null;
  steps: OdaStep[];
}

/**
 * Builds the static data to be authenticated from the AFL, the records read (by `sfi:record`,
 * status word removed), the SDA Tag List (9F4A) and the AIP.
 */
export function buildStaticData(
  afl: Uint8Array,
  records: ReadonlyMap<string, Uint8Array>,
  sdaTagList: Uint8Array | undefined,
  aip: Uint8Array | null,
): StaticDataResult {
  const steps: OdaStep[] = [];
  const parts: Uint8Array[] = [];
  let ok = true;

  if (!record(steps, '94', 'static-data', afl.length % 4 === 0, `AFL of ${afl.length} bytes`)) {
    return { data: null, steps };
  }

  for (let i = 0; i < afl.length; i += 4) {
    const sfi = afl[i] >> 3;
    const first = afl[i + 1];
    const count = afl[i + 3];
    for (let r = first; r < first + count; r++) {
      const data = records.get(`${sfi}:${r}`);
      if (!data) {
        ok =
          record(
            steps,
            'static data',
            'static-data',
            false,
            `SFI ${sfi} record ${r} was not read`,
          ) && ok;
        continue;
      }
      if (sfi > 10) {
        parts.push(data);
        continue;
      }
      const top = decodeTlvLenient(data).elements[0];
      const template = top?.tag === 0x70 && top.offset === 0;
      const whole =
        template && top.value.byteOffset + top.value.length === data.byteOffset + data.length;
      if (!template || !whole) {
        ok =
          record(
            steps,
            'static data',
            'static-data',
            false,
            `SFI ${sfi} record ${r} is not one 70 template`,
          ) && ok;
        continue;
      }
      parts.push(top.value);
    }
  }

  if (sdaTagList !== undefined) {
    const onlyAip = sdaTagList.length === 1 && sdaTagList[0] === 0x82;
    ok =
      record(
        steps,
        '9F4A',
        'sda-tag-list',
        onlyAip && aip !== null,
        `SDA tag list ${toHex(sdaTagList)}`,
      ) && ok;
    if (onlyAip && aip) parts.push(aip);
  }

  if (!ok) return { data: null, steps };
  const data = concatBytes(...parts);
  record(
    steps,
    'static data',
    'static-data',
    true,
    `${data.length} bytes from ${afl.length / 4} AFL entries`,
  );
  return { data, steps };
}
