import { HocuspocusProvider } from '@hocuspocus/provider';
import type { PlanDocument } from './planDocument';

/** Where and how to reach a sync peer: a teammate's app, a team server, or a cluster. */
export interface SyncTarget {
  /** The WebSocket address of the sync endpoint, e.g. ws://192.168.1.20:4317/sync. */
  readonly url: string;
  readonly token: string;
}

/** What the connection indicator shows. */
export type SyncStatus =
  | { readonly state: 'offline' }
  | { readonly state: 'connecting' }
  | { readonly state: 'synced' }
  | { readonly state: 'unsynced'; readonly changes: number }
  | { readonly state: 'refused'; readonly reason: string };

/** One other person (or agent) in the plan right now. */
export interface PeerPresence {
  readonly clientId: number;
  readonly name: string;
  readonly colour: string;
  /** Node ids they have selected. */
  readonly selection: readonly string[];
  /** Their pointer on the canvas, in flow coordinates. */
  readonly cursor: { readonly x: number; readonly y: number } | null;
}

/** A live link between a plan and a sync peer; the local IndexedDB copy stays the source of truth. */
export interface SyncConnection {
  status(): SyncStatus;
  peers(): readonly PeerPresence[];
  /** Calls `listener` when the status or anyone's presence changes; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  setPresence(presence: { name: string; colour: string }): void;
  setSelection(ids: readonly string[]): void;
  setCursor(cursor: { x: number; y: number } | null): void;
  /** Drops the link (the machine went offline); editing goes on locally. */
  pause(): void;
  /** Links up again and merges whatever happened on both sides meanwhile. */
  resume(): void;
  close(): void;
}

/** How often a cursor may be sent: fast enough to follow, slow enough not to flood peers. */
export const CURSOR_INTERVAL_MS = 50;

/** What this user publishes as presence; kept so that a fresh link publishes it again. */
interface LocalPresence {
  user?: { name: string; colour: string };
  selection?: string[];
  cursor?: { x: number; y: number } | null;
}

/** Takes only well-formed values from a peer's awareness state: its shape is never trusted. */
function presenceOf(clientId: number, state: unknown): PeerPresence | null {
  if (!state || typeof state !== 'object') return null;
  const user = (state as { user?: { name?: unknown; colour?: unknown } }).user;
  if (!user || typeof user.name !== 'string') return null;
  const selection = (state as { selection?: unknown }).selection;
  const cursor = (state as { cursor?: unknown }).cursor as { x?: unknown; y?: unknown } | null | undefined;
  return {
    clientId,
    name: user.name.slice(0, 100),
    colour: typeof user.colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.colour) ? user.colour : '#64748b',
    selection: Array.isArray(selection) ? selection.filter((s): s is string => typeof s === 'string').slice(0, 1000) : [],
    cursor: cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number' && Number.isFinite(cursor.x) && Number.isFinite(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
  };
}

/**
 * Connects a plan to a sync endpoint with the Hocuspocus protocol. Editing never waits for
 * the network: offline, changes stay local (and in IndexedDB) and merge on reconnect.
 *
 * A pause destroys the provider and a resume makes a new one. Reusing the provider is not
 * safe: a socket closed while the network is down can stay "closing" until it comes back
 * (Chromium holds the close frame behind any frame sent after the cut), the provider still
 * believes it is connected, ignores connect(), and the late close then leaves it down for good.
 */
export function connectPlan(plan: PlanDocument, target: SyncTarget, WebSocketPolyfill?: unknown): SyncConnection {
  const listeners = new Set<() => void>();
  let status: SyncStatus = { state: 'connecting' };
  let peers: readonly PeerPresence[] = [];
  const local: LocalPresence = {};
  let provider: HocuspocusProvider | null = null;
  // Which link is current; events of a destroyed one (late closes, statuses) are ignored.
  let generation = 0;
  let lastAwarenessClock: number | undefined;
  let lastCursor = 0;
  let pendingCursor: ReturnType<typeof setTimeout> | undefined;

  const notify = () => listeners.forEach((l) => l());
  const setStatus = (next: SyncStatus) => {
    status = next;
    notify();
  };
  const readPeers = () => {
    const awareness = provider?.awareness;
    const out: PeerPresence[] = [];
    if (awareness) {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const peer = presenceOf(clientId, state);
        if (peer) out.push(peer);
      }
    }
    out.sort((a, b) => a.clientId - b.clientId);
    peers = out;
    notify();
  };
  const publish = (field: keyof LocalPresence, value: LocalPresence[keyof LocalPresence]) => {
    (local as Record<string, unknown>)[field] = value;
    provider?.awareness?.setLocalStateField(field, value);
  };

  const open = () => {
    const mine = ++generation;
    const current = () => mine === generation;
    const link: HocuspocusProvider = new HocuspocusProvider({
      url: target.url,
      name: plan.planId,
      document: plan.ydoc,
      token: target.token,
      ...(WebSocketPolyfill ? { WebSocketPolyfill: WebSocketPolyfill as never } : {}),
      onStatus: ({ status: s }) => {
        if (!current() || status.state === 'refused') return;
        if (s === 'disconnected') setStatus({ state: 'offline' });
        else if (s === 'connecting') setStatus({ state: 'connecting' });
      },
      onSynced: () => {
        if (!current()) return;
        setStatus(link.unsyncedChanges > 0 ? { state: 'unsynced', changes: link.unsyncedChanges } : { state: 'synced' });
      },
      onUnsyncedChanges: ({ number }) => {
        // Before the first sync (and while down) the count means nothing to the user yet.
        if (!current() || status.state === 'offline' || status.state === 'refused' || status.state === 'connecting') return;
        setStatus(number > 0 ? { state: 'unsynced', changes: number } : { state: 'synced' });
      },
      onAuthenticationFailed: ({ reason }) => {
        if (current()) setStatus({ state: 'refused', reason: reason || 'not authorized' });
      },
    });
    const awareness = link.awareness;
    if (awareness) {
      // Peers drop awareness updates whose clock is not above the last one they saw from this
      // client id (the doc's, the same on every link): a fresh link carries the clock on.
      if (lastAwarenessClock !== undefined) awareness.meta.set(awareness.clientID, { clock: lastAwarenessClock, lastUpdated: Date.now() });
      awareness.setLocalState({ ...local });
      awareness.on('change', readPeers);
    }
    provider = link;
  };
  const drop = () => {
    generation += 1;
    const link = provider;
    provider = null;
    if (!link) return;
    link.awareness?.off('change', readPeers);
    link.destroy();
    lastAwarenessClock = link.awareness?.meta.get(link.awareness.clientID)?.clock;
    readPeers();
  };

  open();
  return {
    status: () => status,
    peers: () => peers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPresence: (presence) => publish('user', presence),
    setSelection: (ids) => publish('selection', [...ids]),
    setCursor(cursor) {
      const send = () => {
        lastCursor = Date.now();
        publish('cursor', cursor);
      };
      clearTimeout(pendingCursor);
      const wait = CURSOR_INTERVAL_MS - (Date.now() - lastCursor);
      if (wait <= 0) send();
      else pendingCursor = setTimeout(send, wait);
    },
    pause() {
      if (!provider) return;
      drop();
      setStatus({ state: 'offline' });
    },
    resume() {
      if (provider) return;
      setStatus({ state: 'connecting' });
      open();
    },
    close() {
      clearTimeout(pendingCursor);
      drop();
      listeners.clear();
    },
  };
}
