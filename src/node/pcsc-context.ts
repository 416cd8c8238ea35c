/**
 * One PC/SC context through nfc-pcsc, with its pitfalls handled in one place: automatic
 * processing off and an `error` listener on every reader as soon as it appears, reader
 * enumeration known to be complete, and a close that lets the process exit (every reader closed,
 * outside its own status callback, then the context).
 */

import { TransportError } from '../errors.js';
import { assertPcscdRunning, loadNfc, type Nfc, type NfcReader } from './nfc-pcsc.js';
import { isNoService, messageOf } from './pcsc-errors.js';

/** What the context knows of one reader. */
export interface ReaderSlot {
  readonly name: string;
  readonly reader: NfcReader;
  /** A card is in the reader (or in its field). */
  present: boolean;
  /** The reader was unplugged. */
  gone: boolean;
  /** Bumped at every card removal, so a session can tell that its card left. */
  removals: number;
}

export interface ContextEvents {
  /** nfc-pcsc connected to a newly presented card. */
  onCard?(slot: ReaderSlot, atr: Uint8Array): void;
  onCardRemoved?(slot: ReaderSlot): void;
  onReader?(slot: ReaderSlot): void;
  onReaderGone?(slot: ReaderSlot): void;
  /** The PC/SC context failed (pcscd went away): nothing more will happen. */
  onFatal?(error: TransportError): void;
}

export interface PcscContext {
  readonly readers: ReadonlyMap<string, ReaderSlot>;
  /** Resolves once the first reader list is in and every reader reported its state. */
  readonly ready: Promise<void>;
  /** Resets the card's connection on `slot` (SCARD_RESET_CARD); never throws. */
  resetCard(slot: ReaderSlot): Promise<void>;
  /** Closes every reader and the context; resolves once they are closed. Idempotent. */
  close(): Promise<void>;
}

/** Longest wait for pcscd's first reader list before going on without it. */
const ENUMERATION_LIMIT_MS = 3000;

export interface ContextOptions {
  /**
   * Connect to cards as they are presented (nfc-pcsc's behaviour, needed to talk to them).
   * Default true; false only watches reader states, which leaves cards untouched.
   */
  connect?: boolean;
}

/** Opens a PC/SC context. Rejects with `DRIVER_MISSING` or `READER_ERROR` (pcscd down). */
export async function openContext(
  events: ContextEvents = {},
  options: ContextOptions = {},
): Promise<PcscContext> {
  await assertPcscdRunning();
  const NFC = await loadNfc();

  let nfc: Nfc;
  try {
    nfc = new NFC();
  } catch (e) {
    throw new TransportError('READER_ERROR', `cannot open a PC/SC context: ${messageOf(e)}`, {
      cause: e,
    });
  }

  const readers = new Map<string, ReaderSlot>();
  const awaitingStatus = new Set<string>();
  let listed = false;
  let closed = false;
  let markReady = (): void => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const checkReady = (): void => {
    if (listed && awaitingStatus.size === 0) markReady();
  };
  const limit = setTimeout(markReady, ENUMERATION_LIMIT_MS);
  void ready.then(() => clearTimeout(limit));

  // pcsclite calls `start` on the next tick; its first callback carries the first reader list
  // and emits every reader before returning, so wrapping it tells when enumeration is complete.
  const pcsc = nfc.pcsc;
  const start = pcsc.start;
  pcsc.start = (callback) => {
    let first = true;
    start.call(pcsc, (error: unknown, data: unknown) => {
      callback(error, data);
      if (first) {
        first = false;
        listed = true;
        checkReady();
      }
    });
  };

  nfc.on('reader', (reader) => {
    // Synchronously, before pcsclite reports the reader's first status (notes: pcsc-notes.md).
    reader.autoProcessing = false;
    // nfc-pcsc's own status listener is what connects to a presented card; a listing removes it.
    if (options.connect === false) reader.reader.removeAllListeners('status');
    const slot: ReaderSlot = { name: reader.name, reader, present: false, gone: false, removals: 0 };
    readers.set(reader.name, slot);
    awaitingStatus.add(reader.name);

    reader.on('error', () => {
      // Reader-level errors surface again as a failed transmit or a removal; nothing to do here.
    });
    reader.reader.on('status', (status) => {
      slot.present = (status.state & reader.reader.SCARD_STATE_PRESENT) !== 0;
      if (awaitingStatus.delete(reader.name)) checkReady();
    });
    reader.on('card', (card) => {
      slot.present = true;
      if (!closed) events.onCard?.(slot, card.atr ? new Uint8Array(card.atr) : new Uint8Array(0));
    });
    reader.on('card.off', () => {
      slot.present = false;
      slot.removals++;
      if (!closed) events.onCardRemoved?.(slot);
    });
    reader.on('end', () => {
      slot.gone = true;
      slot.present = false;
      slot.removals++;
      readers.delete(reader.name);
      if (awaitingStatus.delete(reader.name)) checkReady();
      if (!closed) events.onReaderGone?.(slot);
    });

    if (!closed) events.onReader?.(slot);
  });

  nfc.on('error', (e) => {
    const why = isNoService(e) ? 'pcscd stopped' : `the PC/SC service failed: ${messageOf(e)}`;
    listed = true;
    checkReady();
    if (!closed) events.onFatal?.(new TransportError('READER_ERROR', why, { cause: e }));
  });

  let closing: Promise<void> | undefined;
  const context: PcscContext = {
    readers,
    ready,
    resetCard: (slot) => (slot.present ? resetCard(slot.reader) : Promise.resolve()),
    close() {
      closing ??= (async () => {
        closed = true;
        markReady();
        // Out of any status callback: closing a reader inside its own callback hangs.
        await new Promise((resolve) => setImmediate(resolve));
        for (const slot of readers.values()) {
          if (slot.present) await resetCard(slot.reader);
          try {
            slot.reader.close();
          } catch {
            // Already closed by pcsclite (reader unplugged).
          }
        }
        nfc.close();
      })();
      return closing;
    },
  };
  return context;
}

function resetCard(reader: NfcReader): Promise<void> {
  if (!reader.connection) return Promise.resolve();
  return new Promise((resolve) => {
    try {
      reader.reader.disconnect(reader.reader.SCARD_RESET_CARD, () => {
        reader.connection = null;
        resolve();
      });
    } catch {
      reader.connection = null;
      resolve();
    }
  });
}
