/**
 * Faults at every byte: a TCP relay on 127.0.0.1 (real sockets, like latencyRelay.ts) between the
 * extension's client and the emulator that breaks one exchange at a chosen byte of it. It passes
 * everything until arm(); the first connection that carries client bytes after arm() is the
 * exchange (a reused kept-alive one, or a new one), and its plan applies there, at an offset:
 *
 * - of the request stream: the client's bytes since arm() (for TLS the ciphertext, handshake
 *   included on a new connection). The offset's bytes are forwarded to the server, then the fault:
 *   the server never has the whole request.
 * - of the answer: the server's bytes from the first one it sent after answered() held (the test
 *   says when IAM has answered). So the server has applied (or refused) the request before the fault.
 *
 * TLS passes through untouched; the relay only reads record headers, to tell whether the client
 * could have sent a byte of its request (see Exchange.requestMayHaveLeft).
 */
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * - fin: socket.end() both ways. rst: socket.resetAndDestroy() both ways.
 * - stall: nothing more is relayed either way; the sockets stay open until the client gives up.
 * - garbage: bytes that are neither HTTP nor TLS, then FIN. plaintext: `HTTP/1.1 200 OK\r\n\r\n`, then FIN.
 * - flip: the request byte at the offset is inverted (the server gets a corrupted request), and
 *   everything else passes (request stream only).
 */
export type FaultKind = 'fin' | 'rst' | 'stall' | 'garbage' | 'plaintext' | 'flip';

export const FAULT_KINDS: readonly FaultKind[] = ['fin', 'rst', 'stall', 'garbage', 'plaintext', 'flip'];

export type FaultStream = 'request' | 'answer';

export interface FaultPlan {
  kind: FaultKind;
  stream: FaultStream;
  /** Bytes of the stream forwarded before the fault. */
  offset: number;
  /** Also fault every later connection (the client's retries); by default only the first one. */
  everyConnection?: boolean;
}

/** Bytes that no HTTP or TLS parser accepts: a control byte first, then a fixed pseudo-random run. */
export const GARBAGE = Buffer.from(Array.from({ length: 64 }, (_, i) => (i === 0 ? 0x01 : (i * 167 + 13) % 256)));
export const PLAINTEXT = Buffer.from('HTTP/1.1 200 OK\r\n\r\n', 'latin1');

/** One connection's part in an armed case. */
export interface Exchange {
  /** The connection carried client bytes before arm(): the client reused it. */
  readonly reused: boolean;
  /** Client bytes received since arm(), including any the relay dropped after the fault. */
  requestBytes: number;
  /** Server bytes received since arm(). */
  serverBytes: number;
  /** Where in serverBytes the answer began; undefined while none came. */
  answerStart: number | undefined;
  /** When (Date.now()) a byte of the request may first have left the client here (requestMayHaveLeft). */
  leftAt: number | undefined;
  /** The plan applies to this connection. */
  planned: boolean;
  faulted: boolean;
  /** TLS: the content types of the records the client sent since arm(), in order. */
  readonly clientRecords: number[];
  /** TLS: where each record the client sent since arm() began, and each the server sent. */
  readonly clientRecordStarts: number[];
  readonly serverRecordStarts: number[];
  /** Plain http: the bytes themselves, for a calibration (kept only when asked). */
  readonly requestCopy: Buffer[];
  readonly serverCopy: Buffer[];
  /** Bursts in arrival order: the direction and length of each run of bytes one way. */
  readonly bursts: { from: 'client' | 'server'; bytes: number }[];
}

const TLS_APPLICATION_DATA = 23;

/**
 * Whether any byte of the request could have left the client on this connection, by what reached
 * the relay: plain http, any byte; TLS 1.3, an application-data record after the client's Finished
 * (the first such record on a new connection is the Finished itself).
 */
export function requestMayHaveLeft(exchange: Exchange, tls: boolean): boolean {
  if (!tls) {
    return exchange.requestBytes > 0;
  }
  const appRecords = exchange.clientRecords.filter((type) => type === TLS_APPLICATION_DATA).length;
  return appRecords >= (exchange.reused ? 1 : 2);
}

/** Reads TLS record headers out of a byte stream, across chunks. */
class RecordScanner {
  private header: number[] = [];
  private remaining = 0;
  private at = 0;

  constructor(private readonly onRecord: (type: number, start: number) => void) {}

  push(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; ) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - i);
        this.remaining -= take;
        i += take;
        this.at += take;
        continue;
      }
      this.header.push(chunk[i]);
      i++;
      this.at++;
      if (this.header.length === 5) {
        this.onRecord(this.header[0], this.at - 5);
        this.remaining = (this.header[3] << 8) | this.header[4];
        this.header = [];
      }
    }
  }
}

interface Connection {
  client: net.Socket;
  upstream: net.Socket;
  /** Client bytes ever received. */
  clientBytes: number;
  exchange: Exchange | undefined;
  /** The epoch of arm() the exchange belongs to. */
  epoch: number;
  plan: FaultPlan | undefined;
  /** After a terminal fault nothing more is relayed. */
  dead: boolean;
  clientScanner: RecordScanner | undefined;
  serverScanner: RecordScanner | undefined;
}

export interface FaultRelay {
  /** The relay's port on 127.0.0.1. */
  readonly port: number;
  /** Where it relays to; may change between cases. */
  target: { host: string; port: number };
  /**
   * From now on the next connection with client bytes is the case's exchange; plan undefined only
   * records (a calibration). answered: whether the server has answered the exchange's request.
   */
  arm(plan: FaultPlan | undefined, answered: () => boolean): void;
  /** The exchanges of the current arm(), in the order their first client byte came. */
  readonly exchanges: readonly Exchange[];
  /** Destroys every connection and disarms: the next case starts with none. */
  reset(): void;
  stop(): Promise<void>;
}

export interface FaultRelayOptions {
  target: { host: string; port: number };
  /** The stream is TLS: read record headers. */
  tls: boolean;
  /** Keep copies of the bytes (calibration of plain http). */
  keepBytes?: boolean;
}

/** A socket that FIN did not close is destroyed after this long. */
const LINGER_MS = 3000;

export async function startFaultRelay(options: FaultRelayOptions): Promise<FaultRelay> {
  const connections = new Set<Connection>();
  const timers = new Set<NodeJS.Timeout>();
  let exchanges: Exchange[] = [];
  let epoch = 0;
  let armed = false;
  let plan: FaultPlan | undefined;
  let planUsed = false;
  let answered: () => boolean = () => false;
  const relay = {
    port: 0,
    target: options.target,
  };

  const linger = (socket: net.Socket): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      socket.destroy();
    }, LINGER_MS);
    timers.add(timer);
    socket.once('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const burst = (exchange: Exchange, from: 'client' | 'server', bytes: number): void => {
    const last = exchange.bursts[exchange.bursts.length - 1];
    if (last?.from === from) {
      last.bytes += bytes;
    } else {
      exchange.bursts.push({ from, bytes });
    }
  };

  /** The fault that ends the connection: after it nothing is relayed. */
  const terminal = (conn: Connection, kind: FaultKind): void => {
    conn.dead = true;
    const { client, upstream } = conn;
    switch (kind) {
      case 'fin':
        client.end();
        upstream.end();
        linger(client);
        linger(upstream);
        break;
      case 'rst':
        client.resetAndDestroy();
        upstream.resetAndDestroy();
        break;
      case 'stall':
        // Both stay open; the client's read timeout ends it (and then the upstream, on its close).
        break;
      case 'garbage':
      case 'plaintext':
        client.end(kind === 'garbage' ? GARBAGE : PLAINTEXT);
        upstream.destroy();
        linger(client);
        break;
      case 'flip':
        throw new Error('flip does not end the connection');
    }
  };

  const startExchange = (conn: Connection): void => {
    const exchange: Exchange = {
      reused: conn.clientBytes > 0,
      requestBytes: 0,
      serverBytes: 0,
      answerStart: undefined,
      leftAt: undefined,
      planned: false,
      faulted: false,
      clientRecords: [],
      clientRecordStarts: [],
      serverRecordStarts: [],
      requestCopy: [],
      serverCopy: [],
      bursts: [],
    };
    conn.exchange = exchange;
    conn.epoch = epoch;
    exchanges.push(exchange);
    if (plan && (plan.everyConnection || !planUsed)) {
      conn.plan = plan;
      exchange.planned = true;
      planUsed = true;
    } else {
      conn.plan = undefined;
    }
    if (options.tls) {
      // Offsets from arm(): a reused connection is between records then (one exchange has ended).
      conn.clientScanner = new RecordScanner((type, start) => {
        exchange.clientRecords.push(type);
        exchange.clientRecordStarts.push(start);
      });
      conn.serverScanner = new RecordScanner((_type, start) => exchange.serverRecordStarts.push(start));
    }
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(relay.target);
    const conn: Connection = {
      client,
      upstream,
      clientBytes: 0,
      exchange: undefined,
      epoch: -1,
      plan: undefined,
      dead: false,
      clientScanner: undefined,
      serverScanner: undefined,
    };
    connections.add(conn);
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', () => {
        conn.dead = true;
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('close', () => {
      upstream.destroy();
      connections.delete(conn);
    });
    upstream.on('close', () => {
      // A stalled connection stays open to the client: the stall is the fault.
      if (!conn.dead) {
        client.destroy();
      }
    });
    client.on('end', () => {
      if (!conn.dead) {
        upstream.end();
      }
    });
    upstream.on('end', () => {
      if (!conn.dead) {
        client.end();
      }
    });

    client.on('data', (chunk: Buffer) => {
      if (armed && (conn.exchange === undefined || conn.epoch !== epoch)) {
        startExchange(conn);
      }
      conn.clientBytes += chunk.length;
      const exchange = conn.epoch === epoch ? conn.exchange : undefined;
      if (exchange === undefined) {
        if (!conn.dead) {
          upstream.write(chunk);
        }
        return;
      }
      const before = exchange.requestBytes;
      exchange.requestBytes += chunk.length;
      burst(exchange, 'client', chunk.length);
      conn.clientScanner?.push(chunk);
      if (options.keepBytes) {
        exchange.requestCopy.push(Buffer.from(chunk));
      }
      if (exchange.leftAt === undefined && requestMayHaveLeft(exchange, options.tls)) {
        exchange.leftAt = Date.now();
      }
      if (conn.dead) {
        return;
      }
      const own = conn.plan;
      if (own?.stream === 'request' && !exchange.faulted && before + chunk.length > own.offset) {
        exchange.faulted = true;
        const cut = own.offset - before;
        if (own.kind === 'flip') {
          const flipped = Buffer.from(chunk);
          flipped[cut] ^= 0xff;
          upstream.write(flipped);
          return;
        }
        upstream.write(chunk.subarray(0, cut));
        terminal(conn, own.kind);
        return;
      }
      upstream.write(chunk);
    });

    upstream.on('data', (chunk: Buffer) => {
      if (conn.dead) {
        return;
      }
      const exchange = conn.epoch === epoch ? conn.exchange : undefined;
      if (exchange === undefined) {
        client.write(chunk);
        return;
      }
      if (exchange.answerStart === undefined && answered()) {
        exchange.answerStart = exchange.serverBytes;
      }
      exchange.serverBytes += chunk.length;
      burst(exchange, 'server', chunk.length);
      conn.serverScanner?.push(chunk);
      if (options.keepBytes) {
        exchange.serverCopy.push(Buffer.from(chunk));
      }
      const own = conn.plan;
      if (own?.stream === 'answer' && !exchange.faulted && exchange.answerStart !== undefined) {
        const answerBefore = exchange.serverBytes - chunk.length - exchange.answerStart;
        if (answerBefore + chunk.length >= own.offset) {
          exchange.faulted = true;
          client.write(chunk.subarray(0, own.offset - answerBefore));
          if (own.kind === 'flip') {
            throw new Error('flip is for the request stream');
          }
          terminal(conn, own.kind);
          return;
        }
      }
      client.write(chunk);
    });
  });

  relay.port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

  const destroyAll = (): void => {
    for (const conn of connections) {
      conn.dead = true;
      conn.client.destroy();
      conn.upstream.destroy();
    }
    connections.clear();
    for (const timer of timers) {
      clearTimeout(timer);
    }
    timers.clear();
  };

  return {
    get port() {
      return relay.port;
    },
    get target() {
      return relay.target;
    },
    set target(target: { host: string; port: number }) {
      relay.target = target;
    },
    arm(next, isAnswered) {
      epoch++;
      armed = true;
      plan = next;
      planUsed = false;
      answered = isAnswered;
      exchanges = [];
    },
    get exchanges() {
      return exchanges;
    },
    reset() {
      destroyAll();
      epoch++;
      armed = false;
      plan = undefined;
      exchanges = [];
    },
    stop: () =>
      new Promise<void>((resolve) => {
        destroyAll();
        server.close(() => resolve());
      }),
  };
}
