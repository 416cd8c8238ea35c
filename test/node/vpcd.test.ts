import { createServer, type Server, type Socket } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { fromHex, toHex } from '../../src/bytes/hex.js';
import { TransportError } from '../../src/errors.js';
import type { Transceiver } from '../../src/transport/transceiver.js';
import {
  DEFAULT_ATR,
  connectVirtualCard,
  createFrameReader,
  encodeFrame,
} from '../../src/node/vpcd.js';

describe('vpcd framing', () => {
  test('a frame is a 2-byte big-endian length and the payload', () => {
    expect(toHex(encodeFrame(fromHex('00A40400')))).toBe('000400A40400');
    expect(() => encodeFrame(new Uint8Array(0x10000))).toThrow(RangeError);
  });

  test('frames split across and joined within chunks come out whole', () => {
    const payload = fc.uint8Array({ maxLength: 600 });
    fc.assert(
      fc.property(fc.array(payload, { maxLength: 10 }), fc.array(fc.nat(50)), (payloads, cuts) => {
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
        const read = createFrameReader();
        const out: Uint8Array[] = [];
        let at = 0;
        for (const cut of cuts) {
          out.push(...read(stream.subarray(at, Math.min(stream.length, at + cut))));
          at = Math.min(stream.length, at + cut);
        }
        out.push(...read(stream.subarray(at)));
        expect(out.map((b) => toHex(b))).toEqual(payloads.map((b) => toHex(b)));
      }),
    );
  });
});

/** A stand-in for vpcd: listens on loopback, sends frames, collects the answers. */
async function fakeVpcd(): Promise<{
  port: number;
  server: Server;
  peer: Promise<{
    socket: Socket;
    ask(payload: string): Promise<string>;
    send(payload: string): void;
  }>;
}> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const peer = new Promise<{
    socket: Socket;
    ask(p: string): Promise<string>;
    send(p: string): void;
  }>((resolve) => {
    server.once('connection', (socket) => {
      const read = createFrameReader();
      const waiting: Array<(hex: string) => void> = [];
      socket.on('data', (chunk) => {
        for (const frame of read(chunk)) waiting.shift()?.(toHex(frame));
      });
      const send = (payload: string) => socket.write(encodeFrame(fromHex(payload)));
      resolve({
        socket,
        send,
        ask: (payload) =>
          new Promise((answer) => {
            waiting.push(answer);
            send(payload);
          }),
      });
    });
  });
  return { port, server, peer };
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A card that answers 9000 with the number of its session and the count of commands. */
function countingCard(sessions: { n: number }): Transceiver {
  const session = ++sessions.n;
  let count = 0;
  return { transmit: async () => Uint8Array.of(session, ++count, 0x90, 0x00) };
}

describe('connectVirtualCard against a fake vpcd', () => {
  test('answers ATR requests, commands, and PC/SC pseudo-APDUs', async () => {
    const vpcd = await fakeVpcd();
    servers.push(vpcd.server);
    const sessions = { n: 0 };
    const card = await connectVirtualCard({
      port: vpcd.port,
      newCard: () => countingCard(sessions),
    });
    const peer = await vpcd.peer;

    peer.send('01'); // power on: a new card session
    expect(await peer.ask('04')).toBe(toHex(DEFAULT_ATR));
    expect(await peer.ask('00A404000E325041592E5359532E444446303100')).toBe('02019000');
    expect(await peer.ask('00B2010C00')).toBe('02029000');
    expect(await peer.ask('FFCA000000')).toBe('6A81');
    peer.send('02'); // reset: the card starts over
    expect(await peer.ask('00B2010C00')).toBe('03019000');
    expect(card.commands).toBe(4);

    await card.remove();
    await new Promise((resolve) => peer.socket.once('close', resolve));
  });

  test('a card that throws answers 6F00 and reports the error', async () => {
    const vpcd = await fakeVpcd();
    servers.push(vpcd.server);
    const errors: unknown[] = [];
    const card = await connectVirtualCard({
      port: vpcd.port,
      atr: fromHex('3B8080010101'),
      newCard: () => ({ transmit: () => Promise.reject(new Error('no answer recorded')) }),
      onCardError: (e) => errors.push(e),
    });
    const peer = await vpcd.peer;

    expect(await peer.ask('04')).toBe('3B8080010101');
    expect(await peer.ask('00B2010C00')).toBe('6F00');
    expect(errors).toHaveLength(1);
    await card.remove();
  });

  test('with once, leaves after the first session that had a command', async () => {
    const vpcd = await fakeVpcd();
    servers.push(vpcd.server);
    const card = await connectVirtualCard({
      port: vpcd.port,
      once: true,
      newCard: () => countingCard({ n: 0 }),
    });
    const peer = await vpcd.peer;

    peer.send('01');
    peer.send('00'); // power off before any command: still in the reader
    peer.send('01');
    expect(await peer.ask('00B2010C00')).toBe('01019000');
    peer.send('02');
    await card.closed;
  });

  test('nothing listening: READER_NOT_FOUND naming pcscd and vpcd', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));

    const error = await connectVirtualCard({ port, newCard: () => countingCard({ n: 0 }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('READER_NOT_FOUND');
    expect((error as TransportError).message).toMatch(/pcscd.*vpcd/);
  });
});
