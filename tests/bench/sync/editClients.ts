/**
 * Lightweight bench clients: a bare Y.Doc and a stock Hocuspocus provider each. Client `i`
 * appends its edits to its own top-level array `c<i>`; an edit's value is the time it was
 * made, on benchClock() (every client lives in this process, some in worker threads).
 * Appends by one client merge into a few Yjs items, so 100 replicas of 30,000 edits stay
 * small, and a replica's array for client `i` is always a prefix of client i's own: its length
 * says exactly how many of i's edits reached it.
 */
import { performance } from 'node:perf_hooks';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { connectProvider } from './support';

export interface EditClient {
  readonly index: number;
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  /** Edits this client has made. */
  made: number;
}

/** Called for every edit of another client as it arrives: who made it, who got it, when it was made, how long it took. */
export type OnReceive = (author: number, receiver: number, sentAt: number, latencyMs: number) => void;

const arrayName = (author: number) => `c${author}`;

/** Milliseconds since the epoch, high resolution: one clock for the main thread and every worker thread. */
export const benchClock = (): number => performance.timeOrigin + performance.now();

/** Connects the clients `indices` (of `authors` in all), client i to `urlOf(i)`, each observing every other author's array. */
export function connectEditClients(indices: readonly number[], authors: number, urlOf: (index: number) => string, planName: string, onReceive: OnReceive): EditClient[] {
  return indices.map((index) => {
    const doc = new Y.Doc();
    for (let author = 0; author < authors; author++) {
      if (author === index) continue;
      doc.getArray<number>(arrayName(author)).observe((event) => {
        if (event.transaction.local) return;
        const now = benchClock();
        for (const change of event.changes.delta) {
          if (!change.insert) continue;
          for (const sentAt of change.insert as number[]) onReceive(author, index, sentAt, now - sentAt);
        }
      });
    }
    return { index, doc, provider: connectProvider(urlOf(index), planName, doc), made: 0 };
  });
}

/** One edit: append the current time to the client's own array (one Yjs update, sent at once). */
export function makeEdit(client: EditClient): number {
  const sentAt = benchClock();
  client.doc.getArray<number>(arrayName(client.index)).push([sentAt]);
  client.made++;
  return sentAt;
}

/** How many of `author`'s edits `doc` holds. */
export function editsHeld(doc: Y.Doc, author: number): number {
  return doc.getArray<number>(arrayName(author)).length;
}

/** Each client's own edits, as it holds them (author index -> values). */
export function ownEdits(clients: readonly EditClient[]): Map<number, number[]> {
  return new Map(clients.map((c) => [c.index, c.doc.getArray<number>(arrayName(c.index)).toArray()]));
}

/**
 * Compares `replicas` with the authors' own edits: per author, the fewest of its edits any
 * replica holds (a replica holds a prefix of them, so the rest are missing there), and how many
 * replicas hold a value different from the author's (never expected: that would be corruption).
 */
export function compareReplicas(own: ReadonlyMap<number, readonly number[]>, replicas: readonly Y.Doc[]): { fewest: Map<number, number>; mismatched: number } {
  const fewest = new Map<number, number>();
  let mismatched = 0;
  for (const [author, values] of own) {
    let least = values.length;
    for (const replica of replicas) {
      const held = replica.getArray<number>(arrayName(author)).toArray();
      least = Math.min(least, held.length);
      if (held.some((value, i) => value !== values[i])) mismatched++;
    }
    fewest.set(author, least);
  }
  return { fewest, mismatched };
}

/** Edits made but missing from at least one replica, given every group's `fewest`. */
export function lostEdits(own: ReadonlyMap<number, readonly number[]>, fewestByGroup: readonly ReadonlyMap<number, number>[]): number {
  let lost = 0;
  for (const [author, values] of own) lost += values.length - Math.min(values.length, ...fewestByGroup.map((f) => f.get(author) ?? 0));
  return lost;
}

/** Whether every client holds every edit of every other author (`made`: author -> edits made). */
export function holdEverything(clients: readonly EditClient[], made: ReadonlyMap<number, number>): boolean {
  return clients.every((client) => [...made].every(([author, count]) => author === client.index || editsHeld(client.doc, author) === count));
}

export function destroyClients(clients: readonly EditClient[]): void {
  for (const client of clients) {
    client.provider.destroy();
    client.doc.destroy();
  }
}
