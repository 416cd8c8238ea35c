/**
 * paycard core: read EMV payment cards through any `Transceiver`. Runs in Node, browsers and
 * React Native: `Uint8Array` only, no Node built-ins.
 */

export * from './errors.js';
export { toHex, fromHex, concatBytes, equalBytes, bcdDigits, toAscii } from './bytes/hex.js';
export * from './tlv/tlv.js';
export * from './apdu/commands.js';
export * from './apdu/status.js';
export * from './transport/transceiver.js';
export * from './dol/dol.js';
export * from './dol/terminal.js';
export * from './card/aids.js';
export * from './card/brand.js';
export * from './card/pan.js';
export * from './card/track.js';
export * from './read/result.js';
export { readCard, type ReadOptions } from './read/read.js';
export { COMMAND_TIMEOUT_MS, MAX_COMMANDS, READ_DEADLINE_MS } from './read/session.js';
export { parseAfl, type AflEntry, type RecordRead } from './read/records.js';
export type { FullReadData, LogEntry, Cplc, CplcDate, ElementResult } from './read/full.js';
export { decodeCplc, decodeLogEntry } from './read/full.js';
export * from './transcript/parse.js';
export * from './transcript/card.js';
export * from './card/privacy.js';
export * from './oda/index.js';
