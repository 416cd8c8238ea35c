/**
 * react-native-nfc-manager (v3) as a paycard `Transceiver`, without depending on it: the caller
 * passes its `NfcManager` object and requests the IsoDep technology first. Both platforms go
 * through `isoDepHandler.transceive(number[])`; very old versions only had `sendCommandAPDUIOS`
 * on iOS, used when `isoDepHandler` is missing.
 */

import type { Transceiver } from '../transport/transceiver.js';
import { numberArrayTransceiver, type BridgeOptions } from './transceiver.js';

/** The part of react-native-nfc-manager's `NfcManager` this adapter calls. */
export interface NfcManagerLike {
  isoDepHandler?: { transceive(bytes: number[]): Promise<unknown> };
  sendCommandAPDUIOS?(bytes: number[]): Promise<unknown>;
}

/**
 * A transceiver over react-native-nfc-manager, after `requestTechnology(NfcTech.IsoDep)`.
 *
 *     await NfcManager.requestTechnology(NfcTech.IsoDep);
 *     const result = await readCard(nfcManagerTransceiver(NfcManager));
 */
export function nfcManagerTransceiver(
  manager: NfcManagerLike,
  options?: BridgeOptions,
): Transceiver {
  const handler = manager.isoDepHandler;
  if (handler && typeof handler.transceive === 'function') {
    return numberArrayTransceiver((bytes) => handler.transceive(bytes), options);
  }

  const legacy = manager.sendCommandAPDUIOS;
  if (typeof legacy === 'function') {
    return numberArrayTransceiver((bytes) => legacy.call(manager, bytes), options);
  }
  throw new TypeError(
    'nfcManagerTransceiver: expected NfcManager with isoDepHandler.transceive or sendCommandAPDUIOS',
  );
}
