/**
 * What the app window may do, as pure data and functions so the policy is unit-tested
 * under Node; main.ts only wires these into Electron's events.
 */

/** The scheme our renderer is served from (see main.ts `protocol.handle`). */
export const APP_SCHEME = 'app';

/** The one host of that scheme; every page of ours lives under `app://baton/`. */
export const APP_HOST = 'baton';

/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The renderer's webPreferences (minus `preload`, whose path is only known at run time).
 * Each line turns off a way for page script to reach Node or the OS.
 */
export const WINDOW_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // Dropping a file on the window must not navigate away from the plan.
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const);

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is a page of our own app: scheme `app`, host `baton`, no credentials or
 * port. Everything else (https, file:, about:blank, data:, look-alike hosts) is foreign.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True when the window may navigate to `url`: only within our own app. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** True when an IPC message from a frame at `senderUrl` may reach main's handlers. */
export function isTrustedIpcSender(senderUrl: string): boolean {
  return isAppUrl(senderUrl);
}

/** What to do with a `window.open` or `target=_blank` link: never a new window; maybe the system browser. */
export interface WindowOpenDecision {
  readonly action: 'deny';
  /** The https URL to hand to the system browser, when the link is one. */
  readonly openExternally?: string;
}

/**
 * Denies every new window. An https link (without credentials in it) goes to the system
 * browser instead; other schemes (http, file:, javascript:, custom handlers) go nowhere,
 * because shell.openExternal would launch whatever program the OS maps them to.
 */
export function decideWindowOpen(url: string): WindowOpenDecision {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.protocol !== 'https:' || parsed.hostname === '') return { action: 'deny' };
  if (parsed.username !== '' || parsed.password !== '') return { action: 'deny' };
  return { action: 'deny', openExternally: parsed.href };
}

/**
 * Permissions the renderer may have (camera, notifications, clipboard reading, …): none.
 * The planner needs no device or OS feature, so every request and check is refused.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = Object.freeze([]);

/** True when the page at `requestingUrl` may use `permission`; only our app could, and it needs none. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return isAppUrl(requestingUrl) && ALLOWED_PERMISSIONS.includes(permission);
}
