import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fail, ok, type Result } from '../../shared/model/result';
import { SECURITY_HEADERS } from './contentSecurityPolicy';
import { DEFAULT_WEB_HOST, httpUrlFor } from './networkAddress';
import { readStaticFile, type StaticFile } from './staticFiles';

/** Where and what the web-mode server serves. */
export interface WebServerOptions {
  /** The built renderer (dist/renderer). */
  readonly root: string;
  readonly host?: string;
  /** 0 lets the system pick a free port. */
  readonly port?: number;
}

/** A listening web-mode server. */
export interface WebServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The underlying server, so a sync endpoint (Hocuspocus) can handle its `upgrade` events. */
  readonly server: http.Server;
  /** Stops listening and drops open connections, upgraded ones included; safe to call twice. */
  close(): Promise<void>;
}

/** Why the server could not start listening. */
export interface WebServerError {
  readonly kind: 'port-in-use' | 'permission-denied' | 'address-unavailable' | 'listen-failed';
  readonly message: string;
}

/** A request listener for `http.createServer`. */
export type RequestListener = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/**
 * Serves the built renderer from `root`: GET and HEAD only, the security headers on every
 * response, index.html for app routes (paths without a file extension) so client-side
 * routing survives a reload, 404 for missing assets and for any attempt to leave `root`.
 */
export function createStaticHandler(root: string): RequestListener {
  return (request, response) => {
    serveStatic(root, request, response).catch(() => {
      // readStaticFile already turns file-system failures into "not found"; this guards the unforeseen.
      if (response.headersSent) response.destroy();
      else sendText(response, 500, 'Internal server error', request.method === 'HEAD');
    });
  };
}

async function serveStatic(root: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const headOnly = method === 'HEAD';
  if (method !== 'GET' && method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed', headOnly, { Allow: 'GET, HEAD' });
    return;
  }
  const urlPath = safeUrlPath(request.url ?? '/');
  if (urlPath === null) {
    sendText(response, 404, 'Not found', headOnly);
    return;
  }
  const file = (await readStaticFile(root, urlPath)) ?? (isAppRoute(urlPath) ? await readStaticFile(root, '/index.html') : null);
  if (file === null) sendText(response, 404, 'Not found', headOnly);
  else send(response, 200, file, headOnly);
}

/**
 * The request's path (still percent-encoded, as readStaticFile expects), or null for
 * anything that tries to climb out of the root. readStaticFile would refuse those too, but
 * without this check the app-route fallback would answer them with index.html instead of 404.
 */
function safeUrlPath(rawUrl: string): string | null {
  if (!rawUrl.startsWith('/')) return null;
  const encodedPath = rawUrl.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  if (decoded.split(/[/\\]/).some((segment) => segment === '..')) return null;
  return encodedPath;
}

/** Client-side routes have no file extension; assets always do. */
function isAppRoute(urlPath: string): boolean {
  const lastSegment = decodeURIComponent(urlPath).split('/').pop() ?? '';
  return path.posix.extname(lastSegment) === '';
}

function sendText(
  response: http.ServerResponse,
  status: number,
  text: string,
  headOnly: boolean,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  send(response, status, { body: Buffer.from(`${text}\n`), contentType: 'text/plain; charset=utf-8' }, headOnly, extraHeaders);
}

function send(
  response: http.ServerResponse,
  status: number,
  file: StaticFile,
  headOnly: boolean,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
    // The app is rebuilt in place; a stale cached index.html would point at deleted assets.
    'Cache-Control': 'no-cache',
    ...extraHeaders,
  });
  response.end(headOnly ? undefined : file.body);
}

/**
 * Starts serving `root` on `host:port`. Expected failures (port taken, address not on this
 * machine) come back as a result whose message names the port and host.
 */
export function startWebServer(options: WebServerOptions): Promise<Result<WebServer, WebServerError>> {
  const host = options.host ?? DEFAULT_WEB_HOST;
  const requestedPort = options.port ?? 0;
  const server = http.createServer(createStaticHandler(options.root));
  const openSockets = trackOpenSockets(server);

  return new Promise((resolve) => {
    const onListenError = (error: NodeJS.ErrnoException): void => {
      server.close();
      resolve(fail(describeListenError(error, host, requestedPort)));
    };
    server.once('error', onListenError);
    try {
      server.listen({ host, port: requestedPort }, () => {
        server.off('error', onListenError);
        const { port } = server.address() as AddressInfo;
        resolve(ok({ url: httpUrlFor(host, port), host, port, server, close: () => closeServer(server, openSockets) }));
      });
    } catch (error) {
      // listen throws synchronously for an out-of-range port.
      server.off('error', onListenError);
      resolve(fail({ kind: 'listen-failed', message: `Cannot listen on port ${requestedPort} on ${host}: ${messageOf(error)}` }));
    }
  });
}

/**
 * Every socket the server accepted, including ones a sync endpoint later upgrades to
 * WebSocket, which `server.close()` alone would wait on forever.
 */
function trackOpenSockets(server: http.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

function closeServer(server: http.Server, openSockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    // The callback also runs (with an error) when the server already stopped; closing twice is fine.
    server.close(() => resolve());
    for (const socket of openSockets) socket.destroy();
  });
}

function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): WebServerError {
  switch (error.code) {
    case 'EADDRINUSE':
      return { kind: 'port-in-use', message: `Port ${port} on ${host} is already in use.` };
    case 'EACCES':
      return {
        kind: 'permission-denied',
        message: `Not allowed to listen on port ${port} on ${host}${port > 0 && port < 1024 ? ' (ports below 1024 need administrator rights)' : ''}.`,
      };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'address-unavailable', message: `Cannot listen on ${host}: it is not an address of this machine.` };
    default:
      return { kind: 'listen-failed', message: `Cannot listen on port ${port} on ${host}: ${error.message}` };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
