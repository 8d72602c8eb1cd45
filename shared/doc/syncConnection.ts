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

/**
 * Connects a plan to a sync endpoint with the Hocuspocus protocol. Editing never waits for
 * the network: offline, changes stay local (and in IndexedDB) and merge on reconnect.
 */
export function connectPlan(plan: PlanDocument, target: SyncTarget, WebSocketPolyfill?: unknown): SyncConnection {
  const listeners = new Set<() => void>();
  let status: SyncStatus = { state: 'connecting' };
  let peers: readonly PeerPresence[] = [];
  // Set while the machine is offline: the link stays down until resume(), whatever the provider reports.
  let paused = false;
  const notify = () => listeners.forEach((l) => l());
  const setStatus = (next: SyncStatus) => {
    status = next;
    notify();
  };
  const provider = new HocuspocusProvider({
    url: target.url,
    name: plan.planId,
    document: plan.ydoc,
    token: target.token,
    ...(WebSocketPolyfill ? { WebSocketPolyfill: WebSocketPolyfill as never } : {}),
    onStatus: ({ status: s }) => {
      if (paused) return;
      if (s === 'disconnected') setStatus(status.state === 'refused' ? status : { state: 'offline' });
      else if (s === 'connecting') setStatus(status.state === 'refused' ? status : { state: 'connecting' });
    },
    onSynced: () => setStatus(provider.unsyncedChanges > 0 ? { state: 'unsynced', changes: provider.unsyncedChanges } : { state: 'synced' }),
    onUnsyncedChanges: ({ number }) => {
      if (status.state === 'offline' || status.state === 'refused' || status.state === 'connecting') {
        if (status.state === 'offline') setStatus({ state: 'offline' });
        return;
      }
      setStatus(number > 0 ? { state: 'unsynced', changes: number } : { state: 'synced' });
    },
    onAuthenticationFailed: ({ reason }) => setStatus({ state: 'refused', reason: reason || 'not authorized' }),
  });
  const awareness = provider.awareness;
  let lastCursor = 0;
  let pendingCursor: ReturnType<typeof setTimeout> | undefined;

  const readPeers = () => {
    if (!awareness) return;
    const out: PeerPresence[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID || !state || typeof state !== 'object') continue;
      const user = (state as { user?: { name?: unknown; colour?: unknown } }).user;
      if (!user || typeof user.name !== 'string') continue;
      const selection = (state as { selection?: unknown }).selection;
      const cursor = (state as { cursor?: unknown }).cursor as { x?: unknown; y?: unknown } | null | undefined;
      // Presence comes from peers: take only well-formed values, never trust the shape.
      out.push({
        clientId,
        name: user.name.slice(0, 100),
        colour: typeof user.colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.colour) ? user.colour : '#64748b',
        selection: Array.isArray(selection) ? selection.filter((s): s is string => typeof s === 'string').slice(0, 1000) : [],
        cursor: cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number' && Number.isFinite(cursor.x) && Number.isFinite(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
      });
    }
    out.sort((a, b) => a.clientId - b.clientId);
    peers = out;
    notify();
  };
  awareness?.on('change', readPeers);

  return {
    status: () => status,
    peers: () => peers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setPresence: (presence) => awareness?.setLocalStateField('user', presence),
    setSelection: (ids) => awareness?.setLocalStateField('selection', [...ids]),
    setCursor(cursor) {
      const send = () => {
        lastCursor = Date.now();
        awareness?.setLocalStateField('cursor', cursor);
      };
      clearTimeout(pendingCursor);
      const wait = CURSOR_INTERVAL_MS - (Date.now() - lastCursor);
      if (wait <= 0) send();
      else pendingCursor = setTimeout(send, wait);
    },
    pause() {
      paused = true;
      provider.disconnect();
      setStatus({ state: 'offline' });
    },
    resume() {
      // Keyed on our own flag, not the status: the provider may report a late status change
      // after the disconnect, and the link must still come back.
      if (!paused) return;
      paused = false;
      setStatus({ state: 'connecting' });
      void provider.connect();
    },
    close() {
      clearTimeout(pendingCursor);
      awareness?.off('change', readPeers);
      provider.destroy();
      listeners.clear();
    },
  };
}
