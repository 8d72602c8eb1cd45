import { isIP } from 'node:net';

/** Web mode binds to this machine only unless the user asks for the network. */
export const DEFAULT_WEB_HOST = '127.0.0.1';

/**
 * True when `host` only accepts connections from this machine. Anything else (a LAN
 * address, 0.0.0.0, ::) makes the served plan app reachable from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = stripBrackets(host).toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (bare === '::1') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  // An IPv4-mapped IPv6 loopback (::ffff:127.0.0.1) is still loopback.
  if (bare.startsWith('::ffff:')) return isLoopbackHost(bare.slice('::ffff:'.length));
  return false;
}

/** True for the addresses that mean "every interface". */
export function isWildcardHost(host: string): boolean {
  const bare = stripBrackets(host);
  return bare === '0.0.0.0' || bare === '::' || bare === '';
}

/**
 * The address a person can type into a browser for a server bound to `host:port`. A
 * wildcard bind is reachable locally through 127.0.0.1, which a browser accepts while
 * `0.0.0.0` is not a destination.
 */
export function httpUrlFor(host: string, port: number): string {
  const reachable = isWildcardHost(host) ? '127.0.0.1' : stripBrackets(host);
  const hostPart = isIP(reachable) === 6 ? `[${reachable}]` : reachable;
  return `http://${hostPart}:${port}/`;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
