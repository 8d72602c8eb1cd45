import { randomBytes } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { connectPeer, sleep, startTestSyncServer, TOKEN, waitFor, type TestPeer, type TestSyncServer } from './syncTestSupport';

let server: TestSyncServer;
const peers: TestPeer[] = [];
const peer = (...args: Parameters<typeof connectPeer>): TestPeer => {
  const created = connectPeer(...args);
  peers.push(created);
  return created;
};

beforeAll(async () => {
  server = await startTestSyncServer({ maxMessageBytes: 1024 * 1024 });
});

afterAll(async () => {
  for (const p of peers) p.destroy();
  await server.stop();
});

/** A raw WebSocket to the server, open, with the frames and the close it receives. */
async function rawSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(url, { headers });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, closed };
}

/** Tries to open a WebSocket; the HTTP status of a refusal, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('error', () => undefined);
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
  });
}

/** A Hocuspocus frame: document name, message type, then the body the caller writes. */
function frame(name: string, type: number, body: (encoder: encoding.Encoder) => void = () => undefined): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  encoding.writeVarUint(encoder, type);
  body(encoder);
  return encoding.toUint8Array(encoder);
}

describe('the sync endpoint with a stock Hocuspocus provider', () => {
  it('two providers on one plan converge within a second', async () => {
    const alice = peer(server.syncUrl, 'plan-converge');
    const bob = peer(server.syncUrl, 'plan-converge');
    await waitFor('both peers synced', () => alice.provider.isSynced && bob.provider.isSynced);

    const started = Date.now();
    alice.doc.getMap('plan').set('title', 'Launch');
    await waitFor('bob to see alice', () => bob.doc.getMap('plan').get('title') === 'Launch', 1_000);
    bob.doc.getMap('plan').set('owner', 'Bob');
    await waitFor('alice to see bob', () => alice.doc.getMap('plan').get('owner') === 'Bob', 1_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(alice.doc.getMap('plan').toJSON()).toEqual({ title: 'Launch', owner: 'Bob' });
    expect(alice.authenticated && bob.authenticated).toBe(true);
  });

  it('a wrong or missing token is refused as not authorized, and nothing is read or written', async () => {
    const owner = peer(server.syncUrl, 'plan-secret');
    await waitFor('owner synced', () => owner.provider.isSynced);
    owner.doc.getMap('plan').set('secret', 'launch codes');
    await waitFor('server has the secret', () => stateOf('plan-secret').get('secret') === 'launch codes');

    const intruders = [peer(server.syncUrl, 'plan-secret', 'wrong-token'), peer(server.syncUrl, 'plan-secret', null)];
    for (const intruder of intruders) {
      intruder.doc.getMap('plan').set('secret', 'overwritten');
      intruder.doc.getMap('plan').set('vandal', true);
    }
    await waitFor('both intruders refused', () => intruders.every((i) => i.authenticationFailures.length > 0));
    await sleep(300);
    for (const intruder of intruders) {
      expect(intruder.authenticationFailures[0]).toBe('not authorized');
      expect(intruder.authenticated).toBe(false);
      expect(intruder.provider.isSynced).toBe(false);
      // Only its own write: nothing of the plan came back.
      expect(intruder.doc.getMap('plan').toJSON()).toEqual({ secret: 'overwritten', vandal: true });
    }
    expect(stateOf('plan-secret').toJSON()).toEqual({ secret: 'launch codes' });
    expect(owner.doc.getMap('plan').toJSON()).toEqual({ secret: 'launch codes' });
    expect(server.logLines.join('\n')).toContain('wrong or missing token');
    expect(server.logLines.join('\n')).not.toContain('wrong-token');
    expect(server.logLines.join('\n')).not.toContain(TOKEN);
  });

  it('refuses a document name that is not a plan id', async () => {
    const odd = peer(server.syncUrl, '../etc/passwd');
    await waitFor('refusal', () => odd.authenticationFailures.length > 0);
    expect(odd.authenticationFailures[0]).toBe('not a valid plan id');
  });

  it('20 garbage frames close only their own connections; a good client keeps syncing', async () => {
    const good = peer(server.syncUrl, 'plan-garbage');
    const witness = peer(server.syncUrl, 'plan-garbage');
    await waitFor('good peers synced', () => good.provider.isSynced && witness.provider.isSynced);

    const validUpdate = Y.encodeStateAsUpdate(docWith('k', 'v'));
    const garbage: Array<Uint8Array | string> = [
      new Uint8Array(0),
      new Uint8Array([0xff]),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      randomBytes(64),
      randomBytes(1000),
      randomBytes(4096),
      new Uint8Array([5, 0x70, 0x6c]), // a name cut short
      frame('plan-garbage', 0), // sync without a step
      frame('plan-garbage', 0, (e) => encoding.writeVarUint(e, 2)), // update without its bytes
      frame('plan-garbage', 0, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, randomBytes(200)); // not a Yjs update
      }),
      frame('plan-garbage', 0, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, validUpdate.slice(0, validUpdate.length - 3)); // truncated update
      }),
      frame('plan-garbage', 0, (e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, new Uint8Array([9, 1])); // truncated state vector
      }),
      frame('plan-garbage', 0, (e) => encoding.writeVarUint(e, 7)), // unknown sync step
      frame('plan-garbage', 1, (e) => encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b]))), // awareness, bad JSON
      frame('plan-garbage', 2), // auth without a token
      frame('plan-garbage', 42), // unknown type
      frame('', 0), // no document name
      'a text frame',
      randomBytes(2 * 1024 * 1024), // over maxMessageBytes
      // Authenticated first, then a malformed update on the authenticated document.
      'auth-then-garbage',
    ];
    expect(garbage).toHaveLength(20);

    const closes: number[] = [];
    for (const item of garbage) {
      const { ws, closed } = await rawSocket(server.syncUrl);
      if (item === 'auth-then-garbage') {
        ws.send(
          frame('plan-garbage', 2, (e) => {
            encoding.writeVarUint(e, 0);
            encoding.writeVarString(e, TOKEN);
          }),
        );
        await new Promise((resolve) => ws.once('message', resolve));
        ws.send(
          frame('plan-garbage', 0, (e) => {
            encoding.writeVarUint(e, 2);
            encoding.writeVarUint8Array(e, randomBytes(300));
          }),
        );
      } else {
        ws.send(item);
      }
      closes.push(await withTimeout(closed, 3_000, `a close after garbage #${closes.length}`));
    }
    // 1007: refused by the frame check; 1009: over the size limit.
    expect(closes.filter((code) => code === 1009)).toHaveLength(1);
    expect(closes.filter((code) => code === 1007)).toHaveLength(19);

    good.doc.getMap('plan').set('after', 'garbage');
    await waitFor('witness sees the edit after the garbage', () => witness.doc.getMap('plan').get('after') === 'garbage', 1_000);
    expect(stateOf('plan-garbage').toJSON()).toEqual({ after: 'garbage' });
    expect(good.provider.isSynced).toBe(true);
    expect(server.logLines.some((line) => line.includes('larger than 1048576 bytes'))).toBe(true);
  });
});

describe('who may open the sync endpoint', () => {
  it('accepts the page it serves and clients without an Origin; refuses other sites and rebound host names', async () => {
    const port = server.web.port;
    const url = server.syncUrl;
    expect(await upgradeStatus(url, {})).toBe(101);
    expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await upgradeStatus(url, { Origin: 'app://baton' })).toBe(101);
    expect(await upgradeStatus(url, { Host: `localhost:${port}`, Origin: `http://localhost:${port}` })).toBe(101);

    expect(await upgradeStatus(url, { Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { Origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await upgradeStatus(url, { Origin: 'null' })).toBe(403);
    // DNS rebinding: the attacker's name resolves to 127.0.0.1, so Origin and Host agree but name no loopback host.
    expect(await upgradeStatus(url, { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` })).toBe(403);
    expect(await upgradeStatus(url, { Host: `evil.example:${port}` })).toBe(403);
  });

  it('upgrades only /sync; the rest of the port stays the web app', async () => {
    expect(await upgradeStatus(server.syncUrl.replace('/sync', '/other'), {})).toBe(404);
    expect(await upgradeStatus(`${server.syncUrl}?x=1`, {})).toBe(101);
    const response = await fetch(server.web.url);
    expect(response.status).toBe(200);
  });
});

function docWith(key: string, value: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('plan').set(key, value);
  return doc;
}

/** The server's copy of a plan's `plan` map. */
function stateOf(name: string): Y.Map<unknown> {
  const doc = new Y.Doc();
  const state = server.sync.documentState(name);
  if (state) Y.applyUpdate(doc, state);
  return doc.getMap('plan');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);
}
