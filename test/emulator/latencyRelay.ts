/**
 * A TCP relay that makes a loopback server look far away: every byte waits half the round-trip time
 * in each direction, and a new connection first pays the round trip its TCP handshake would cost.
 * TLS passes through untouched, so a handshake costs what it costs on a real network.
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LatencyRelay {
  /** The relay's port on its listening address. */
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  stop(): Promise<void>;
}

const END = Symbol('end');

/** Delivers what is written to `to` at the times given, in order. */
class DelayedPipe {
  private readonly queue: { at: number; chunk: Buffer | typeof END }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly to: net.Socket) {}

  push(chunk: Buffer | typeof END, at: number): void {
    const last = this.queue[this.queue.length - 1]?.at ?? 0;
    this.queue.push({ chunk, at: Math.max(at, last) });
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) {
      return;
    }
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        while (this.queue.length > 0 && this.queue[0].at <= Date.now()) {
          const { chunk } = this.queue.shift() as { chunk: Buffer | typeof END };
          if (chunk === END) {
            this.to.end();
          } else if (!this.to.destroyed) {
            this.to.write(chunk);
          }
        }
        this.schedule();
      },
      Math.max(0, this.queue[0].at - Date.now()),
    );
  }
}

export interface RelayOptions {
  /** The address it listens on; 127.0.0.1 by default. */
  host?: string;
  /** Called with performance.now() whenever a client's bytes arrive, before they are held. */
  onClientData?: (at: number) => void;
}

/** Relays host:(a free port) to `target` with `rttMs` of round-trip time. */
export async function startLatencyRelay(target: { host: string; port: number }, rttMs: number, options: RelayOptions = {}): Promise<LatencyRelay> {
  const oneWay = rttMs / 2;
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((client) => {
    connections++;
    // The kernel has already accepted: the round trip of SYN, SYN-ACK is charged to the first byte,
    // as if connect() had returned only then (work the client does in between cannot overlap it).
    let handshakeMs = rttMs;
    const upstream = net.connect(target);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const toUpstream = new DelayedPipe(upstream);
    const toClient = new DelayedPipe(client);
    const closeBoth = (): void => {
      toUpstream.stop();
      toClient.stop();
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      options.onClientData?.(performance.now());
      toUpstream.push(chunk, Date.now() + handshakeMs + oneWay);
      handshakeMs = 0;
    });
    client.on('end', () => toUpstream.push(END, Date.now() + oneWay));
    upstream.on('data', (chunk) => toClient.push(chunk, Date.now() + oneWay));
    upstream.on('end', () => toClient.push(END, Date.now() + oneWay));
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  return {
    port,
    get connections() {
      return connections;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
