/** Whether a request's connection was up when it failed, judged by its socket rather than by an error code. */
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/** The SDK's headers that tell one attempt from another (a retry keeps the invocation id). */
function attemptKey(invocationId: unknown, attempt: unknown): string | undefined {
  return typeof invocationId === 'string' && typeof attempt === 'string' ? `${invocationId} ${attempt}` : undefined;
}

/** Whether the socket can carry the request's bytes: TCP connected, and for TLS the handshake done. */
function isUp(socket: Socket): boolean {
  // getFinished(): undefined until this side has sent its handshake's Finished message.
  return socket instanceof TLSSocket ? socket.getFinished() !== undefined : !socket.pending;
}

/**
 * The session's agents report each request here. Once its connection is up (a kept-alive one
 * reused, or a new one connected and past its TLS handshake), any byte of it may have left this
 * machine, whatever error follows: ERR_SSL_WRONG_VERSION_NUMBER or EHOSTUNREACH on a reused
 * connection can come after IAM applied the change.
 */
export class ConnectionWatch {
  private readonly seen = new Set<string>();
  private readonly up = new Set<string>();

  watch(req: ClientRequest): void {
    const key = attemptKey(req.getHeader('amz-sdk-invocation-id'), req.getHeader('amz-sdk-request'));
    if (key === undefined) {
      return;
    }
    this.seen.add(key);
    req.once('socket', (socket: Socket) => {
      const markUp = (): void => {
        this.up.add(key);
      };
      if (req.reusedSocket || isUp(socket)) {
        markUp();
      } else {
        socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', markUp);
      }
    });
  }

  /** True: the connection was up; false: it never was; undefined: no agent of the session sent it (VS Code's proxy support did). */
  take(headers: Record<string, string | undefined>): boolean | undefined {
    const key = attemptKey(headers['amz-sdk-invocation-id'], headers['amz-sdk-request']);
    if (key === undefined || !this.seen.delete(key)) {
      return undefined;
    }
    return this.up.delete(key);
  }
}

/** Node's pooling entry point, which the typings leave out. */
export interface Pooling {
  addRequest(req: ClientRequest, options: object): void;
}

/** The session's plain-http agent (loopback endpoints only), kept alive, reporting its requests. */
export class WatchedHttpAgent extends HttpAgent {
  constructor(private readonly connections: ConnectionWatch) {
    super({ keepAlive: true });
  }

  addRequest(req: ClientRequest, options: object): void {
    this.connections.watch(req);
    (HttpAgent.prototype as unknown as Pooling).addRequest.call(this, req, options);
  }
}
