/**
 * Loading nfc-pcsc, an optional dependency with a native addon, and the small part of its API
 * paycard uses (it ships no types). Loaded lazily so that `paycard --replay` and the library
 * work on machines without PC/SC.
 */

import { connect } from 'node:net';
import { TransportError } from '../errors.js';
import { messageOf } from './pcsc-errors.js';

/** The native reader object of @pokusew/pcsclite under an nfc-pcsc `Reader`. */
export interface RawReader {
  name: string;
  state: number;
  connected: boolean;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_LEAVE_CARD: number;
  disconnect(disposition: number, callback: (error?: Error) => void): void;
  on(event: 'status', listener: (status: { state: number; atr?: Buffer }) => void): unknown;
  removeAllListeners(event: 'status'): unknown;
}

/** nfc-pcsc's `Reader`. */
export interface NfcReader {
  readonly name: string;
  autoProcessing: boolean;
  card: { atr?: Buffer } | null;
  connection: { protocol: number } | null;
  reader: RawReader;
  transmit(data: Buffer, responseMaxLength: number): Promise<Buffer>;
  /** SCardConnect in shared mode; nfc-pcsc calls it itself when a card is presented. */
  connect(): Promise<{ protocol: number }>;
  close(): void;
  on(event: 'card', listener: (card: { atr?: Buffer }) => void): unknown;
  on(event: 'card.off' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/** nfc-pcsc's `NFC`: one PC/SC context. */
export interface Nfc {
  pcsc: { start(callback: (error: unknown, data: unknown) => void): void };
  on(event: 'reader', listener: (reader: NfcReader) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): void;
}

export type NfcConstructor = new () => Nfc;

const INSTALL_HINT =
  process.platform === 'linux'
    ? 'install pcscd and the PC/SC headers (Debian/Ubuntu: apt-get install pcscd libpcsclite-dev) ' +
      "plus your reader's driver (most USB readers: libccid; ACS readers: libacsccid1), " +
      'then run: npm rebuild nfc-pcsc'
    : "install your reader's driver, then run: npm rebuild nfc-pcsc " +
      '(the optional dependency nfc-pcsc builds a native addon)';

let loaded: Promise<NfcConstructor> | undefined;

/**
 * Imports nfc-pcsc once. Rejects with `TransportError('DRIVER_MISSING')` saying what to install
 * when the package or its native addon (or libpcsclite) is missing.
 */
export function loadNfc(): Promise<NfcConstructor> {
  loaded ??= import('nfc-pcsc' as string).then(
    (module: { NFC?: NfcConstructor; default?: { NFC?: NfcConstructor } }) => {
      const NFC = module.NFC ?? module.default?.NFC;
      if (typeof NFC !== 'function') throw new Error('nfc-pcsc does not export NFC');
      return NFC;
    },
    (e: unknown) => {
      loaded = undefined;
      throw new TransportError(
        'DRIVER_MISSING',
        `PC/SC support is not available (nfc-pcsc failed to load: ${firstLine(e)}): ${INSTALL_HINT}`,
        { cause: e },
      );
    },
  );
  return loaded;
}

/** Where libpcsclite finds pcscd (pcsc-lite's default, or `PCSCLITE_CSOCK_NAME`). */
export function pcscdSocketPath(): string {
  return process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
}

/**
 * On Linux, checks that pcscd (or systemd's socket for it) accepts connections. Needed because
 * the native layer retries `SCardEstablishContext` forever while the service is missing.
 */
export async function assertPcscdRunning(): Promise<void> {
  if (process.platform !== 'linux') return;

  const path = pcscdSocketPath();
  const problem = await new Promise<string | null>((resolve) => {
    const socket = connect({ path });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('it does not answer');
    }, 2000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? 'it is not running' : e.message);
    });
  });

  if (problem !== null) {
    throw new TransportError(
      'READER_ERROR',
      `cannot reach the PC/SC service pcscd at ${path}: ${problem}; start it ` +
        '(systemctl start pcscd.socket, or run pcscd) and install it if needed (apt-get install pcscd)',
    );
  }
}

function firstLine(e: unknown): string {
  return messageOf(e).split('\n')[0].trim();
}
