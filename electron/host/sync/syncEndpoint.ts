/**
 * What the CLI says about the sync endpoint before any server exists: its path and how a
 * Redis URL is printed. Kept apart from syncServer.ts so that `baton export` and the other
 * file commands never load Hocuspocus, ws and ioredis, a good part of every start-up.
 */

/** The path of the sync endpoint on the web-mode server. */
export const SYNC_PATH = '/sync';

/** A Redis URL without its password, fit to print. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
