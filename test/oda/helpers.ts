/** Shared helpers of the ODA tests: reading vectors and transcripts from ../shared. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from '../../src/transcript/parse.js';
import type { ApduExchange } from '../../src/oda/exchanges.js';
import { requireShared } from '../shared.js';

export const shared = requireShared();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function vector(name: string): any {
  return JSON.parse(readFileSync(join(shared!, 'oda', 'vectors', name), 'utf8'));
}

export function transcriptExchanges(file: string): ApduExchange[] {
  const text = readFileSync(join(shared!, 'fixtures', 'transcripts', file), 'utf8');
  return parseTranscript(text)
    .filter((e) => e.send !== null)
    .map((e) => ({ command: e.send!, response: e.resp }));
}
