/**
 * Every IPC channel's handler, assembled from what main knows about the running app, the
 * native dialogs it injects, and the LAN hosting service (host session + discovery).
 */
import os from 'node:os';
import { ok, type Result } from '../../shared/model/result';
import type { IpcHandlers } from './ipcRouter';
import { openPlanWithDialog, savePlanWithDialog, type PlanFileDialogs } from './fileDialogHandlers';
import { currentHostSession, startHostSession, stopHostSession } from './sync/hostSession';
import { cleanName, type LanDiscovery, type LanHost } from './sync/lanDiscovery';

/** The facts about the running app that `app:info` reports. */
export interface AppIdentity {
  readonly version: string;
  readonly platform: string;
}

/** What `sync:host-start` answers: where peers connect, the token, and the reachable addresses. */
export interface HostingInfo {
  readonly url: string;
  readonly token: string;
  readonly addresses: string[];
}

/** "Host on this computer" as the IPC handlers see it. */
export interface LanHosting {
  /** Starts hosting (or returns the running session when `lan` is unchanged) and advertises it on the LAN in LAN mode. */
  start(lan: boolean): Promise<Result<HostingInfo, string>>;
  /** Stops hosting; true when a session was running. */
  stop(): Promise<boolean>;
  /** Baton hosts found on the network recently (none where discovery cannot work). */
  listHosts(): LanHost[];
  /** Whether anything (a session, mDNS) still needs stopping before the app quits. */
  active(): boolean;
  /** Stops the session and discovery: for quitting. */
  shutdown(): Promise<void>;
}

/** What the hosting service is built from. */
export interface LanHostingDependencies {
  readonly discovery: LanDiscovery;
  /** The name other apps list this host under; default "Baton on <computer name>". */
  readonly displayName?: string;
  /** One line per noteworthy event of the session (refused peers); never a token. */
  readonly log?: (line: string) => void;
}

/** The hosting service over the one host session of this process and the given discovery. */
export function createLanHosting({ discovery, displayName, log }: LanHostingDependencies): LanHosting {
  const name = cleanName(displayName ?? `Baton on ${os.hostname()}`) || 'Baton';
  return {
    async start(lan) {
      const started = await startHostSession({ lan, ...(log ? { log } : {}) });
      if (!started.ok) return started;
      const session = started.value;
      // Only a session the LAN can reach is worth announcing to it.
      if (lan) discovery.advertise({ name, port: session.port });
      else await discovery.stopAdvertising();
      return ok({ url: session.url, token: session.token, addresses: [...session.addresses] });
    },
    async stop() {
      const stopped = await stopHostSession();
      await discovery.stopAdvertising();
      return stopped;
    },
    listHosts: () => discovery.listHosts(),
    active: () => currentHostSession() !== null || discovery.active(),
    async shutdown() {
      await Promise.all([stopHostSession(), discovery.close()]);
    },
  };
}

/** What the handlers need from Electron and the host, injected so they run under Node in tests. */
export interface IpcHandlerDependencies {
  readonly app: AppIdentity;
  readonly dialogs: PlanFileDialogs;
  readonly hosting: LanHosting;
}

/** The handler map for createIpcRouter. */
export function createIpcHandlers({ app, dialogs, hosting }: IpcHandlerDependencies): IpcHandlers {
  return {
    'app:info': async () => ({ ok: true, value: { version: app.version, platform: app.platform, electron: true } }),
    'file:save-plan': (request) => savePlanWithDialog(dialogs, request),
    'file:open-plan': () => openPlanWithDialog(dialogs),
    'sync:host-start': (request) => hosting.start(request.lan),
    'sync:host-stop': async () => ok({ stopped: await hosting.stop() }),
    'sync:lan-hosts': async () => ok({ hosts: hosting.listHosts() }),
  };
}
