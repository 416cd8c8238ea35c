/**
 * One PC/SC context through nfc-pcsc, with its pitfalls handled in one place: automatic
 * processing off and an `error` listener on every reader as soon as it appears, reader
 * enumeration known to be complete, and a close that lets the process exit (every reader closed,
 * outside its own status callback, then the context).
 *
 * The native layer releases a PC/SC context only when its object is garbage collected, so a
 * process that opened one context per call ran out of pcscd's client threads after about a
 * hundred calls. `acquireContext` therefore shares one reference-counted context per process
 * (one that connects to cards; `listReaders` borrows it when it is open), closed shortly after
 * its last user releases it so that the process can still exit by itself.
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
  /** A session holds the card now in the reader: no other user may take it. */
  claimed: boolean;
  /** ATR of the card now in the reader, as pcscd reported it. */
  atr: Uint8Array | null;
  /**
   * The native transmit in flight on this reader, settled (never rejected) when it ends; null
   * when none. While it runs, pcsclite holds the reader's lock: a disconnect queues behind it
   * and closing the reader blocks the JavaScript thread, so both wait for it to end.
   */
  transmitting: Promise<void> | null;
  /**
   * A transmit ended without an answer (a removal error, or no status word): the card left, even
   * if pcscd has not reported the removal yet. Its connection is then dropped without a reset:
   * resetting a vpcd card that left blinds pcscd's slot to the next card (docs/pcsc.md).
   */
  left: boolean;
}

export interface ContextEvents {
  /** nfc-pcsc connected to a newly presented card. */
  onCard?(slot: ReaderSlot, atr: Uint8Array): void;
  onCardRemoved?(slot: ReaderSlot): void;
  onReader?(slot: ReaderSlot): void;
  onReaderGone?(slot: ReaderSlot): void;
  /** A card was presented but connecting to it failed (SCardConnect). */
  onConnectError?(slot: ReaderSlot, error: TransportError): void;
  /** The PC/SC context failed (pcscd went away): nothing more will happen. */
  onFatal?(error: TransportError): void;
}

export interface PcscContext {
  readonly readers: ReadonlyMap<string, ReaderSlot>;
  /** Resolves once the first reader list is in and every reader reported its state. */
  readonly ready: Promise<void>;
  /**
   * Resets the card's connection on `slot` (SCARD_RESET_CARD); never throws. With a transmit
   * still in flight (a card that stopped answering), resolves at once and resets the card only
   * once that transmit ends, if it ever does: pcsc-lite cannot cancel a transmit.
   */
  resetCard(slot: ReaderSlot): Promise<void>;
  /**
   * Claims the card present in `slot` and not held by a session, connecting to it again if an
   * earlier session reset it. Resolves with its ATR, or null when there is no such card.
   * Rejects with `READER_ERROR` when the connection fails.
   */
  claimPresentCard(slot: ReaderSlot): Promise<Uint8Array | null>;
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
  // The package first: without it nothing else can work, and its message says what to install.
  const NFC = await loadNfc();
  await assertPcscdRunning();

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
    const slot: ReaderSlot = {
      name: reader.name,
      reader,
      present: false,
      gone: false,
      removals: 0,
      claimed: false,
      atr: null,
      transmitting: null,
      left: false,
    };
    readers.set(reader.name, slot);
    awaitingStatus.add(reader.name);

    reader.on('error', () => {
      // Reader-level errors surface again as a failed transmit or a removal; nothing to do here.
    });
    // nfc-pcsc catches a failed connect and emits the error object as an event name, which no
    // listener can name: wrapping `connect` is the one place the failure can be seen.
    const connect = reader.connect.bind(reader);
    reader.connect = async () => {
      try {
        return await connect();
      } catch (e) {
        const error = connectError(e, reader.name);
        if (!closed) events.onConnectError?.(slot, error);
        throw error;
      }
    };
    reader.reader.on('status', (status) => {
      slot.present = (status.state & reader.reader.SCARD_STATE_PRESENT) !== 0;
      if (awaitingStatus.delete(reader.name)) checkReady();
    });
    reader.on('card', (card) => {
      slot.present = true;
      slot.claimed = false;
      slot.left = false;
      slot.atr = card.atr ? new Uint8Array(card.atr) : new Uint8Array(0);
      if (!closed) events.onCard?.(slot, slot.atr);
    });
    reader.on('card.off', () => {
      slot.present = false;
      slot.claimed = false;
      slot.atr = null;
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
    resetCard(slot) {
      if (slot.transmitting) {
        const removals = slot.removals;
        void afterTransmit(slot).then(async () => {
          if (closed || slot.removals !== removals || !slot.present) return;
          await resetCard(slot);
          slot.claimed = false;
        });
        return Promise.resolve();
      }
      return slot.present ? resetCard(slot) : Promise.resolve();
    },
    async claimPresentCard(slot) {
      if (closed || slot.gone || !slot.present || slot.claimed || slot.atr === null) return null;
      if (slot.transmitting) return null;
      slot.claimed = true;
      const removals = slot.removals;
      if (!slot.reader.connection) {
        try {
          await slot.reader.connect();
        } catch (e) {
          slot.claimed = false;
          throw e;
        }
      }
      if (slot.removals !== removals || !slot.present) return null;
      return slot.atr;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        markReady();
        // Out of any status callback: closing a reader inside its own callback hangs.
        await new Promise((resolve) => setImmediate(resolve));
        for (const slot of readers.values()) {
          // A reader whose transmit never ends is closed if it ends (the card answers or leaves):
          // closing it now would block this thread on pcsclite's reader lock, for good.
          if (slot.transmitting) void afterTransmit(slot).then(() => closeReader(slot));
          else await closeReader(slot);
        }
        nfc.close();
      })();
      return closing;
    },
  };
  return context;
}

/** How long an unused shared context stays open, for a caller that calls again at once. */
export const SHARED_CONTEXT_LINGER_MS = 200;

interface SharedEntry {
  readonly opening: Promise<PcscContext>;
  readonly listeners: Set<ContextEvents>;
  readonly connect: boolean;
  users: number;
  idle?: NodeJS.Timeout;
  failed: boolean;
}

/** The process's shared contexts: one that connects to cards, one that only lists readers. */
const shared = new Map<boolean, SharedEntry>();

/** One user's hold on a shared context. */
export interface ContextLease {
  readonly context: PcscContext;
  /**
   * Stops this user's events and gives the context back. The last release closes the context
   * after `SHARED_CONTEXT_LINGER_MS` unless another user acquires it meanwhile. Idempotent.
   */
  release(): void;
  /**
   * Stops sharing this context: later users open a new one, and this one closes when its last
   * user releases it. For a card that stopped answering: the connection pcsclite keeps to it
   * then misses the next card in that reader (measured with vpcd), a fresh context does not.
   */
  retire(): void;
}

/**
 * Acquires the process's shared PC/SC context, opening it on first use. `events` go to this
 * user until it releases the lease. With `connect: false` (a listing), the connecting context
 * is borrowed when it is open, and a non-connecting one is shared otherwise. Rejects like
 * `openContext`.
 */
export async function acquireContext(
  events: ContextEvents = {},
  options: ContextOptions = {},
): Promise<ContextLease> {
  const wantsConnect = options.connect !== false;
  const entry = usableEntry(wantsConnect) ?? openShared(wantsConnect);

  entry.users++;
  clearTimeout(entry.idle);
  entry.idle = undefined;
  entry.listeners.add(events);

  let context: PcscContext;
  try {
    context = await entry.opening;
  } catch (e) {
    entry.listeners.delete(events);
    entry.users--;
    throw e;
  }

  let released = false;
  return {
    context,
    retire() {
      entry.failed = true;
      if (shared.get(entry.connect) === entry) shared.delete(entry.connect);
    },
    release() {
      if (released) return;
      released = true;
      entry.listeners.delete(events);
      entry.users--;
      if (entry.users > 0) return;
      if (entry.failed) {
        retire(entry, context);
        return;
      }
      entry.idle = setTimeout(() => {
        if (entry.users === 0) retire(entry, context);
      }, SHARED_CONTEXT_LINGER_MS);
    },
  };
}

function usableEntry(connect: boolean): SharedEntry | undefined {
  const own = shared.get(connect);
  if (own && !own.failed) return own;
  // A listing can read reader states from the connecting context; the reverse is not true.
  const card = connect ? undefined : shared.get(true);
  return card && !card.failed ? card : undefined;
}

function openShared(connect: boolean): SharedEntry {
  const listeners = new Set<ContextEvents>();
  const each =
    <K extends keyof ContextEvents>(key: K) =>
    (...args: Parameters<NonNullable<ContextEvents[K]>>): void => {
      for (const l of [...listeners])
        (l[key] as ((...a: typeof args) => void) | undefined)?.(...args);
    };

  let entry: SharedEntry;
  const opening = openContext(
    {
      onCard: each('onCard'),
      onCardRemoved: each('onCardRemoved'),
      onReader: each('onReader'),
      onReaderGone: each('onReaderGone'),
      onConnectError: each('onConnectError'),
      onFatal(error) {
        // pcscd went away: the next user opens a new context; this one closes once unused.
        entry.failed = true;
        if (shared.get(connect) === entry) shared.delete(connect);
        each('onFatal')(error);
      },
    },
    { connect },
  );
  entry = { opening, listeners, connect, users: 0, failed: false };
  shared.set(connect, entry);
  opening.catch(() => {
    entry.failed = true;
    if (shared.get(connect) === entry) shared.delete(connect);
  });
  return entry;
}

function retire(entry: SharedEntry, context: PcscContext): void {
  if (shared.get(entry.connect) === entry) shared.delete(entry.connect);
  void context.close();
}

function connectError(error: unknown, readerName: string): TransportError {
  const previous = (error as { previous?: unknown } | null)?.previous ?? error;
  return new TransportError(
    'READER_ERROR',
    `cannot connect to the card in reader "${readerName}" (${messageOf(previous)}); ` +
      'present it again',
    { cause: error },
  );
}

/** Resolves once no native transmit is in flight on `slot`. */
async function afterTransmit(slot: ReaderSlot): Promise<void> {
  while (slot.transmitting) await slot.transmitting;
}

/** Resets the card, if any (unless it left), and closes the reader. */
async function closeReader(slot: ReaderSlot): Promise<void> {
  if (slot.present) await resetCard(slot);
  try {
    slot.reader.close();
  } catch {
    // Already closed by pcsclite (reader unplugged).
  }
}

/**
 * Ends the connection to the card on `slot`: with a reset (SCARD_RESET_CARD), or, for a card
 * known to have left (`slot.left`), without touching it (SCARD_LEAVE_CARD).
 */
function resetCard(slot: ReaderSlot): Promise<void> {
  const reader = slot.reader;
  if (!reader.connection) return Promise.resolve();
  const raw = reader.reader;
  const disposition = slot.left ? raw.SCARD_LEAVE_CARD : raw.SCARD_RESET_CARD;
  return new Promise((resolve) => {
    try {
      raw.disconnect(disposition, () => {
        reader.connection = null;
        resolve();
      });
    } catch {
      reader.connection = null;
      resolve();
    }
  });
}
