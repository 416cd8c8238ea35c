/**
 * The AIDs an iOS app must list in Info.plist under
 * `com.apple.developer.nfc.readersession.iso7816.select-identifiers`: CoreNFC refuses to SELECT
 * any name the list lacks, the payment directories included (field notes, "Readers and phones").
 * Derived from paycard's AID table so the list and the read engine cannot drift apart.
 */

import { PPSE, PSE } from '../apdu/commands.js';
import { toHex } from '../bytes/hex.js';
import { probeAids } from '../card/aids.js';

/**
 * Every name paycard may SELECT, as upper-case hex, in the order to paste them into Info.plist:
 * the PPSE (`2PAY.SYS.DDF01`, EMV Book B §3.3), the PSE (`1PAY.SYS.DDF01`, EMV Book 1 §12.2.2;
 * contact cards, listed so a fallback never trips the entitlement check), then the full AIDs of
 * the probe list. An AID a card's directory names and this list lacks is refused on iOS: add
 * your market's AIDs if they are not here.
 *
 *     iosSelectIdentifiers()[0] // '325041592E5359532E4444463031'
 */
export function iosSelectIdentifiers(): string[] {
  const names = [toHex(PPSE), toHex(PSE), ...probeAids()];
  return [...new Set(names)];
}

/** The list as the Info.plist XML fragment (key and array), ready to paste. */
export function iosSelectIdentifiersPlist(): string {
  const items = iosSelectIdentifiers().map((aid) => `  <string>${aid}</string>`);
  return [
    '<key>com.apple.developer.nfc.readersession.iso7816.select-identifiers</key>',
    '<array>',
    ...items,
    '</array>',
  ].join('\n');
}
