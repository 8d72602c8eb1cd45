/**
 * The live-sync endpoint of `baton serve`: Hocuspocus on the web-mode server's own port, at
 * `/sync`, so one address serves both the app and its teammates' sync. Hocuspocus speaks the
 * protocol and keeps the documents; this module decides who gets in (token, Origin/Host),
 * which frames reach Hocuspocus (size, well-formedness), where plans are kept (`--data`) and
 * how instances share them (`--redis`, Hocuspocus's own Redis extension).
 *
 * The Y.Doc instances are Hocuspocus's; everything this module needs from Yjs goes through
 * shared/doc (the .baton container, update checks).
 */
import type http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import IORedis from 'ioredis';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { encodeDocumentState } from '../../../shared/doc';
import { fail, ok, type Result } from '../../../shared/model/result';
import { isValidPlanId, openPlanStore, type PlanStore } from './planStore';
import { checkUpgradeOrigin, tokensMatch } from './syncAccess';
import { redactedRedisUrl, SYNC_PATH } from './syncEndpoint';
import { checkSyncFrame } from './syncFrames';

/** The largest WebSocket message accepted by default: far above any plan's first sync. */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * How long a changed plan may wait before it is written: a quiet spell of STORE_DEBOUNCE_MS,
 * but never longer than STORE_MAX_DEBOUNCE_MS while edits keep coming. After `kill -9`, a
 * restart has everything acknowledged more than STORE_MAX_DEBOUNCE_MS before.
 */
export const STORE_DEBOUNCE_MS = 500;
export const STORE_MAX_DEBOUNCE_MS = 2_000;

/** How long a clean shutdown waits for the last writes (and Redis hand-offs) to finish. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 10_000;

/** What the sync endpoint needs. */
export interface SyncServerOptions {
  /** The web-mode server whose `upgrade` events at SYNC_PATH become sync connections. */
  readonly server: http.Server;
  /** The shared secret every peer must present. Never logged. */
  readonly token: string;
  /** Keep every plan as `<dataDir>/<plan-id>.baton`; without it plans live only in memory. */
  readonly dataDir?: string;
  /** Share documents with other instances through this Redis (`redis://` or `rediss://`). */
  readonly redisUrl?: string;
  /** Messages larger than this close their connection (default DEFAULT_MAX_MESSAGE_BYTES). */
  readonly maxMessageBytes?: number;
  /** One line per noteworthy event (refused peers, failed writes); never a token. */
  readonly log?: (line: string) => void;
}

/** A running sync endpoint. */
export interface SyncServer {
  /** The data directory in use, or null when plans are kept in memory only. */
  readonly dataDir: string | null;
  /** Open WebSocket connections. */
  connectionCount(): number;
  /** The whole state (a Yjs update) of a plan this instance has loaded, or null. */
  documentState(planId: string): Uint8Array | null;
  /** Refuses new peers, closes open ones, writes every pending change, and disconnects Redis. */
  close(): Promise<void>;
}

/** Hocuspocus's permission-denied, with the reason the client reads. No `message`: Hocuspocus logs those. */
const NOT_AUTHORIZED = Object.freeze({ reason: 'not authorized' });
const INVALID_PLAN_ID = Object.freeze({ reason: 'not a valid plan id' });
const DAMAGED_PLAN = Object.freeze({ reason: 'the stored plan cannot be read' });

/** The close code for a frame that is not part of the protocol (RFC 6455: invalid payload data). */
const CLOSE_MALFORMED = 1007;

/**
 * Starts the sync endpoint on `options.server`. Expected failures (an unusable data
 * directory, an unreachable Redis) come back as a message; nothing is attached then.
 */
export async function createSyncServer(options: SyncServerOptions): Promise<Result<SyncServer, string>> {
  const log = options.log ?? (() => undefined);
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;

  let store: PlanStore | null = null;
  if (options.dataDir !== undefined) {
    const opened = await openPlanStore(options.dataDir);
    if (!opened.ok) return opened;
    store = opened.value;
  }

  const extensions: Extension[] = [];
  let redis: Redis | null = null;
  if (options.redisUrl !== undefined) {
    const reachable = await checkRedis(options.redisUrl);
    if (!reachable.ok) return reachable;
    const url = options.redisUrl;
    redis = new Redis({ prefix: 'baton', createClient: () => redisClient(url, log) });
    extensions.push(redis);
  }
  if (store !== null) extensions.push(fileStorage(store, log));

  const hocuspocus = new Hocuspocus({
    name: 'baton',
    quiet: true,
    debounce: STORE_DEBOUNCE_MS,
    maxDebounce: STORE_MAX_DEBOUNCE_MS,
    unloadImmediately: true,
    extensions,
    async onAuthenticate({ token, documentName }) {
      if (!tokensMatch(typeof token === 'string' ? token : '', options.token)) {
        log(`refused a peer for plan ${describeName(documentName)}: wrong or missing token`);
        throw NOT_AUTHORIZED;
      }
      if (!isValidPlanId(documentName)) {
        log(`refused a peer: ${describeName(documentName)} is not a valid plan id`);
        throw INVALID_PLAN_ID;
      }
    },
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  let closing = false;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => undefined);
    if (pathOf(request.url) !== SYNC_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    const bound = options.server.address() as AddressInfo | null;
    const access = checkUpgradeOrigin({ host: request.headers.host, origin: request.headers.origin }, bound?.address ?? '');
    if (!access.ok) {
      log(`refused a sync connection: ${access.reason}`);
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => acceptPeer(ws, request));
  };

  const acceptPeer = (ws: WebSocket, request: http.IncomingMessage): void => {
    let refused = false;
    const refusePeer = (reason: string): void => {
      if (refused) return;
      refused = true;
      log(`closed a sync connection: ${reason}`);
      ws.close(CLOSE_MALFORMED, reason.slice(0, 120));
    };
    // ws reports a frame over maxPayload here, then closes with 1009 on its own.
    ws.on('error', (error) => {
      const tooBig = (error as NodeJS.ErrnoException).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
      log(`closed a sync connection: ${tooBig ? `a message larger than ${maxMessageBytes} bytes` : error.message}`);
    });
    const client = hocuspocus.handleConnection(ws, toWebRequest(request));
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (refused) return;
      if (!isBinary) return refusePeer('a text message (the protocol is binary)');
      const frame = bytesOf(data);
      const verdict = checkSyncFrame(frame);
      if (verdict.kind === 'refuse') return refusePeer(verdict.reason);
      if (verdict.kind === 'drop') return;
      try {
        client.handleMessage(frame);
      } catch (error) {
        refusePeer(`a message the server could not handle (${(error as Error).message})`);
      }
    });
    ws.on('close', (code: number, reason: Buffer) => client.handleClose({ code, reason: reason.toString('utf8') }));
  };

  options.server.on('upgrade', onUpgrade);

  let closed: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    closing = true;
    options.server.off('upgrade', onUpgrade);
    hocuspocus.flushPendingStores();
    hocuspocus.closeConnections();
    for (const ws of sockets.clients) ws.terminate();
    const flushed = await waitUntil(() => hocuspocus.getDocumentsCount() === 0 && hocuspocus.loadingDocuments.size === 0, SHUTDOWN_FLUSH_TIMEOUT_MS);
    if (!flushed && store !== null) {
      log(`could not save ${[...hocuspocus.documents.keys()].map(describeName).join(', ')} before stopping`);
    }
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => undefined);
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
  };

  return ok({
    dataDir: store?.dir ?? null,
    connectionCount: () => sockets.clients.size,
    documentState: (planId) => {
      const document = hocuspocus.documents.get(planId);
      return document ? encodeDocumentState(document) : null;
    },
    close: () => (closed ??= close()),
  });
}

/** Hocuspocus's database extension over the plan store: load on first connection, debounced atomic writes. */
function fileStorage(store: PlanStore, log: (line: string) => void): Extension {
  return new Database({
    fetch: async ({ documentName }) => {
      const loaded = await store.load(documentName);
      if (loaded.ok) return loaded.value;
      // Refusing the plan keeps the damaged file as it is, instead of overwriting it with an empty one.
      log(`refused to open plan ${describeName(documentName)}: ${loaded.error}`);
      throw DAMAGED_PLAN;
    },
    store: async ({ documentName, state }) => {
      const saved = await store.save(documentName, state);
      if (saved.ok) return;
      log(`could not save plan ${describeName(documentName)}: ${saved.error} (kept in memory, will retry on the next change)`);
      // Throwing keeps the document in memory rather than unloading unsaved work.
      throw Object.freeze({ reason: saved.error });
    },
  });
}

/** A Redis client for the extension, whose connection errors are logged once per outage. */
function redisClient(url: string, log: (line: string) => void): IORedis {
  const client = new IORedis(url);
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) log(`Redis at ${redactedRedisUrl(url)}: ${error.message}`);
    reported = true;
  });
  client.on('ready', () => {
    reported = false;
  });
  return client;
}

/** Connects once, without retrying, so a wrong `--redis` fails at startup with a message. */
async function checkRedis(url: string): Promise<Result<void, string>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(`--redis must be a URL like redis://127.0.0.1:6379, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return fail(`--redis must be a redis:// or rediss:// URL, got ${JSON.stringify(redactedRedisUrl(url))}`);
  }
  const client = new IORedis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 5_000, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return ok(undefined);
  } catch (error) {
    return fail(`cannot reach Redis at ${redactedRedisUrl(url)}: ${(error as Error).message}`);
  } finally {
    client.disconnect();
  }
}

/** A document name as a log line may quote it: bounded, and escaped by JSON. */
function describeName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

function pathOf(url: string | undefined): string {
  return (url ?? '/').split(/[?#]/, 1)[0]!;
}

/** Answers an upgrade we will not accept with a plain HTTP status, then hangs up. */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${text.length + 1}\r\n\r\n${text}\n`);
  (socket as Socket).destroySoon?.();
}

/** The upgrade request as the web Request Hocuspocus's hooks read (headers, URL parameters). */
function toWebRequest(request: http.IncomingMessage): Request {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header a web Request cannot carry is one no hook needs.
    }
  }
  let url: URL;
  try {
    url = new URL(request.url ?? SYNC_PATH, `http://${request.headers.host ?? 'localhost'}`);
  } catch {
    url = new URL(SYNC_PATH, 'http://localhost');
  }
  return new Request(url, { headers });
}

function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
