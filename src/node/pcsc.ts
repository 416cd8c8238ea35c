/**
 * Desktop card readers through PC/SC (pcsc-lite's pcscd on Linux, the built-in service on macOS
 * and Windows), by way of nfc-pcsc, an optional dependency loaded only when a reader is used.
 *
 * A presented card becomes a `Transceiver`; PC/SC's `Buffer`s are converted to `Uint8Array` here
 * and nowhere else. Failures are `TransportError`s: `DRIVER_MISSING` (nfc-pcsc or its addon not
 * installed), `READER_ERROR` (pcscd not running or gone, reader unplugged), `READER_NOT_FOUND`,
 * `CARD_REMOVED` (card left the field mid-read), `CARD_TIMEOUT`, `ABORTED`.
 *
 *     const card = await waitForCard({ onWaiting: (r) => console.error(`hold a card on ${r}`) });
 *     try { await readCard(card.transceiver); } finally { await card.close(); }
 */

import { TransportError } from '../errors.js';
import type { Transceiver } from '../transport/transceiver.js';
import {
  acquireContext,
  type ContextLease,
  type PcscContext,
  type ReaderSlot,
} from './pcsc-context.js';
import { transmitError } from './pcsc-errors.js';

/** A reader as `listReaders` reports it. */
export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
}

/** A card in a reader, ready for commands. */
export interface CardSession {
  transceiver: Transceiver;
  readerName: string;
  /** Answer To Reset (for a contactless card, the one the reader builds: PC/SC Part 3 §3.1.3). */
  atr: Uint8Array;
  /**
   * Ends the session (the card is reset); for `waitForCard`, also gives back the process's
   * shared PC/SC context, which closes shortly after its last user leaves.
   */
  close(): Promise<void>;
}

export interface WaitOptions {
  /** Reader name, exact or a case-insensitive part of it. Default: any reader. */
  reader?: string;
  /** Give up after this long without a card (`CARD_TIMEOUT`). Default: wait forever. */
  timeoutMs?: number;
  /** Aborting rejects with `ABORTED` after closing everything. */
  signal?: AbortSignal;
  /** Called once, when no card is present yet, with the readers being watched. */
  onWaiting?(readerNames: string[]): void;
  /** Longest wait for one command's answer (`CARD_TIMEOUT`). Default 10 000 ms. */
  transmitTimeoutMs?: number;
}

export interface WatchOptions {
  reader?: string;
  /** Ends the watch: `watchCards` then resolves. */
  signal?: AbortSignal;
  /** Called for each card presented, one at a time; the card is reset when it settles. */
  onCard(card: CardSession): Promise<void>;
  /** Called when no card is present, with the readers being watched. */
  onWaiting?(readerNames: string[]): void;
  /** A reader appeared or was unplugged during the watch. */
  onReaderChange?(event: { readerName: string; present: boolean }): void;
  transmitTimeoutMs?: number;
}

/** Largest response asked of PC/SC: an extended-length answer plus SW1 SW2 (ISO 7816-4 §5.1). */
export const MAX_RESPONSE_LENGTH = 65538;

const DEFAULT_TRANSMIT_TIMEOUT_MS = 10_000;

/**
 * Lists the PC/SC readers and whether each holds a card. Rejects with `DRIVER_MISSING` or
 * `READER_ERROR` (pcscd not running); an empty list when no reader is plugged in.
 */
export async function listReaders(): Promise<ReaderInfo[]> {
  const lease = await acquireContext({}, { connect: false });
  try {
    await lease.context.ready;
    return [...lease.context.readers.values()].map((slot) => ({
      name: slot.name,
      cardPresent: slot.present,
    }));
  } finally {
    lease.release();
  }
}

/**
 * Waits for a card on the named reader (or any reader) and opens it. Rejects with
 * `READER_NOT_FOUND` when no reader (or none of that name) is plugged in, `CARD_TIMEOUT` after
 * `timeoutMs`, `ABORTED` when `signal` aborts. The caller must `close()` the session.
 */
export async function waitForCard(options: WaitOptions = {}): Promise<CardSession> {
  options.signal?.throwIfAborted?.();
  let onCard: (slot: ReaderSlot) => void = () => {};
  let onConnectError: (slot: ReaderSlot, e: TransportError) => void = () => {};
  let onFatal: (e: TransportError) => void = () => {};
  const lease = await acquireContext({
    onCard: (slot) => onCard(slot),
    onConnectError: (slot, e) => onConnectError(slot, e),
    onFatal: (e) => onFatal(e),
  });
  const context = lease.context;

  return new Promise<CardSession>((resolve, reject) => {
    const cleanup: Array<() => void> = [];
    let settled = false;
    const settle = (error: TransportError | null, session?: CardSession): void => {
      if (settled) return;
      settled = true;
      for (const undo of cleanup) undo();
      onCard = () => {};
      onConnectError = () => {};
      onFatal = () => {};
      if (error) {
        lease.release();
        reject(error);
      } else resolve(session!);
    };

    // A card already connected by the shared context, or one an earlier session reset.
    const take = (slot: ReaderSlot): void => {
      if (settled || !matches(slot.name, options.reader)) return;
      context.claimPresentCard(slot).then(
        (atr) => {
          if (atr === null) return;
          if (settled) {
            slot.claimed = false;
            return;
          }
          settle(null, session(context, slot, atr, options.transmitTimeoutMs, lease));
        },
        (e: TransportError) => settle(e),
      );
    };

    onFatal = (e) => settle(e);
    onCard = take;
    onConnectError = (slot, e) => {
      if (matches(slot.name, options.reader)) settle(e);
    };

    if (options.timeoutMs !== undefined) {
      const timer = setTimeout(() => {
        const s = (options.timeoutMs! / 1000).toFixed(options.timeoutMs! % 1000 ? 1 : 0);
        settle(new TransportError('CARD_TIMEOUT', `no card was presented within ${s} s`));
      }, options.timeoutMs);
      cleanup.push(() => clearTimeout(timer));
    }

    const signal = options.signal;
    if (signal) {
      const abort = (): void => settle(new TransportError('ABORTED', 'stopped waiting for a card'));
      signal.addEventListener('abort', abort, { once: true });
      cleanup.push(() => signal.removeEventListener('abort', abort));
    }

    void context.ready.then(() => {
      if (settled) return;
      const names = [...context.readers.keys()].filter((n) => matches(n, options.reader));
      if (names.length === 0) {
        settle(readerNotFound(context, options.reader));
        return;
      }
      const slots = [...context.readers.values()].filter((s) => matches(s.name, options.reader));
      const holding = slots.some((s) => s.present && !s.claimed);
      if (!holding) options.onWaiting?.(names);
      for (const slot of slots) take(slot);
    });
  });
}

/**
 * Reads every card presented until `signal` aborts, one at a time: `onCard` gets each card and
 * the card is reset when its promise settles (a rejection is the caller's to handle: it is
 * ignored here so the watch carries on). Rejects with `READER_NOT_FOUND` when no reader (or none
 * of that name) is plugged in at the start, and with `READER_ERROR` if pcscd goes away.
 */
export async function watchCards(options: WatchOptions): Promise<void> {
  if (options.signal?.aborted) return;
  let fatal: (e: TransportError) => void = () => {};
  let queue = Promise.resolve();
  let busy = 0;
  let context: PcscContext | undefined;
  let started = false;

  const watched = (): string[] =>
    [...(context?.readers.keys() ?? [])].filter((n) => matches(n, options.reader));
  const idle = (): void => {
    if (busy === 0 && ![...context!.readers.values()].some((s) => s.present && !s.gone)) {
      options.onWaiting?.(watched());
    }
  };
  const take = (slot: ReaderSlot): void => {
    if (!started || !matches(slot.name, options.reader)) return;
    busy++;
    queue = queue.then(async () => {
      const atr = await context!.claimPresentCard(slot).catch(() => null);
      if (atr === null) {
        busy--;
        return;
      }
      const card = session(context!, slot, atr, options.transmitTimeoutMs);
      try {
        await options.onCard(card);
      } catch {
        // The caller reports its own failures; the watch goes on.
      } finally {
        await card.close();
        busy--;
      }
    });
  };

  const lease = await acquireContext({
    onCard: take,
    onCardRemoved: () => idle(),
    onReader(slot) {
      if (matches(slot.name, options.reader)) {
        options.onReaderChange?.({ readerName: slot.name, present: true });
      }
    },
    onReaderGone(slot) {
      if (matches(slot.name, options.reader)) {
        options.onReaderChange?.({ readerName: slot.name, present: false });
      }
    },
    onFatal: (e) => fatal(e),
  });
  context = lease.context;

  try {
    await context.ready;
    if (watched().length === 0) throw readerNotFound(context, options.reader);
    started = true;
    idle();
    for (const slot of [...context.readers.values()]) take(slot);

    await new Promise<void>((resolve, reject) => {
      fatal = reject;
      if (!options.signal) return;
      if (options.signal.aborted) resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await queue;
  } finally {
    lease.release();
  }
}

/** A card session on `slot`, whose transceiver refuses to work once the card has left. */
function session(
  context: PcscContext,
  slot: ReaderSlot,
  atr: Uint8Array,
  transmitTimeoutMs = DEFAULT_TRANSMIT_TIMEOUT_MS,
  lease?: ContextLease,
): CardSession {
  const removalsAtStart = slot.removals;
  let ended = false;
  let lost = false;

  const transceiver: Transceiver = {
    async transmit(command: Uint8Array): Promise<Uint8Array> {
      if (ended) throw new TransportError('READER_ERROR', 'the card session is closed');
      if (slot.gone) {
        throw new TransportError('READER_ERROR', `reader "${slot.name}" was unplugged`);
      }
      if (lost || slot.removals !== removalsAtStart) {
        throw new TransportError('CARD_REMOVED', `the card left reader "${slot.name}"`);
      }

      // The card has not answered the previous command (the read gave up waiting): a new one
      // would only queue behind it in pcsclite.
      if (slot.transmitting) {
        throw new TransportError(
          'CARD_TIMEOUT',
          `the card on reader "${slot.name}" has not answered the previous command`,
        );
      }

      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(
            new TransportError(
              'CARD_TIMEOUT',
              `the card did not answer within ${transmitTimeoutMs} ms on reader "${slot.name}"`,
            ),
          );
        }, transmitTimeoutMs);
      });

      try {
        const sent = Promise.resolve().then(() =>
          slot.reader.transmit(Buffer.from(command), MAX_RESPONSE_LENGTH),
        );
        track(slot, sent);
        const response = await Promise.race([sent, timeout]);

        // No status word: the link answered for a card that is no longer there (vpcd does so).
        if (response.length < 2) {
          lost = true;
          throw new TransportError(
            'CARD_REMOVED',
            `the card left reader "${slot.name}" during the read (empty answer); ` +
              'hold it still against the reader and try again',
          );
        }
        return new Uint8Array(response);
      } catch (e) {
        if (e instanceof TransportError) throw e;
        if (slot.gone) {
          throw new TransportError('READER_ERROR', `reader "${slot.name}" was unplugged`, {
            cause: e,
          });
        }
        const error = transmitError(e, slot.name);
        lost ||= error.code === 'CARD_REMOVED';
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  return {
    transceiver,
    readerName: slot.name,
    atr,
    async close() {
      if (ended) return;
      ended = true;
      // A card that left, or that is still silent on a command: a transmit pcsc-lite cannot
      // cancel holds the reader, so nothing waits on it (resetCard defers its reset).
      const silent = slot.transmitting !== null;
      if (lost || silent) lease?.retire();
      // Resetting a card that stopped answering leaves pcscd's vpcd slot unusable: don't.
      if (lost || slot.removals !== removalsAtStart) slot.present = false;
      await context.resetCard(slot);
      // A silent card stays claimed until its transmit ends: no session may take it meanwhile.
      if (slot.removals === removalsAtStart && !silent) slot.claimed = false;
      lease?.release();
    },
  };
}

/** Native transmits in flight, in every context; see `pendingTransmits`. */
let inFlight = 0;

/**
 * Native transmits still in flight. pcsc-lite cannot cancel a transmit, so one sent to a card
 * that stays in the field without answering runs until the card answers or leaves (with
 * vsmartcard's vpcd, for good; a hardware reader's driver gives up after its own timeout), and
 * while it runs the Node.js process cannot exit by itself. A program that must end then ends
 * with `process.exit()`; `paycard` does.
 */
export function pendingTransmits(): number {
  return inFlight;
}

/** Records `sent` as the transmit in flight on `slot` until it settles (before its callers). */
function track(slot: ReaderSlot, sent: Promise<Uint8Array | Buffer>): void {
  inFlight++;
  const done = (answered: boolean): void => {
    inFlight--;
    // No status word, or a removal: the card left (vpcd ends a stuck transmit so when it goes).
    if (!answered) slot.left = true;
    if (slot.transmitting === settled) slot.transmitting = null;
  };
  const settled: Promise<void> = sent.then(
    (response) => done(response.length >= 2),
    (e: unknown) => done(transmitError(e, slot.name).code !== 'CARD_REMOVED'),
  );
  slot.transmitting = settled;
}

function matches(name: string, wanted: string | undefined): boolean {
  if (wanted === undefined || wanted === '') return true;
  return name === wanted || name.toLowerCase().includes(wanted.toLowerCase());
}

function readerNotFound(context: PcscContext, wanted: string | undefined): TransportError {
  const names = [...context.readers.keys()];
  if (names.length === 0) {
    return new TransportError(
      'READER_NOT_FOUND',
      'no card reader found: plug in a PC/SC reader and check that its driver is installed ' +
        '(paycard readers lists what pcscd sees)',
    );
  }
  return new TransportError(
    'READER_NOT_FOUND',
    `no reader matches "${wanted}"; readers: ${names.map((n) => `"${n}"`).join(', ')}`,
  );
}
