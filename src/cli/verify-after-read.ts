/**
 * `paycard read --verify`: offline data authentication after a read.
 */

import { PaycardError } from '../errors.js';
import type { ReadResult } from '../read/result.js';
import type { Transceiver } from '../transport/transceiver.js';

export interface VerifyFlags {
  json: boolean;
  reveal: boolean;
  date?: Date;
}

export async function verifyAfterRead(_result: ReadResult, _card: Transceiver, _flags: VerifyFlags): Promise<number> {
  throw new PaycardError('ODA_FAILED', 'offline verification is being wired');
}
