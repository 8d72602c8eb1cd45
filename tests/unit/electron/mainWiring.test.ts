/**
 * Loads the real electron/main/main.ts against a fake `electron` module (the binary is not
 * needed) and checks that it wires the tested policies into Electron's hooks.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, WINDOW_WEB_PREFERENCES } from '../../../electron/host/windowPolicy';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/contentSecurityPolicy';
import { IPC_CHANNELS } from '../../../shared/ipc';
import { currentHostSession } from '../../../electron/host/sync/hostSession';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    appListeners: new Map<string, Listener>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; loaded: string[] }[],
    menuTemplate: null as unknown,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    sandboxEnabled: false,
    openedExternally: [] as string[],
    saveDialogOptions: [] as unknown[],
    quitCalls: 0,
  };
  class BrowserWindow {
    readonly record = { options: {} as Record<string, unknown>, loaded: [] as string[] };
    constructor(options: Record<string, unknown>) {
      this.record.options = options;
      state.windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
  }
  const electron = {
    app: {
      enableSandbox: () => {
        state.sandboxEnabled = true;
      },
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getVersion: () => '9.8.7',
      getPath: () => '/home/me/Documents',
      isPackaged: true,
      quit: () => {
        state.quitCalls++;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          state.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          state.permissionCheck = handler;
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        state.openedExternally.push(url);
      },
    },
    dialog: {
      showSaveDialog: async (_window: unknown, options: unknown) => {
        state.saveDialogOptions.push(options);
        return { canceled: true, filePath: '' };
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => {
        state.menuTemplate = menu;
      },
    },
    BrowserWindow,
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const { state } = fake;

beforeAll(async () => {
  await import('../../../electron/main/main');
  // Let app.whenReady().then(...) run.
  await new Promise((resolve) => setTimeout(resolve, 0));
});

/** A stand-in webContents that records the listeners main attaches to it. */
function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on: (event: string, listener: Listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    },
  };
  state.appListeners.get('web-contents-created')!({}, contents);
  /** Fires a navigation-style event and says whether main cancelled it. */
  const fire = (event: string, url: string): boolean => {
    let prevented = false;
    listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { listeners, fire, open: (url: string) => openHandler!({ url }) };
}

describe('main.ts wiring', () => {
  it('registers app:// as a standard, secure scheme and sandboxes every renderer', () => {
    expect(state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(state.sandboxEnabled).toBe(true);
  });

  it('opens one window on the app entry page with the locked-down preferences and the bundled preload', () => {
    expect(state.windows).toHaveLength(1);
    const { options, loaded } = state.windows[0]!;
    expect(options.webPreferences).toEqual({ ...WINDOW_WEB_PREFERENCES, preload: expect.stringMatching(/preload\.cjs$/) });
    expect(path.isAbsolute((options.webPreferences as { preload: string }).preload)).toBe(true);
    expect(loaded).toEqual([APP_ENTRY_URL]);
  });

  it('serves app:// through the static-file host with the security headers', async () => {
    const serve = state.protocolHandlers.get('app')!;
    const answer = await serve(new Request('app://baton/definitely-missing.js'));
    expect(answer.status).toBe(404);
    expect(answer.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('registers every contract channel with ipcMain and routes through the sender check', async () => {
    expect([...state.ipcHandlers.keys()]).toEqual([...IPC_CHANNELS]);
    const info = state.ipcHandlers.get('app:info')!;
    await expect(info({ senderFrame: { url: 'app://baton/index.html' } }, {})).resolves.toEqual({
      ok: true,
      value: { version: '9.8.7', platform: process.platform, electron: true },
    });
    await expect(info({ senderFrame: { url: 'https://evil.example/' } }, {})).resolves.toMatchObject({ ok: false });
    await expect(info({ senderFrame: null }, {})).resolves.toEqual({
      ok: false,
      error: 'app:info: refused: the sender "" is not the Baton app',
    });
  });

  it('validates payloads before any dialog opens, and proposes a .baton name in Documents', async () => {
    const save = state.ipcHandlers.get('file:save-plan')!;
    const trusted = { senderFrame: { url: 'app://baton/index.html' } };
    await expect(save(trusted, { suggestedName: '../x', bytes: new Uint8Array() })).resolves.toMatchObject({ ok: false });
    expect(state.saveDialogOptions).toEqual([]);
    await expect(save(trusted, { suggestedName: 'Sprint', bytes: new Uint8Array([1]) })).resolves.toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(state.saveDialogOptions).toEqual([
      expect.objectContaining({ defaultPath: path.join('/home/me/Documents', 'Sprint.baton') }),
    ]);
  });

  it('cancels navigation and redirects away from the app, in any frame', () => {
    const contents = fakeWebContents();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.fire(event, 'https://evil.example/'), event).toBe(true);
      expect(contents.fire(event, 'file:///etc/passwd'), event).toBe(true);
      expect(contents.fire(event, 'app://baton/index.html#/board'), event).toBe(false);
    }
    let webviewPrevented = false;
    contents.listeners.get('will-attach-webview')!({ preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });

  it('denies every new window and sends only https links to the system browser', () => {
    const contents = fakeWebContents();
    state.openedExternally.length = 0;
    expect(contents.open('https://example.com/docs')).toEqual({ action: 'deny' });
    expect(contents.open('http://example.com/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///bin/sh')).toEqual({ action: 'deny' });
    expect(contents.open('app://baton/index.html')).toEqual({ action: 'deny' });
    expect(state.openedExternally).toEqual(['https://example.com/docs']);
  });

  it('denies permission requests and checks', () => {
    const answers: boolean[] = [];
    state.permissionRequest!({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: 'app://baton/index.html' });
    state.permissionRequest!({}, 'notifications', (granted: boolean) => answers.push(granted), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([false, false]);
    expect(state.permissionCheck!({}, 'clipboard-read', 'app://baton', {})).toBe(false);
  });

  it('sets an application menu without developer tools in the packaged app', () => {
    const roles = JSON.stringify(state.menuTemplate);
    expect(roles).toContain('"editMenu"');
    expect(roles).not.toContain('toggleDevTools');
  });

  it('hosts through sync:host-start for the app only, and stops the session before quitting', async () => {
    const trusted = { senderFrame: { url: 'app://baton/index.html' } };
    const start = state.ipcHandlers.get('sync:host-start')!;
    const stop = state.ipcHandlers.get('sync:host-stop')!;
    const willQuit = state.appListeners.get('will-quit')!;
    expect(willQuit).toBeTypeOf('function');

    // Nothing hosted: quitting goes ahead at once.
    let prevented = false;
    willQuit({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);

    await expect(start({ senderFrame: { url: 'https://evil.example/' } }, { lan: true })).resolves.toMatchObject({ ok: false });
    await expect(start(trusted, { lan: 'yes' })).resolves.toMatchObject({ ok: false });
    expect(currentHostSession()).toBeNull();

    const started = (await start(trusted, { lan: false })) as { ok: true; value: { url: string; token: string; addresses: string[] } };
    expect(started.ok).toBe(true);
    expect(started.value.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/sync$/);
    expect(started.value.addresses).toEqual(['127.0.0.1']);
    const session = currentHostSession()!;
    expect(session.token).toBe(started.value.token);
    // Asking again hands back the same session.
    await expect(start(trusted, { lan: false })).resolves.toEqual(started);
    await expect(stop(trusted, {})).resolves.toEqual({ ok: true, value: { stopped: true } });
    await expect(stop(trusted, {})).resolves.toEqual({ ok: true, value: { stopped: false } });

    await start(trusted, { lan: false });
    const running = currentHostSession()!;
    const quitsBefore = state.quitCalls;
    willQuit({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    for (let i = 0; i < 200 && state.quitCalls === quitsBefore; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.quitCalls).toBe(quitsBefore + 1);
    expect(currentHostSession()).toBeNull();
    expect(running.server.listening).toBe(false);
    // The second round of will-quit (from that app.quit()) is let through.
    let preventedAgain = false;
    willQuit({ preventDefault: () => (preventedAgain = true) });
    expect(preventedAgain).toBe(false);
  });
});
