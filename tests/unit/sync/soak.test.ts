/**
 * Convergence soak: many stock providers editing one plan at random while their connections
 * drop and come back. Afterwards every replica, the server's copy and the stored file hold
 * every edit and are identical. BATON_SYNC_SOAK_MS shortens or lengthens the editing phase;
 * BATON_SYNC_SOAK_SEED replays a run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeBatonFile } from '../../../shared/doc';
import { connectPeer, sleep, startTestSyncServer, TOKEN, waitFor, type TestPeer, type TestSyncServer } from './syncTestSupport';

/** How long the clients edit and drop connections (the whole test takes a few seconds more). */
export const SOAK_MS = Number(process.env.BATON_SYNC_SOAK_MS ?? 30_000);
const CLIENTS = 20;
const PLAN = 'plan-soak';
const SEED = Number(process.env.BATON_SYNC_SOAK_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SoakClient {
  readonly index: number;
  readonly doc: Y.Doc;
  peer: TestPeer;
  /** Online, or how it went offline: its socket closed (provider kept) or its provider destroyed. */
  state: 'online' | 'disconnected' | 'destroyed';
  edits: number;
  drops: number;
}

let server: TestSyncServer | undefined;
let dataDir: string | undefined;
const clients: SoakClient[] = [];

afterAll(async () => {
  for (const client of clients) client.peer.destroy();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('convergence soak', () => {
  it(`${CLIENTS} clients editing with random disconnects end identical, with every edit, on every replica and the server`, async () => {
    const random = seededRandom(SEED);
    const between = (low: number, high: number) => low + Math.floor(random() * (high - low));
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-sync-soak-'));
    server = await startTestSyncServer({ dataDir });
    const url = server.syncUrl;

    for (let index = 0; index < CLIENTS; index++) {
      const doc = new Y.Doc();
      clients.push({ index, doc, peer: connectPeer(url, PLAN, TOKEN, doc), state: 'online', edits: 0, drops: 0 });
    }
    await waitFor('every client synced', () => clients.every((c) => c.peer.provider.isSynced), 10_000);

    const edit = (client: SoakClient): void => {
      const map = client.doc.getMap<number>('soak');
      client.doc.transact(() => {
        map.set(`c${client.index}:${client.edits}`, client.edits);
        // One key everyone fights over: replicas must agree on its winner too.
        if (random() < 0.2) client.doc.getMap<string>('contested').set('last', `c${client.index}:${client.edits}`);
      });
      client.edits++;
    };
    const drop = (client: SoakClient): void => {
      client.drops++;
      // Half the drops keep the provider (socket closed and reopened), half replace it, as a reload would.
      if (random() < 0.5) {
        client.state = 'disconnected';
        client.peer.provider.disconnect();
      } else {
        client.state = 'destroyed';
        client.peer.destroy();
      }
    };
    const reconnect = (client: SoakClient): void => {
      if (client.state === 'disconnected') void client.peer.provider.connect();
      else if (client.state === 'destroyed') client.peer = connectPeer(url, PLAN, TOKEN, client.doc);
      client.state = 'online';
    };

    const deadline = Date.now() + SOAK_MS;
    await Promise.all(
      clients.map(async (client) => {
        while (Date.now() < deadline) {
          await sleep(between(30, 200));
          if (client.state === 'online') {
            if (random() < 0.03) drop(client);
            else edit(client);
          } else {
            // Edits made offline must arrive after the reconnect.
            if (random() < 0.5) edit(client);
            if (random() < 0.15) reconnect(client);
          }
        }
      }),
    );
    for (const client of clients) reconnect(client);

    const totalEdits = clients.reduce((sum, c) => sum + c.edits, 0);
    const expected: Record<string, number> = {};
    for (const client of clients) for (let i = 0; i < client.edits; i++) expected[`c${client.index}:${i}`] = i;

    await waitFor(
      `every replica to hold all ${totalEdits} edits (seed ${SEED})`,
      () => clients.every((c) => c.peer.provider.isSynced && !c.peer.provider.hasUnsyncedChanges && c.doc.getMap('soak').size === totalEdits),
      20_000,
    );

    const reference = contentOf(clients[0]!.doc);
    expect(reference.soak).toEqual(expected);
    for (const client of clients) {
      expect(contentOf(client.doc), `client ${client.index} (seed ${SEED})`).toEqual(reference);
      expect(stateVectorOf(client.doc)).toEqual(stateVectorOf(clients[0]!.doc));
    }
    const serverCopy = new Y.Doc();
    Y.applyUpdate(serverCopy, server.sync.documentState(PLAN)!);
    expect(contentOf(serverCopy)).toEqual(reference);
    expect(stateVectorOf(serverCopy)).toEqual(stateVectorOf(clients[0]!.doc));

    // The drops really happened, and the load was real.
    expect(clients.reduce((sum, c) => sum + c.drops, 0)).toBeGreaterThan(SOAK_MS >= 10_000 ? 20 : 0);
    expect(totalEdits).toBeGreaterThan(CLIENTS);

    // And what the server wrote to disk on close is the same plan.
    for (const client of clients) client.peer.destroy();
    await server.stop();
    server = undefined;
    const stored = decodeBatonFile(new Uint8Array(await readFile(path.join(dataDir, `${PLAN}.baton`))));
    if (!stored.ok) throw new Error(stored.error);
    const storedCopy = new Y.Doc();
    Y.applyUpdate(storedCopy, stored.value);
    expect(contentOf(storedCopy)).toEqual(reference);
  }, SOAK_MS + 60_000);
});

function contentOf(doc: Y.Doc): { soak: unknown; contested: unknown } {
  return { soak: doc.getMap('soak').toJSON(), contested: doc.getMap('contested').toJSON() };
}

function stateVectorOf(doc: Y.Doc): Map<number, number> {
  return new Map([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b));
}
