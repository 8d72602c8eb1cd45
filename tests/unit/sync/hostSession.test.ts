/**
 * The desktop app's "Host on this computer" session: a real server on this machine, a
 * stock Hocuspocus provider (ws as its WebSocket) as the teammate.
 */
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  currentHostSession,
  lanIPv4Addresses,
  startHostSession,
  stopHostSession,
  type HostSession,
} from '../../../electron/host/sync/hostSession';
import { connectPeer, sleep, waitFor, type TestPeer } from './syncTestSupport';

const peers: TestPeer[] = [];
const peer = (...args: Parameters<typeof connectPeer>): TestPeer => {
  const created = connectPeer(...args);
  peers.push(created);
  return created;
};

afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  await stopHostSession();
});

async function start(lan: boolean, port?: number): Promise<HostSession> {
  const started = await startHostSession({ lan, ...(port === undefined ? {} : { port }) });
  if (!started.ok) throw new Error(started.error);
  return started.value;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a loopback host session', () => {
  it('binds 127.0.0.1 only and answers ws://127.0.0.1:<port>/sync with a fresh token', async () => {
    const session = await start(false);
    const bound = session.server.address() as AddressInfo;
    expect(bound.address).toBe('127.0.0.1');
    expect(session.port).toBe(bound.port);
    expect(session.url).toBe(`ws://127.0.0.1:${bound.port}/sync`);
    expect(session.addresses).toEqual(['127.0.0.1']);
    expect(session.lan).toBe(false);
    // generateSyncToken: 24 random bytes, base64url.
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('syncs two stock providers that present the token', async () => {
    const session = await start(false);
    const alice = peer(session.url, 'plan-hosted', session.token);
    const bob = peer(session.url, 'plan-hosted', session.token);
    await waitFor('both synced', () => alice.provider.isSynced && bob.provider.isSynced);
    alice.doc.getMap('plan').set('title', 'Hosted on a laptop');
    await waitFor('bob sees alice', () => bob.doc.getMap('plan').get('title') === 'Hosted on a laptop', 2_000);
    bob.doc.getMap('plan').set('owner', 'Bob');
    await waitFor('alice sees bob', () => alice.doc.getMap('plan').get('owner') === 'Bob', 2_000);
    expect(alice.authenticated && bob.authenticated).toBe(true);
  });

  it('refuses a wrong token, and a token of an earlier session', async () => {
    const first = await start(false);
    const oldToken = first.token;
    await first.stop();
    const session = await start(false);
    expect(session.token).not.toBe(oldToken);

    const owner = peer(session.url, 'plan-guarded', session.token);
    await waitFor('owner synced', () => owner.provider.isSynced);
    owner.doc.getMap('plan').set('secret', 'kept');

    const intruders = [peer(session.url, 'plan-guarded', 'not-the-token-at-all'), peer(session.url, 'plan-guarded', oldToken)];
    await waitFor('both refused', () => intruders.every((i) => i.authenticationFailures.length > 0));
    await sleep(200);
    for (const intruder of intruders) {
      expect(intruder.authenticationFailures[0]).toBe('not authorized');
      expect(intruder.provider.isSynced).toBe(false);
      expect(intruder.doc.getMap('plan').toJSON()).toEqual({});
    }
  });

  it('stop() closes the port and disconnects peers; stopping twice is fine', async () => {
    const session = await start(false);
    const alice = peer(session.url, 'plan-stop', session.token);
    let closes = 0;
    alice.provider.on('close', () => closes++);
    await waitFor('alice synced', () => alice.provider.isSynced);
    expect(await portOpen(session.port)).toBe(true);

    await session.stop();
    await session.stop();
    expect(await portOpen(session.port)).toBe(false);
    expect(session.server.listening).toBe(false);
    expect(currentHostSession()).toBeNull();
    await waitFor('alice disconnected', () => closes > 0);
    expect(await stopHostSession()).toBe(false);
  });

  it('answers plain HTTP with 404 and no app', async () => {
    const session = await start(false);
    const response = await fetch(`http://127.0.0.1:${session.port}/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('one session at a time', () => {
  it('a second start with the same reachability returns the running session', async () => {
    const first = await start(false);
    const second = await start(false);
    expect(second).toBe(first);
    expect(second.token).toBe(first.token);
    expect(currentHostSession()).toBe(first);
  });

  it('concurrent starts give one session', async () => {
    const [a, b, c] = await Promise.all([startHostSession({ lan: false }), startHostSession({ lan: false }), startHostSession({ lan: false })]);
    if (!a.ok || !b.ok || !c.ok) throw new Error('a start failed');
    expect(b.value).toBe(a.value);
    expect(c.value).toBe(a.value);
  });

  it('switching to LAN restarts: a new port and token, the old port closed', async () => {
    const loopback = await start(false);
    const lan = await start(true);
    expect(lan).not.toBe(loopback);
    expect(lan.token).not.toBe(loopback.token);
    expect(await portOpen(loopback.port)).toBe(false);
    expect(currentHostSession()).toBe(lan);
    expect(await stopHostSession()).toBe(true);
    expect(currentHostSession()).toBeNull();
  });

  it('a taken port is an error message, and nothing is left running', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const started = await startHostSession({ lan: false, port });
      expect(started).toEqual({ ok: false, error: `Port ${port} on 127.0.0.1 is already in use.` });
      expect(currentHostSession()).toBeNull();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('a LAN host session', () => {
  it('binds 0.0.0.0 and names this computer\'s LAN addresses', async () => {
    const session = await start(true);
    const bound = session.server.address() as AddressInfo;
    expect(bound.address).toBe('0.0.0.0');
    expect(session.lan).toBe(true);
    expect(session.addresses).toEqual(lanIPv4Addresses());
    const host = session.addresses[0] ?? '127.0.0.1';
    expect(session.url).toBe(`ws://${host}:${bound.port}/sync`);
  });

  it('syncs through loopback too, with the token', async () => {
    const session = await start(true);
    // The test talks to this machine only: 127.0.0.1 reaches a 0.0.0.0 bind.
    const url = `ws://127.0.0.1:${session.port}/sync`;
    const alice = peer(url, 'plan-lan', session.token);
    const bob = peer(url, 'plan-lan', session.token);
    await waitFor('both synced', () => alice.provider.isSynced && bob.provider.isSynced);
    alice.doc.getMap('plan').set('k', 'v');
    await waitFor('bob sees it', () => bob.doc.getMap('plan').get('k') === 'v', 2_000);
    const intruder = peer(url, 'plan-lan', 'wrong-token-wrong-token');
    await waitFor('refused', () => intruder.authenticationFailures.length > 0);
    expect(intruder.authenticationFailures[0]).toBe('not authorized');
  });
});

describe('lanIPv4Addresses', () => {
  const iface = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4') =>
    ({ address, internal, family, netmask: '', mac: '02:00:00:00:00:01', cidr: null }) as never;

  it('lists non-internal IPv4 only, private ranges first, link-local last, without duplicates', () => {
    expect(
      lanIPv4Addresses({
        lo: [iface('127.0.0.1', true), iface('::1', true, 'IPv6')],
        eth0: [iface('203.0.113.5'), iface('fe80::1', false, 'IPv6')],
        wlan0: [iface('169.254.10.10'), iface('10.1.2.3')],
        en1: [iface('192.168.1.20'), iface('172.20.0.4'), iface('172.32.0.1')],
        dup: [iface('10.1.2.3')],
      }),
    ).toEqual(['192.168.1.20', '10.1.2.3', '172.20.0.4', '203.0.113.5', '172.32.0.1', '169.254.10.10']);
  });

  it('is empty without a network', () => {
    expect(lanIPv4Addresses({ lo: [iface('127.0.0.1', true)] })).toEqual([]);
  });
});
