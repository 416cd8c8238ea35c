/**
 * Offline data authentication (EMV Book 2 §5, §6; Book 3 §10.3): public entry points.
 */

export { verifyExchanges, verifySession, DEFAULT_DDOL, type OdaOptions } from './verify.js';
export { performDda, type PerformDdaOptions } from './perform.js';
export {
  inferBlankCommands,
  readOdaSession,
  splitApplicationSessions,
  type ApduExchange,
  type RecordedEntry,
  type OdaSession,
} from './exchanges.js';
export type { OdaReport, MethodResult, KeyFacts, OdaMethod } from './report.js';
export { maskOdaReport, reportPans } from './mask.js';
export type { OdaCheck, OdaStep } from './steps.js';
export {
  builtinCapks,
  capkChecksum,
  findCapks,
  loadCapks,
  parseCapkList,
  type Capk,
  type RejectedCapk,
} from './capk.js';
export {
  recoverIssuerKey,
  recoverIccKey,
  type KeyRecovery,
  type RecoveredKey,
} from './certificates.js';
export {
  verifySignedStaticData,
  verifyDynamicSignature,
  verifyCdaSignature,
} from './signatures.js';
export { buildStaticData } from './static-data.js';
export { rsaRecover, type RsaPublicKey } from './rsa.js';
