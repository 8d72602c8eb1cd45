import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  WINDOW_WEB_PREFERENCES,
  decideWindowOpen,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedIpcSender,
} from '../../../electron/host/windowPolicy';

const FOREIGN_URLS = [
  'https://evil.example/',
  'http://baton/',
  'file:///etc/passwd',
  'about:blank',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'app://baton.evil.example/index.html',
  'app://evil.example/index.html',
  'app://baton@evil.example/',
  'app://evil@baton/',
  'app://baton:8080/',
  'APP-x://baton/',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  '',
  'not a url',
];

describe('WINDOW_WEB_PREFERENCES', () => {
  it('isolates the page from Node and keeps web security on', () => {
    expect(WINDOW_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(WINDOW_WEB_PREFERENCES)).toBe(true);
  });

});

describe('isAllowedNavigation', () => {
  it('allows pages of our own app', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://baton/')).toBe(true);
    expect(isAllowedNavigation('app://baton/index.html#/matrix')).toBe(true);
    expect(isAllowedNavigation('app://baton/assets/index-abc.js?v=1')).toBe(true);
  });

  it.each(FOREIGN_URLS)('refuses %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isTrustedIpcSender', () => {
  it('trusts only the app origin', () => {
    expect(isTrustedIpcSender('app://baton/index.html')).toBe(true);
    for (const url of FOREIGN_URLS) expect(isTrustedIpcSender(url), url).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it('never opens a window, and hands https links to the system browser', () => {
    expect(decideWindowOpen('https://github.com/baton/baton')).toEqual({
      action: 'deny',
      openExternally: 'https://github.com/baton/baton',
    });
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'app://baton/index.html',
    'smb://server/share',
    'ms-settings:privacy',
    'https://user:secret@example.com/',
    'not a url',
    '',
  ])('denies %j without opening anything', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });

  it('passes on the parsed URL, not the raw string', () => {
    expect(decideWindowOpen('HTTPS://Example.COM/a b')).toEqual({ action: 'deny', openExternally: 'https://example.com/a%20b' });
  });
});

describe('isPermissionAllowed', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fileSystem', 'fullscreen'])(
    'denies %s even to our own app',
    (permission) => {
      expect(isPermissionAllowed(permission, 'app://baton/index.html')).toBe(false);
      expect(isPermissionAllowed(permission, 'https://evil.example/')).toBe(false);
    },
  );
});
