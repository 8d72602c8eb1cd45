/**
 * LAN discovery over real mDNS sockets, kept on this machine: every instance here sends and
 * listens on the loopback interface only (127.0.0.1), or cannot bind its port at all, and
 * then sends nothing. Whether loopback carries multicast depends on the
 * machine, so the "finds a host" path is asserted only when a plain bonjour-service
 * self-publish is observed within 2 s; otherwise the quiet-failure path is.
 */
import dgram from 'node:dgram';
import BonjourService from 'bonjour-service';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { cleanName, createLanDiscovery, LAN_SERVICE_TYPE, type LanDiscovery } from '../../../electron/host/sync/lanDiscovery';
import { sleep, waitFor } from './syncTestSupport';

/** Not 5353: the tests' mDNS stays apart from any real responder on this machine. */
const TEST_MDNS_PORT = 45_353;
const LOOPBACK_ONLY = { interface: '127.0.0.1', bind: '0.0.0.0', port: TEST_MDNS_PORT } as unknown as ConstructorParameters<typeof BonjourService>[0];
const LOOPBACK = { interface: '127.0.0.1', mdnsPort: TEST_MDNS_PORT } as const;

const opened: LanDiscovery[] = [];
function discovery(options: Parameters<typeof createLanDiscovery>[0]): LanDiscovery {
  const created = createLanDiscovery(options);
  opened.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

/** Publishes and browses with bonjour-service itself on loopback: the TXT record seen, or null after `timeoutMs`. */
async function observeSelfPublish(type: string, port: number, timeoutMs: number): Promise<Record<string, unknown> | null> {
  const publisher = new BonjourService(LOOPBACK_ONLY, () => undefined);
  const browser = new BonjourService(LOOPBACK_ONLY, () => undefined);
  for (const b of [publisher, browser]) (b as unknown as { server: { mdns: NodeJS.EventEmitter } }).server.mdns.on('error', () => undefined);
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs);
      browser.find({ type }, (service) => {
        if (service.port !== port) return;
        clearTimeout(timer);
        resolve({ ...(service.txt as Record<string, unknown>) });
      });
      publisher.publish({ name: `probe-${port}`, type, port });
    });
  } finally {
    publisher.destroy();
    browser.destroy();
  }
}

/**
 * A UDP port held without SO_REUSEADDR, so mDNS cannot bind it (EADDRINUSE), the way a
 * system responder that keeps 5353 to itself refuses it. Nothing is ever sent: sending waits for the bind.
 */
async function heldUdpPort(): Promise<{ port: number; release(): Promise<void> }> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
  await new Promise<void>((resolve) => socket.bind({ address: '0.0.0.0', port: 0, exclusive: true }, resolve));
  return { port: socket.address().port, release: () => new Promise((resolve) => socket.close(() => resolve())) };
}

describe('LAN discovery where multicast cannot work', () => {
  it('answers an empty list, logs once and never throws', async () => {
    const log: string[] = [];
    const held = await heldUdpPort();
    onTestFinished(held.release);
    const d = discovery({ interface: '127.0.0.1', mdnsPort: held.port, refreshMs: 100, retryAfterMs: 60_000, log: (line) => log.push(line) });
    expect(d.listHosts()).toEqual([]);
    d.advertise({ name: 'Baton on nowhere', port: 4317 });
    await sleep(600);
    expect(d.listHosts()).toEqual([]);
    expect(d.active()).toBe(false);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^LAN discovery is unavailable \(.*EADDRINUSE.*\); typing the address still works$/);
    await d.stopAdvertising();
    await d.close();
    expect(d.listHosts()).toEqual([]);
  });

  it('tries again after retryAfterMs, still quietly', async () => {
    const log: string[] = [];
    const held = await heldUdpPort();
    onTestFinished(held.release);
    const d = discovery({ interface: '127.0.0.1', mdnsPort: held.port, refreshMs: 50, retryAfterMs: 200, log: (line) => log.push(line) });
    d.listHosts();
    await sleep(700);
    expect(d.listHosts()).toEqual([]);
    // One line per outage: the first, and each retry that failed again.
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(new Set(log).size).toBe(1);
  });
});

describe('LAN discovery on loopback', () => {
  it('finds a host another app advertises (TXT: display name and port only), excludes its own, and drops a host that says goodbye', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const loopbackMulticast = (await observeSelfPublish(`${LAN_SERVICE_TYPE}-probe`, port, 2_000)) !== null;

    const host = discovery({ ...LOOPBACK, refreshMs: 300 });
    const teammate = discovery({ ...LOOPBACK, refreshMs: 300 });
    host.advertise({ name: 'Baton on test-host', port });
    const expected = { name: 'Baton on test-host', url: `ws://127.0.0.1:${port}/sync` };

    if (!loopbackMulticast) {
      // No multicast on this machine's loopback: the quiet path, and nothing thrown.
      await sleep(1_500);
      expect(teammate.listHosts()).toEqual([]);
      expect(host.listHosts()).toEqual([]);
      return;
    }

    await waitFor('the teammate to find the host', () => teammate.listHosts().some((h) => h.url === expected.url), 5_000);
    expect(teammate.listHosts()).toContainEqual(expected);
    // Its own advertisement is not listed to the host itself.
    expect(host.listHosts().some((h) => h.url === expected.url)).toBe(false);

    // What goes on the wire: exactly the display name and the port.
    const seen = await observeTxt(port);
    expect(seen).toEqual({ name: 'Baton on test-host', port: String(port) });

    await host.stopAdvertising();
    await waitFor('the goodbye to remove the host', () => !teammate.listHosts().some((h) => h.url === expected.url), 5_000);
  });

  it('moves its advertisement to a new port when the session restarts', async () => {
    const first = 40_000 + Math.floor(Math.random() * 10_000);
    const second = first + 10_000;
    if ((await observeSelfPublish(`${LAN_SERVICE_TYPE}-probe`, first, 2_000)) === null) return;
    const host = discovery({ ...LOOPBACK, refreshMs: 300, freshForMs: 2_000 });
    const teammate = discovery({ ...LOOPBACK, refreshMs: 300, freshForMs: 2_000 });
    host.advertise({ name: 'Mover', port: first });
    await waitFor('first port', () => teammate.listHosts().some((h) => h.url.endsWith(`:${first}/sync`)), 5_000);
    host.advertise({ name: 'Mover', port: second });
    await waitFor('second port only', () => {
      const urls = teammate.listHosts().map((h) => h.url);
      return urls.some((u) => u.endsWith(`:${second}/sync`)) && !urls.some((u) => u.endsWith(`:${first}/sync`));
    }, 6_000);
  });
});

/** The TXT record of the `baton` service on `port`, as a plain browser on loopback sees it. */
async function observeTxt(port: number): Promise<Record<string, unknown> | null> {
  const browser = new BonjourService(LOOPBACK_ONLY, () => undefined);
  (browser as unknown as { server: { mdns: NodeJS.EventEmitter } }).server.mdns.on('error', () => undefined);
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 3_000);
      browser.find({ type: LAN_SERVICE_TYPE }, (service) => {
        if (service.port !== port) return;
        clearTimeout(timer);
        resolve({ ...(service.txt as Record<string, unknown>) });
      });
    });
  } finally {
    browser.destroy();
  }
}

describe('cleanName', () => {
  it('removes control and bidi-override characters, collapses spaces, and bounds the length', () => {
    expect(cleanName('  Baton\u0007 on\n\t alice\u202E  ')).toBe('Baton on alice');
    expect(cleanName('x'.repeat(200))).toHaveLength(64);
    expect(cleanName('\u0000\u0001')).toBe('');
  });
});
