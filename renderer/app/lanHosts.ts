import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BatonBridge } from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/model';

/** A host session this app runs (desktop only): where teammates connect and the secret. */
export interface Hosting {
  readonly url: string;
  readonly token: string;
  readonly addresses: readonly string[];
  readonly lan: boolean;
}

/** A Baton host another app advertises on the network. */
export interface LanHost {
  readonly name: string;
  readonly url: string;
}

/** How often the Share dialog asks main for the hosts it has heard from. */
export const LAN_HOSTS_POLL_MS = 3_000;

// The session lives in main for the whole app; this remembers it across Share dialogs.
let hosting: Hosting | null = null;
const listeners = new Set<() => void>();
const setHosting = (next: Hosting | null) => {
  hosting = next;
  listeners.forEach((listener) => listener());
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The session this app hosts, or null; re-renders when it starts or stops. */
export function useHosting(): Hosting | null {
  return useSyncExternalStore(subscribe, () => hosting);
}

/** Starts hosting (or gets the running session back) through main. */
export async function startHosting(bridge: BatonBridge, lan: boolean): Promise<Result<Hosting, string>> {
  const answer = await bridge.startHosting({ lan });
  if (!answer.ok) return fail(answer.error);
  const next: Hosting = { ...answer.value, lan };
  setHosting(next);
  return ok(next);
}

/** Stops hosting through main. */
export async function stopHosting(bridge: BatonBridge): Promise<Result<void, string>> {
  const answer = await bridge.stopHosting();
  if (!answer.ok) return fail(answer.error);
  setHosting(null);
  return ok(undefined);
}

/**
 * The Baton hosts on the network, asked of main every LAN_HOSTS_POLL_MS while `bridge` is
 * given. Empty where discovery does not work; a failed call just keeps the last list.
 */
export function useLanHosts(bridge: BatonBridge | undefined): readonly LanHost[] {
  const [hosts, setHosts] = useState<readonly LanHost[]>([]);
  useEffect(() => {
    if (!bridge) return;
    let live = true;
    const ask = async () => {
      try {
        const answer = await bridge.listLanHosts();
        if (live && answer.ok) setHosts(answer.value.hosts);
      } catch {
        // IPC went away (the window is closing): nothing to show.
      }
    };
    void ask();
    const timer = window.setInterval(() => void ask(), LAN_HOSTS_POLL_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [bridge]);
  return hosts;
}
