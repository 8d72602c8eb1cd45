/**
 * Who may talk to the sync endpoint: peers that hold the token, from pages that are not
 * someone else's (cross-site WebSocket hijacking) and not reached through a hostile DNS name
 * that points at this machine (DNS rebinding).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../networkAddress';
import { APP_HOST, APP_SCHEME } from '../windowPolicy';

/** A fresh random token: 192 bits, URL- and shell-safe. */
export function generateSyncToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Compares a presented token with the server's in constant time. Both are hashed first, so
 * the comparison runs on equal lengths and says nothing about the token's length either.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The origin of Baton's desktop renderer, which may connect to any Baton server. */
export const DESKTOP_APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The headers of a WebSocket upgrade that matter here. */
export interface UpgradeHeaders {
  readonly host?: string | undefined;
  readonly origin?: string | undefined;
}

/**
 * Whether a WebSocket upgrade may proceed, or why not. `boundAddress` is the address the
 * server listens on. On loopback the Host header must name this machine too (a rebound DNS
 * name would not). A browser's Origin must be the page this server serves (same host and
 * port) or the desktop app; clients without an Origin (Node, the CLI) are not browsers and
 * are left to the token.
 */
export function checkUpgradeOrigin(headers: UpgradeHeaders, boundAddress: string): { ok: true } | { ok: false; reason: string } {
  const host = headers.host?.trim().toLowerCase();
  if (isLoopbackHost(boundAddress)) {
    if (!host) return { ok: false, reason: 'no Host header' };
    if (!isLoopbackHost(hostnameOf(host))) return { ok: false, reason: `Host ${host} is not this machine` };
  }
  const origin = headers.origin?.trim();
  if (origin === undefined || origin === '') return { ok: true };
  if (origin === DESKTOP_APP_ORIGIN) return { ok: true };
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return { ok: false, reason: `Origin ${origin.slice(0, 100)} is not a URL` };
  }
  const sameHost = (parsed.protocol === 'http:' || parsed.protocol === 'https:') && host !== undefined && parsed.host === normalizedHost(host);
  return sameHost ? { ok: true } : { ok: false, reason: `Origin ${parsed.origin} is not this server` };
}

/** The Host header as URL.host writes it (default port dropped, lower case), or null if unparsable. */
function normalizedHost(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).host;
  } catch {
    return null;
  }
}

/** `localhost:4317` -> `localhost`, `[::1]:4317` -> `::1`. */
function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) {
    const end = hostHeader.indexOf(']');
    return end === -1 ? hostHeader : hostHeader.slice(1, end);
  }
  const colon = hostHeader.lastIndexOf(':');
  return colon === -1 ? hostHeader : hostHeader.slice(0, colon);
}
