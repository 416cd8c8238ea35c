/**
 * A redacted recording keeps no PAN in recoverable form: 9F46 and 9F2D recover (with the public
 * CA and issuer keys) to data holding the PAN, so redaction blanks them, and ODA on the
 * recording never shows the original PAN (EMV Book 2 §6.4).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toHex } from '../../src/bytes/hex.js';
import { findPans } from '../../src/card/privacy.js';
import { responseData } from '../../src/apdu/status.js';
import { verifyExchanges } from '../../src/oda/verify.js';
import { readCard } from '../../src/read/read.js';
import { createTranscriptCard } from '../../src/transcript/card.js';
import { parseTranscript } from '../../src/transcript/parse.js';
import { redactExchanges } from '../../src/transcript/redact.js';
import { formatTranscript } from '../../src/transcript/write.js';
import { recording, type Exchange } from '../../src/transport/transceiver.js';
import { requireShared } from '../shared.js';

const shared = requireShared();

describe.skipIf(!shared)('redaction blanks the certificates that hold the PAN', () => {
  test.each([
    ['amex-test-card-cda.apdu', '2014-01-01'],
    ['applepay-visa-transit.apdu', '2020-01-01'],
    ['cb-visa-ppse-sdad.apdu', '2020-01-01'],
    ['mastercard-test-card-contact-sda.apdu', '2014-01-01'],
    ['mastercard-test-card-contactless-cda.apdu', '2014-01-01'],
    ['unionpay-test-card-contact-dda.apdu', '2014-01-01'],
  ])('%s', async (file, day) => {
    const date = new Date(day);
    const text = readFileSync(join(shared!, 'fixtures', 'transcripts', file), 'utf8');
    const log: Exchange[] = [];
    const read = await readCard(recording(createTranscriptCard(parseTranscript(text)), log), {
      date,
    });

    // Every PAN of the original: the card's and the ICC certificate's (revealed by ODA).
    const pans = findPans(
      log.filter((e) => e.response.length >= 2).map((e) => responseData(e.response)),
    );
    const before = verifyExchanges(log, { date });
    if (before.certificatePan) pans.add(before.certificatePan);
    if (read.pan) pans.add(read.pan);
    expect(pans.size).toBeGreaterThan(0);

    const redacted = redactExchanges(log, { pan: read.pan ?? undefined });
    const replayed = parseTranscript(formatTranscript(redacted, ['redacted']));
    expect(replayed).toHaveLength(log.length);
    const after = verifyExchanges(redacted, { date });
    expect(after.certificatePan).toBeNull();
    expect(after.iccKey).toBeNull();

    const shown = JSON.stringify(after) + toHex(redacted.flatMap((e) => [...e.response]));
    for (const pan of pans) expect(shown).not.toContain(pan);
  });
});
