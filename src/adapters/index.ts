/**
 * paycard's adapters for phone NFC bridges and other "send bytes, get bytes" functions
 * (`paycard/adapters`). Core code: no Node built-ins, runs in React Native, Capacitor, browsers.
 */

export {
  answerBytes,
  bridgeByte,
  bridgeBytes,
  type BridgeAnswer,
  type SplitAnswer,
} from './bytes.js';
export { bridgeError, IOS_SELECT_IDENTIFIERS_KEY } from './errors.js';
export { iosSelectIdentifiers, iosSelectIdentifiersPlist } from './ios.js';
export { nfcManagerTransceiver, type NfcManagerLike } from './react-native.js';
export {
  bridgeTransceiver,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_SESSION_DEADLINE_MS,
  hexTransceiver,
  numberArrayTransceiver,
  uint8ArrayTransceiver,
  type BridgeOptions,
  type BridgeSend,
} from './transceiver.js';
