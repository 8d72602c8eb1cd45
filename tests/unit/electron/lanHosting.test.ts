/**
 * The hosting service behind the sync:* channels: the real host session (on this machine)
 * with a recording stand-in for mDNS, so nothing is multicast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createIpcHandlers, createLanHosting } from '../../../electron/host/ipcHandlers';
import { createIpcRouter } from '../../../electron/host/ipcRouter';
import { currentHostSession, stopHostSession } from '../../../electron/host/sync/hostSession';
import type { LanAdvertisement, LanDiscovery, LanHost } from '../../../electron/host/sync/lanDiscovery';
import { isTrustedIpcSender } from '../../../electron/host/windowPolicy';

const APP = 'app://baton/index.html';

function recordingDiscovery(hosts: LanHost[] = []) {
  const calls: string[] = [];
  let advertised: LanAdvertisement | null = null;
  const discovery: LanDiscovery = {
    advertise(ad) {
      calls.push(`advertise ${ad.name} ${ad.port}`);
      advertised = ad;
    },
    async stopAdvertising() {
      calls.push('stopAdvertising');
      advertised = null;
    },
    listHosts: () => hosts,
    active: () => advertised !== null,
    async close() {
      calls.push('close');
      advertised = null;
    },
  };
  return { discovery, calls };
}

afterEach(async () => {
  await stopHostSession();
});

function routerWith(discovery: LanDiscovery, displayName?: string) {
  const hosting = createLanHosting({ discovery, ...(displayName === undefined ? {} : { displayName }) });
  const dialogs = { chooseSavePath: async () => null, chooseOpenPath: async () => null };
  return { hosting, router: createIpcRouter(createIpcHandlers({ app: { version: '1', platform: 'linux' }, dialogs, hosting }), isTrustedIpcSender) };
}

describe('createLanHosting behind the router', () => {
  it('a loopback session is not advertised; a LAN one is, under the display name and its port only', async () => {
    const { discovery, calls } = recordingDiscovery();
    const { router, hosting } = routerWith(discovery, 'Baton on\u0007 alice-laptop');

    const loopback = await router.handle('sync:host-start', APP, { lan: false });
    expect(loopback.ok).toBe(true);
    expect(calls).toEqual(['stopAdvertising']);

    const lan = await router.handle('sync:host-start', APP, { lan: true });
    if (!lan.ok) throw new Error(lan.error);
    const session = currentHostSession()!;
    expect(session.lan).toBe(true);
    expect(lan.value).toEqual({ url: session.url, token: session.token, addresses: [...session.addresses] });
    expect(calls).toEqual(['stopAdvertising', `advertise Baton on alice-laptop ${session.port}`]);
    expect(hosting.active()).toBe(true);

    await expect(router.handle('sync:host-stop', APP, {})).resolves.toEqual({ ok: true, value: { stopped: true } });
    expect(calls.at(-1)).toBe('stopAdvertising');
    expect(currentHostSession()).toBeNull();
    expect(hosting.active()).toBe(false);
  });

  it('lists what discovery found, and names this computer by default', async () => {
    const hosts = [{ name: 'Baton on bob', url: 'ws://192.168.1.21:40000/sync' }];
    const { discovery, calls } = recordingDiscovery(hosts);
    const { router } = routerWith(discovery);
    await expect(router.handle('sync:lan-hosts', APP, {})).resolves.toEqual({ ok: true, value: { hosts } });
    await router.handle('sync:host-start', APP, { lan: true });
    expect(calls.at(-1)).toMatch(/^advertise Baton on \S/);
  });

  it('shutdown stops the session and closes discovery', async () => {
    const { discovery, calls } = recordingDiscovery();
    const { router, hosting } = routerWith(discovery);
    await router.handle('sync:host-start', APP, { lan: false });
    expect(hosting.active()).toBe(true);
    await hosting.shutdown();
    expect(currentHostSession()).toBeNull();
    expect(calls.at(-1)).toBe('close');
    expect(hosting.active()).toBe(false);
  });
});
