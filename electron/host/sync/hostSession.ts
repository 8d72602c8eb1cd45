/**
 * "Host on this computer": the desktop app runs the same sync endpoint as `baton serve`
 * (Hocuspocus at /sync, token checked in constant time) on a port of its own, without the
 * web app and without a data directory: every plan it hosts is also in the host's own
 * renderer (IndexedDB), so nothing is lost when the session stops.
 *
 * One session per process. Starting again hands back the running one, unless the caller
 * asks for the other reachability (LAN or this computer only) or another port, in which
 * case the old session stops and a new one starts, with a new token.
 *
 * Plain Node: main.ts reaches it through the IPC handlers, the tests call it directly.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import { fail, ok, type Result } from '../../../shared/model/result';
import { SECURITY_HEADERS } from '../contentSecurityPolicy';
import { generateSyncToken } from './syncAccess';
import { SYNC_PATH } from './syncEndpoint';
import { createSyncServer, type SyncServer } from './syncServer';

/** Loopback: only this computer can reach a session that is not shared with the LAN. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Every IPv4 interface: what a LAN session listens on. */
export const LAN_BIND_HOST = '0.0.0.0';

/** How to host. */
export interface HostSessionOptions {
  /** Reachable from other computers on the network (binds 0.0.0.0); otherwise 127.0.0.1 only. */
  readonly lan: boolean;
  /** The port to listen on; 0 or absent lets the system pick a free one. */
  readonly port?: number;
  /** One line per noteworthy event (refused peers); never the token. */
  readonly log?: (line: string) => void;
}

/** A running host session. */
export interface HostSession {
  /** The address to give a Hocuspocus provider: ws://<first LAN IPv4 or 127.0.0.1>:<port>/sync. */
  readonly url: string;
  /** The session's secret, fresh for every session. */
  readonly token: string;
  /**
   * Where peers can reach the session: every non-internal IPv4 address of this computer in
   * LAN mode (possibly none, when it has no network), 127.0.0.1 otherwise.
   */
  readonly addresses: readonly string[];
  readonly lan: boolean;
  readonly port: number;
  /** The listening server (its `address()` shows the bind address). */
  readonly server: http.Server;
  /** Refuses new peers, disconnects the open ones and closes the port; safe to call twice. */
  stop(): Promise<void>;
}

let current: HostSession | null = null;
// Starts and stops run one after the other, so two quick clicks never leave two servers.
let queue: Promise<unknown> = Promise.resolve();

function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** The running session, if any. */
export function currentHostSession(): HostSession | null {
  return current;
}

/**
 * Starts hosting, or returns the session already running when it matches `options`
 * (same `lan`, and the same port when one is asked for). A session that does not match is
 * stopped first. Expected failures (the port is taken) come back as a message.
 */
export function startHostSession(options: HostSessionOptions): Promise<Result<HostSession, string>> {
  return serialized(async () => {
    const wantedPort = options.port ?? 0;
    if (current !== null) {
      if (current.lan === options.lan && (wantedPort === 0 || wantedPort === current.port)) return ok(current);
      await current.stop();
    }
    const started = await openSession(options.lan, wantedPort, options.log ?? (() => undefined));
    if (started.ok) current = started.value;
    return started;
  });
}

/** Stops the running session; true when there was one. */
export function stopHostSession(): Promise<boolean> {
  return serialized(async () => {
    const running = current;
    if (running === null) return false;
    await running.stop();
    return true;
  });
}

async function openSession(lan: boolean, port: number, log: (line: string) => void): Promise<Result<HostSession, string>> {
  const bindHost = lan ? LAN_BIND_HOST : LOOPBACK_HOST;
  // Plain HTTP has nothing to offer here: only the WebSocket upgrade at /sync is served.
  const server = http.createServer((request, response) => {
    const body = `Baton sync host: connect a Baton app to ws://<this address>${SYNC_PATH}\n`;
    response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  const sockets = trackOpenSockets(server);
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  const listening = await listen(server, bindHost, port);
  if (!listening.ok) return listening;
  const boundPort = (server.address() as AddressInfo).port;

  const token = generateSyncToken();
  const created = await createSyncServer({ server, token, log });
  if (!created.ok) {
    await closeServer();
    return fail(`Cannot start the sync endpoint: ${created.error}`);
  }
  const sync: SyncServer = created.value;

  const addresses = lan ? lanIPv4Addresses() : [LOOPBACK_HOST];
  const reachable = addresses[0] ?? LOOPBACK_HOST;
  let stopped: Promise<void> | null = null;
  const session: HostSession = {
    url: `ws://${reachable}:${boundPort}${SYNC_PATH}`,
    token,
    addresses,
    lan,
    port: boundPort,
    server,
    stop: () =>
      (stopped ??= (async () => {
        if (current === session) current = null;
        await sync.close();
        await closeServer();
      })()),
  };
  return ok(session);
}

function listen(server: http.Server, host: string, port: number): Promise<Result<void, string>> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.close();
      resolve(fail(describeListenError(error, host, port)));
    };
    server.once('error', onError);
    try {
      server.listen({ host, port }, () => {
        server.off('error', onError);
        resolve(ok(undefined));
      });
    } catch (error) {
      // listen throws synchronously for an out-of-range port.
      server.off('error', onError);
      resolve(fail(`Cannot host on port ${port}: ${error instanceof Error ? error.message : String(error)}`));
    }
  });
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use.`;
    case 'EACCES':
      return `Not allowed to listen on port ${port} on ${host}.`;
    default:
      return `Cannot host on port ${port} on ${host}: ${error.message}`;
  }
}

/** Every accepted socket, upgraded ones included, so stopping never waits on an open peer. */
function trackOpenSockets(server: http.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/**
 * This computer's non-internal IPv4 addresses, the likeliest LAN address first: private
 * ranges (192.168/16, 10/8, 172.16/12), then the rest, link-local (169.254/16) last.
 */
export function lanIPv4Addresses(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string[] {
  const found = new Set<string>();
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      // Node 18.0-18.3 reported the family as a number.
      const isV4 = entry.family === 'IPv4' || (entry.family as unknown) === 4;
      if (isV4 && !entry.internal) found.add(entry.address);
    }
  }
  return [...found].sort((a, b) => rank(a) - rank(b));
}

function rank(address: string): number {
  const [a, b] = address.split('.').map(Number) as [number, number];
  if (a === 192 && b === 168) return 0;
  if (a === 10) return 1;
  if (a === 172 && b >= 16 && b <= 31) return 2;
  if (a === 169 && b === 254) return 4;
  return 3;
}
