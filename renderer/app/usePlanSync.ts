import { useEffect, useState, useSyncExternalStore } from 'react';
import { connectPlan, type PeerPresence, type PlanDocument, type SyncConnection, type SyncStatus, type SyncTarget } from '../../shared/doc';
import { personaColour, type PersonaId } from '../../shared/model';
import type { SelectionStore } from './selection';
import { loadSyncTarget } from './syncSettings';
import { displayName } from './userIdentity';

const OFFLINE: SyncStatus = { state: 'offline' };
const NO_PEERS: readonly PeerPresence[] = [];
const noSubscription = () => () => {};

/**
 * Keeps the open plan linked to its sync peer (when it has one): follows the machine going
 * offline and online, and publishes this user's name, colour and selection as presence.
 */
export function usePlanSync(plan: PlanDocument, selection: SelectionStore): {
  readonly connection: SyncConnection | null;
  readonly target: SyncTarget | null;
  setTarget(target: SyncTarget | null): void;
} {
  const [target, setTarget] = useState(() => loadSyncTarget(plan.planId));
  const [connection, setConnection] = useState<SyncConnection | null>(null);
  useEffect(() => {
    if (!target) return;
    const link = connectPlan(plan, target);
    const name = displayName();
    link.setPresence({ name, colour: personaColour({ id: name as PersonaId }) });
    if (!navigator.onLine) link.pause();
    const offline = () => link.pause();
    const online = () => link.resume();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    const unsubscribe = selection.subscribe(() => link.setSelection([...selection.get().nodes]));
    setConnection(link);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      unsubscribe();
      link.close();
      setConnection(null);
    };
  }, [plan, target, selection]);
  return { connection, target, setTarget };
}

/** The connection's status, re-rendering on change (offline when there is no connection). */
export function useSyncStatus(connection: SyncConnection | null): SyncStatus {
  return useSyncExternalStore(connection?.subscribe ?? noSubscription, connection?.status ?? (() => OFFLINE));
}

/** Everyone else in the plan right now. */
export function usePeers(connection: SyncConnection | null): readonly PeerPresence[] {
  return useSyncExternalStore(connection?.subscribe ?? noSubscription, connection?.peers ?? (() => NO_PEERS));
}
