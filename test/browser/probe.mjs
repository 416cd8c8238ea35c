/**
 * Loaded by the bundle test's page in Chromium: imports the built bundles as any web app would
 * and exposes what the test calls through `window.probe`.
 */

import * as paycard from '/paycard.js';
import * as adapters from '/adapters.js';
import { summary } from '/summary.mjs';

const zeros = (n) => new Uint8Array(n);

window.probe = {
  /** Reads each transcript text as a card, at a fixed date with a fixed unpredictable number. */
  async readAll(texts, date) {
    const out = [];
    for (const text of texts) {
      const card = paycard.createTranscriptCard(paycard.parseTranscript(text));
      const r = await paycard.readCard(card, { date: new Date(date), random: zeros });
      out.push(summary(r, paycard.toHex, paycard.maskPan));
    }
    return out;
  },

  /** A react-native-nfc-manager-shaped fake (signed bytes) over a transcript; then a lost tag. */
  async bridge(text) {
    const inner = paycard.createTranscriptCard(paycard.parseTranscript(text));
    const manager = {
      isoDepHandler: {
        async transceive(bytes) {
          const r = await inner.transmit(Uint8Array.from(bytes));
          return Array.from(r, (b) => (b > 127 ? b - 256 : b));
        },
      },
    };
    const ok = await paycard.readCard(adapters.nfcManagerTransceiver(manager));

    let n = 0;
    const lost = await paycard.readCard(
      adapters.numberArrayTransceiver(async (bytes) => {
        if (++n === 2) throw new Error('Tag was lost.');
        return manager.isoDepHandler.transceive(bytes);
      }),
    );
    return {
      pan: paycard.maskPan(ok.pan),
      code: lost.error?.code,
      typed: lost.error instanceof paycard.TransportError,
    };
  },
};
document.body.dataset.ready = 'yes';
