import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startLatencyRelay, type LatencyRelay } from './latencyRelay';

/** Writes `text` and resolves with the time until as many bytes came back. */
function roundTrip(socket: net.Socket, text: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    let received = 0;
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received >= text.length) {
        socket.off('data', onData);
        resolve(Date.now() - started);
      }
    };
    socket.on('data', onData);
    socket.write(text);
  });
}

describe('The latency relay in front of the emulator', function () {
  const RTT = 120;
  let echo: net.Server;
  let relay: LatencyRelay;

  before(async function () {
    echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    relay = await startLatencyRelay({ host: '127.0.0.1', port: (echo.address() as AddressInfo).port }, RTT);
  });

  after(async function () {
    await relay.stop();
    await new Promise((resolve) => echo.close(resolve));
  });

  it('costs a new connection its handshake round trip plus one per exchange, and bytes arrive in order', async function () {
    const socket = net.connect({ host: '127.0.0.1', port: relay.port });
    await new Promise((resolve) => socket.once('connect', resolve));
    const first = await roundTrip(socket, 'hello');
    const second = await roundTrip(socket, 'again');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const text = Array.from({ length: 50 }, (_, i) => `${i},`).join('');
    for (const part of text.match(/.{1,7}/g) ?? []) {
      socket.write(part);
    }
    await new Promise((resolve) => setTimeout(resolve, RTT * 2));
    socket.destroy();
    assert.ok(first >= 2 * RTT - 5 && first < 2 * RTT + 60, `first exchange took ${first} ms`);
    assert.ok(second >= RTT - 5 && second < RTT + 60, `second exchange took ${second} ms`);
    assert.equal(Buffer.concat(chunks).toString(), text);
    assert.equal(relay.connections, 1);
  });
});
