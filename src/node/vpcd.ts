/**
 * A virtual card for pcscd, served through the vsmartcard project's `vpcd` reader driver.
 *
 * vpcd makes pcscd show a reader (`Virtual PCD 00 00`) whose card is whatever process connects
 * to its TCP port (35963 for the first slot). Both directions frame every message as a 2-byte
 * big-endian length and a payload. From vpcd, a 1-byte payload is a control byte (power off,
 * power on, reset, "send your ATR"); a longer payload is a command APDU, answered with the
 * response APDU, SW1 SW2 included (ISO/IEC 7816-4 §5.1). Closing the socket removes the card.
 *
 * The card behind it is any `Transceiver`, made afresh by `newCard()` at every power on and reset
 * so a card replayed from a transcript starts each session from its beginning.
 */

import { Socket, connect } from 'node:net';
import { fromHex } from '../bytes/hex.js';
import { TransportError } from '../errors.js';
import type { Transceiver } from '../transport/transceiver.js';

/** Default vpcd address: loopback and the port of its first slot (`Virtual PCD 00 00`). */
export const VPCD_HOST = '127.0.0.1';
export const VPCD_PORT = 35963;

/**
 * A plausible ATR of a contactless ISO/IEC 14443-4 card as a PC/SC reader builds it
 * (PC/SC Part 3 §3.1.3.2.3: 3B 8n 80 01 then the historical bytes, then TCK).
 * Historical bytes here: "paycard" in ASCII.
 */
export const DEFAULT_ATR = fromHex('3B 87 80 01 70 61 79 63 61 72 64 7A');

/** vpcd's control bytes (vsmartcard vpcd protocol). */
export const VPCD_CONTROL = {
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  GET_ATR: 0x04,
} as const;

/** Status words the virtual card gives for commands it does not pass to the card. */
const SW_FUNCTION_NOT_SUPPORTED = Uint8Array.of(0x6a, 0x81);
const SW_NO_PRECISE_DIAGNOSIS = Uint8Array.of(0x6f, 0x00);

/** Longest wait, after a reset, for pcscd's request of the ATR that completes it. */
const RESET_ATR_LIMIT_MS = 1000;

/** Longest frame the 2-byte length allows. */
const MAX_FRAME = 0xffff;

export interface VirtualCardOptions {
  /** Makes the card behind the socket; called at every power on and reset. */
  newCard: () => Transceiver;
  host?: string;
  port?: number;
  /** Answer To Reset sent on request. Default `DEFAULT_ATR`. */
  atr?: Uint8Array;
  /**
   * Leave the field after the first session: the first power off after a command, or reset
   * after a command once the ATR that completes the reset was sent.
   */
  once?: boolean;
  /** Called with each exchange, for progress output. */
  onCommand?(command: Uint8Array, response: Uint8Array): void;
  /** Called when the card behind the socket threw (the reader then sees 6F00). */
  onCardError?(error: unknown, command: Uint8Array): void;
}

/** A virtual card in vpcd's reader. */
export interface VirtualCard {
  /** Commands answered so far (pseudo-APDUs included). */
  readonly commands: number;
  /**
   * Sessions that sent a command and have ended: by a power off, or by a reset once pcscd has
   * read the ATR that follows it (the reset is then complete on pcscd's side).
   */
  readonly sessions: number;
  /**
   * Resolves once `count` sessions have ended (see `sessions`), or when the card leaves. Remove
   * a card only after its reader's reset: pulled in the middle of it, pcscd marks the reader
   * empty without seeing the removal, and vpcd takes the next card connecting within its 400 ms
   * poll for the same card still present, so that card is never reported (docs/pcsc.md).
   */
  sessionsEnded(count: number): Promise<void>;
  /** Resolves when the socket closed, by `remove()`, `once`, or vpcd going away. */
  readonly closed: Promise<void>;
  /** Takes the card out of the reader (closes the socket); resolves once it is closed. */
  remove(): Promise<void>;
}

/**
 * Splits a byte stream into vpcd frames (2-byte big-endian length, then the payload).
 * Feed it chunks as they arrive; it returns the whole frames they complete.
 */
export function createFrameReader(): (chunk: Uint8Array) => Uint8Array[] {
  let pending = new Uint8Array(0);

  return (chunk) => {
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending, 0);
    joined.set(chunk, pending.length);

    const frames: Uint8Array[] = [];
    let at = 0;
    while (joined.length - at >= 2) {
      const length = (joined[at] << 8) | joined[at + 1];
      if (joined.length - at - 2 < length) break;
      frames.push(joined.slice(at + 2, at + 2 + length));
      at += 2 + length;
    }
    pending = joined.slice(at);
    return frames;
  };
}

/** One vpcd frame: the 2-byte big-endian length, then `payload`. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_FRAME) {
    throw new RangeError(`vpcd frame expected at most ${MAX_FRAME} bytes, got ${payload.length}`);
  }
  const frame = new Uint8Array(payload.length + 2);
  frame[0] = payload.length >> 8;
  frame[1] = payload.length & 0xff;
  frame.set(payload, 2);
  return frame;
}

/**
 * Connects a virtual card to vpcd, which pcscd then reports as inserted (0.25–0.5 s later).
 * Rejects with `TransportError('READER_NOT_FOUND')` when nothing listens at the address
 * (pcscd not running, or vsmartcard-vpcd not installed).
 *
 *     const card = await connectVirtualCard({ newCard: () => createTranscriptCard(entries) });
 *     await card.closed;
 */
export async function connectVirtualCard(options: VirtualCardOptions): Promise<VirtualCard> {
  const host = options.host ?? VPCD_HOST;
  const port = options.port ?? VPCD_PORT;
  const atr = options.atr ?? DEFAULT_ATR;

  const socket = await openSocket(host, port);
  socket.setNoDelay(true);

  let card: Transceiver = options.newCard();
  let commands = 0;
  let commandsThisSession = 0;
  let queue = Promise.resolve();
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const readFrames = createFrameReader();

  const send = (payload: Uint8Array): void => {
    if (!socket.destroyed) socket.write(encodeFrame(payload));
  };

  let sessions = 0;
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  void closed.then(() => {
    clearTimeout(resetLimit);
    for (const w of waiters) w.resolve();
    waiters = [];
  });

  // A session ended by a reset ends once pcscd has read the ATR after it (vpcd's IFD_RESET is
  // "reset" then "send your ATR"): leaving before that answer fails pcscd's reset, which then
  // marks the reader empty without noticing the removal and misses the next card.
  let resetLimit: NodeJS.Timeout | undefined;
  const sessionOver = (): void => {
    clearTimeout(resetLimit);
    resetLimit = undefined;
    sessions++;
    waiters = waiters.filter((w) => (sessions >= w.count ? (w.resolve(), false) : true));
    if (options.once) socket.end();
  };

  const endSession = (control: number): void => {
    const used = commandsThisSession > 0;
    commandsThisSession = 0;
    card = options.newCard();
    if (!used) return;
    if (control === VPCD_CONTROL.POWER_OFF) sessionOver();
    else resetLimit = setTimeout(sessionOver, RESET_ATR_LIMIT_MS);
  };

  const answer = async (frame: Uint8Array): Promise<void> => {
    if (frame.length === 1) {
      const control = frame[0];
      if (control === VPCD_CONTROL.GET_ATR) {
        send(atr);
        if (resetLimit) sessionOver();
      } else if (control === VPCD_CONTROL.POWER_OFF || control === VPCD_CONTROL.RESET) {
        endSession(control);
      } else if (control === VPCD_CONTROL.POWER_ON) card = options.newCard();
      return;
    }
    if (frame.length < 4) return;

    commands++;
    commandsThisSession++;
    const response = await respond(card, frame, options.onCardError);
    options.onCommand?.(frame, response);
    send(response);
  };

  socket.on('data', (chunk: Buffer) => {
    const frames = readFrames(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    for (const frame of frames) queue = queue.then(() => answer(frame));
  });
  socket.on('error', () => {
    // A reset connection is vpcd going away; 'close' follows and resolves `closed`.
  });

  return {
    get commands() {
      return commands;
    },
    get sessions() {
      return sessions;
    },
    sessionsEnded(count) {
      if (sessions >= count || socket.destroyed) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    closed,
    async remove() {
      socket.end();
      socket.destroySoon();
      await closed;
    },
  };
}

/** The card's answer to one command; PC/SC pseudo-APDUs (CLA FF) are answered here. */
async function respond(
  card: Transceiver,
  command: Uint8Array,
  onCardError: VirtualCardOptions['onCardError'],
): Promise<Uint8Array> {
  // PC/SC Part 3 §3.2.2.1: CLA FF addresses the reader (GET DATA for the UID: FF CA 00 00 00).
  if (command[0] === 0xff) return SW_FUNCTION_NOT_SUPPORTED;

  try {
    const response = await card.transmit(command);
    return response.length >= 2 ? response : SW_NO_PRECISE_DIAGNOSIS;
  } catch (e) {
    onCardError?.(e, command);
    return SW_NO_PRECISE_DIAGNOSIS;
  }
}

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const why =
        e.code === 'ECONNREFUSED'
          ? 'nothing listens there: is pcscd running, with vsmartcard-vpcd installed ' +
            '(apt-get install pcscd vsmartcard-vpcd)?'
          : e.message;
      reject(
        new TransportError('READER_NOT_FOUND', `vpcd at ${host}:${port}: ${why}`, { cause: e }),
      );
    });
  });
}
