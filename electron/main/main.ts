/**
 * Electron's main process: glue only. Every decision (what to serve, which URLs and senders
 * to trust, what IPC accepts) lives in electron/host and is unit-tested there.
 */
import path from 'node:path';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
  type WebContents,
  type WebPreferences,
} from 'electron';
import { IPC_CHANNELS, PLAN_FILE_EXTENSIONS } from '../../shared/ipc';
import { answerAppRequest } from '../host/appProtocol';
import type { PlanFileDialogs } from '../host/fileDialogHandlers';
import { createIpcHandlers, createLanHosting } from '../host/ipcHandlers';
import { createIpcRouter } from '../host/ipcRouter';
import { createLanDiscovery } from '../host/sync/lanDiscovery';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  WINDOW_WEB_PREFERENCES,
  decideWindowOpen,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedIpcSender,
} from '../host/windowPolicy';

// This file is bundled to dist/electron/main.cjs; the renderer is built into dist/renderer.
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');

// Must run before `ready`: a standard, secure scheme gets a real origin (app://baton), so
// IndexedDB, fetch and the CSP behave as they do on https. `corsEnabled` stays off: it would
// let other origins read app:// responses, and our own module scripts are same-origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
// Every renderer is sandboxed, including any a future change forgets to configure.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

// "Host on this computer": the sync session and LAN discovery; nothing listens until the user starts hosting.
const hosting = createLanHosting({ discovery: createLanDiscovery() });

/** How long quitting waits for the host session and discovery to stop (peers told, mDNS goodbye sent). */
const HOSTING_SHUTDOWN_TIMEOUT_MS = 3_000;

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await answerAppRequest(RENDERER_ROOT, request.method, request.url);
    const body = answer.body === null ? null : new Uint8Array(answer.body);
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}

function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}

/** Applied to every web contents, so a window or frame created later cannot escape the policy. */
function lockDown(contents: WebContents): void {
  const blockForeign = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-frame-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally !== undefined) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

const electronDialogs: PlanFileDialogs = {
  async chooseSavePath(defaultFileName) {
    const options: Electron.SaveDialogOptions = {
      title: 'Save plan',
      defaultPath: path.join(app.getPath('documents'), defaultFileName),
      filters: [{ name: 'Baton plan', extensions: ['baton'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  },
  async chooseOpenPath() {
    const options: Electron.OpenDialogOptions = {
      title: 'Open plan',
      filters: [{ name: 'Baton plan', extensions: [...PLAN_FILE_EXTENSIONS] }],
      properties: ['openFile'],
    };
    const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return choice.canceled ? null : (choice.filePaths[0] ?? null);
  },
};

function registerIpc(): void {
  const router = createIpcRouter(
    createIpcHandlers({ app: { version: app.getVersion(), platform: process.platform }, dialogs: electronDialogs, hosting }),
    isTrustedIpcSender,
  );
  for (const channel of IPC_CHANNELS) {
    // A destroyed frame has no URL; the router refuses the empty string like any stranger.
    ipcMain.handle(channel, (event, payload: unknown) => router.handle(channel, event.senderFrame?.url ?? '', payload));
  }
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    // The edit roles give the canvas and text fields the platform's copy/paste shortcuts.
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): BrowserWindow {
  const webPreferences: WebPreferences = { ...WINDOW_WEB_PREFERENCES, preload: PRELOAD_PATH };
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    title: 'Baton',
    show: false,
    webPreferences,
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

// One app instance: a second launch (e.g. double-clicking a .baton file) focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  // Quitting stops the host session first: Electron waits while we hold the quit, then we quit again.
  let hostingStopped = false;
  app.on('will-quit', (event) => {
    if (hostingStopped || !hosting.active()) return;
    hostingStopped = true;
    event.preventDefault();
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, HOSTING_SHUTDOWN_TIMEOUT_MS).unref());
    void Promise.race([hosting.shutdown().catch(() => undefined), timeout]).then(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (mainWindow === null) mainWindow = createWindow();
  });
  void app.whenReady().then(() => {
    serveRenderer();
    denyAllPermissions();
    registerIpc();
    Menu.setApplicationMenu(buildMenu());
    mainWindow = createWindow();
  });
}
