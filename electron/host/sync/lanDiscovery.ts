/**
 * Finding Baton hosts on the LAN with mDNS / DNS-SD (`bonjour-service`): a hosting app
 * advertises a `_baton._tcp` service, and every app that shows the Share dialog browses for
 * them. The advertisement carries a display name and the port, nothing else: no plan title,
 * no plan id, never the token (that goes only through the invite).
 *
 * Discovery is a convenience. Where multicast does not work (no network, a firewall, a
 * sandbox, port 5353 refused) everything here fails quietly: listHosts() answers an empty
 * list and typing the address always works. Nothing is opened until the first advertise()
 * or listHosts(), and browsing stops by itself when nobody has asked for a while.
 */
import type { EventEmitter } from 'node:events';
import { isIPv4 } from 'node:net';
import BonjourService from 'bonjour-service';
import type { Browser, Service } from 'bonjour-service';
import { MAX_LAN_HOSTS, MAX_LAN_HOST_NAME_LENGTH } from '../../../shared/ipc/contract';

/** The DNS-SD service type: `_baton._tcp.local`. */
export const LAN_SERVICE_TYPE = 'baton';

/** The most hosts remembered between two listings, stale ones dropped first. */
const MAX_REMEMBERED_HOSTS = 256;

/** A Baton host found on the network. */
export interface LanHost {
  /** The name the host advertises (its display name), cleaned up for display. */
  readonly name: string;
  /** Its sync address: ws://<IPv4>:<port>/sync. */
  readonly url: string;
}

/** What a hosting app tells the network. */
export interface LanAdvertisement {
  /** Shown to others in their list of hosts, e.g. "Baton on alice-laptop". */
  readonly name: string;
  /** The port of the host session. */
  readonly port: number;
}

/** Tuning, mostly for tests. */
export interface LanDiscoveryOptions {
  /**
   * The IPv4 address of the one interface to send and receive multicast on (the tests use
   * 127.0.0.1, so nothing leaves the machine). Default: every interface.
   */
  readonly interface?: string;
  /** The UDP port of mDNS (default 5353; tests use another to stay out of the real one's way). */
  readonly mdnsPort?: number;
  /** How often the network is asked again (default 3 s). */
  readonly refreshMs?: number;
  /** A host not heard from for this long is no longer listed (default 10 s). */
  readonly freshForMs?: number;
  /** Browsing stops when listHosts() has not been called for this long (default 60 s). */
  readonly idleAfterMs?: number;
  /** After multicast failed, wait this long before trying again (default 30 s). */
  readonly retryAfterMs?: number;
  /** One line per failure (once per failure, not per packet). */
  readonly log?: (line: string) => void;
}

/** Advertising this app's host session and browsing for others. */
export interface LanDiscovery {
  /** Advertises (or re-advertises, when name or port changed) the host session. */
  advertise(advertisement: LanAdvertisement): void;
  /** Withdraws the advertisement (with an mDNS goodbye when the network allows). */
  stopAdvertising(): Promise<void>;
  /** The hosts heard from in the last few seconds, this app's own advertisement excluded; starts browsing. */
  listHosts(): LanHost[];
  /** Whether mDNS is in use right now (advertising or browsing). */
  active(): boolean;
  /** Stops everything; later calls are ignored. */
  close(): Promise<void>;
}

/** How long a goodbye may take before the socket is closed anyway. */
const GOODBYE_TIMEOUT_MS = 1_000;

/** Creates the discovery; nothing touches the network until it is used. */
export function createLanDiscovery(options: LanDiscoveryOptions = {}): LanDiscovery {
  const refreshMs = options.refreshMs ?? 3_000;
  const freshForMs = options.freshForMs ?? 10_000;
  const idleAfterMs = options.idleAfterMs ?? 60_000;
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const log = options.log ?? (() => undefined);
  // With one interface, bind the wildcard address: a socket bound to a unicast address
  // receives no multicast on Linux.
  // bonjour-service hands these to multicast-dns, whose options its types do not list.
  const mdnsOptions = {
    ...(options.interface === undefined ? {} : { interface: options.interface, bind: '0.0.0.0' }),
    ...(options.mdnsPort === undefined ? {} : { port: options.mdnsPort }),
  } as ConstructorParameters<typeof BonjourService>[0];

  let mdns: BonjourService | null = null;
  let failedAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  let wanted: LanAdvertisement | null = null;
  let published: { service: Service; advertisement: LanAdvertisement } | null = null;

  let browser: Browser | null = null;
  let lastAsked = Number.NEGATIVE_INFINITY;
  const seen = new Map<string, { host: LanHost; lastSeen: number }>();
  let timer: NodeJS.Timeout | null = null;

  /**
   * Gives up on multicast for now: drops the socket, retries after retryAfterMs, and logs
   * once per outage. `from` is the instance that failed; a late error from an instance
   * already dropped changes nothing.
   */
  const fault = (from: BonjourService | null, error: unknown): void => {
    if (from !== null && from !== mdns) return;
    const alreadyDown = mdns === null && failedAt > Number.NEGATIVE_INFINITY;
    failedAt = Date.now();
    dropSocket();
    if (!alreadyDown) log(`LAN discovery is unavailable (${error instanceof Error ? error.message : String(error)}); typing the address still works`);
  };

  const dropSocket = (): void => {
    const dropped = mdns;
    mdns = null;
    browser?.stop();
    browser = null;
    published = null;
    seen.clear();
    if (dropped === null) return;
    try {
      dropped.destroy();
    } catch {
      // A socket that never bound cannot be closed; there is nothing left to release.
    }
  };

  const instance = (): BonjourService | null => {
    if (mdns !== null) return mdns;
    if (closed || Date.now() - failedAt < retryAfterMs) return null;
    let created: BonjourService | null = null;
    try {
      created = new BonjourService(mdnsOptions, (error: unknown) => fault(created, error));
      mdns = created;
      // multicast-dns emits 'error' when it cannot bind 5353 (an unhandled 'error' would crash main).
      const socket = (created as unknown as { server: { mdns: EventEmitter } }).server.mdns;
      socket.on('error', (error: unknown) => fault(created, error));
      socket.on('warning', () => undefined);
      return created;
    } catch (error) {
      fault(null, error);
      return null;
    }
  };

  const publish = (): void => {
    if (wanted === null || published !== null) return;
    const bonjour = instance();
    if (bonjour === null) return;
    try {
      const service = bonjour.publish({
        name: instanceName(wanted),
        type: LAN_SERVICE_TYPE,
        port: wanted.port,
        // Only these two: the display name and the port. Never a plan title or the token.
        txt: { name: wanted.name, port: String(wanted.port) },
        disableIPv6: true,
      });
      service.on('error', (error: unknown) => fault(bonjour, error));
      published = { service, advertisement: wanted };
    } catch (error) {
      fault(bonjour, error);
    }
  };

  const withdraw = async (): Promise<void> => {
    const current = published;
    published = null;
    if (current === null || mdns === null) return;
    await new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, GOODBYE_TIMEOUT_MS);
      timeout.unref();
      try {
        current.service.stop?.(() => {
          clearTimeout(timeout);
          resolve();
        });
      } catch {
        clearTimeout(timeout);
        resolve();
      }
    });
  };

  const remember = (service: Service): void => {
    if (published !== null && sameName(service.fqdn, published.service.fqdn)) return;
    const host = hostOf(service);
    if (host === null) return;
    const now = Date.now();
    if (seen.size >= MAX_REMEMBERED_HOSTS) prune(now);
    if (seen.size >= MAX_REMEMBERED_HOSTS && !seen.has(key(service.fqdn))) return;
    seen.set(key(service.fqdn), { host, lastSeen: now });
  };

  const prune = (now: number): void => {
    for (const [name, entry] of seen) if (now - entry.lastSeen > freshForMs) seen.delete(name);
  };

  /** A fresh browser asks the network again; each answer counts as "seen now". */
  const browse = (): void => {
    const bonjour = instance();
    if (bonjour === null) return;
    browser?.stop();
    browser = null;
    try {
      const next = bonjour.find({ type: LAN_SERVICE_TYPE });
      next.on('up', remember);
      next.on('srv-update', remember);
      next.on('txt-update', remember);
      next.on('down', (service: Service) => seen.delete(key(service.fqdn)));
      browser = next;
    } catch (error) {
      fault(bonjour, error);
    }
  };

  const browsing = (): boolean => Date.now() - lastAsked <= idleAfterMs;

  const tick = (): void => {
    if (closed) return;
    if (browsing()) browse();
    else {
      browser?.stop();
      browser = null;
      seen.clear();
    }
    publish();
    if (!browsing() && wanted === null) {
      stopTimer();
      if (published === null) dropSocket();
    }
  };

  const startTimer = (): void => {
    if (timer !== null || closed) return;
    timer = setInterval(tick, refreshMs);
    // Discovery never keeps the process alive on its own.
    timer.unref();
  };

  const stopTimer = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  return {
    advertise(advertisement) {
      if (closed) return;
      const next = { name: cleanName(advertisement.name) || 'Baton', port: advertisement.port };
      if (!Number.isInteger(next.port) || next.port < 1 || next.port > 65_535) return;
      const same = published !== null && published.advertisement.name === next.name && published.advertisement.port === next.port;
      wanted = next;
      startTimer();
      if (same) return;
      if (published === null) return publish();
      // Another port or name: say goodbye to the old service, then announce the new one.
      void withdraw().then(publish);
    },

    async stopAdvertising() {
      wanted = null;
      await withdraw();
      if (!browsing()) {
        stopTimer();
        dropSocket();
      }
    },

    listHosts() {
      if (closed) return [];
      const firstAsk = !browsing() || browser === null;
      lastAsked = Date.now();
      if (firstAsk) {
        browse();
        startTimer();
      }
      const now = Date.now();
      prune(now);
      return [...seen.values()]
        .map((entry) => entry.host)
        .sort((a, b) => a.name.localeCompare(b.name) || a.url.localeCompare(b.url))
        .slice(0, MAX_LAN_HOSTS);
    },

    active: () => mdns !== null,

    async close() {
      if (closed) return;
      wanted = null;
      stopTimer();
      await withdraw();
      closed = true;
      dropSocket();
    },
  };
}

/** A service's address as a host entry, or null when it gives no usable IPv4 address and port. */
function hostOf(service: Service): LanHost | null {
  const port = service.port;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return null;
  // Where the answer came from is the address that reached us; the A records are the fallback.
  const candidates = [service.referer?.address, ...(service.addresses ?? [])];
  const address = candidates.find((candidate): candidate is string => typeof candidate === 'string' && isIPv4(candidate) && candidate !== '0.0.0.0');
  if (address === undefined) return null;
  const txt: unknown = service.txt;
  const advertised = txt !== null && typeof txt === 'object' && Object.hasOwn(txt, 'name') ? (txt as { name: unknown }).name : undefined;
  const name = (typeof advertised === 'string' ? cleanName(advertised) : '') || cleanName(String(service.name ?? '')) || address;
  return { name, url: `ws://${address}:${port}/sync` };
}

/** A name fit to show: no control or bidi-override characters, spaces collapsed, bounded. */
export function cleanName(name: string): string {
  return (
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, MAX_LAN_HOST_NAME_LENGTH)
      .trim()
  );
}

/** The DNS-SD instance name: the display name and the port, within one 63-byte DNS label. */
function instanceName(advertisement: LanAdvertisement): string {
  const suffix = ` (${advertisement.port})`;
  let base = advertisement.name.replace(/\./g, ' ');
  while (Buffer.byteLength(base + suffix) > 63) base = base.slice(0, -1);
  return base.trim() + suffix;
}

const key = (fqdn: string | undefined): string => String(fqdn ?? '').toLowerCase();

function sameName(a: string | undefined, b: string | undefined): boolean {
  return key(a) === key(b);
}
