/**
 * Answers requests for `app://baton/...` from the built renderer on disk. Pure Node (no
 * Response object) so it is tested without Electron; main.ts wraps the answer in a Response.
 */
import { SECURITY_HEADERS } from './contentSecurityPolicy';
import { readStaticFile } from './staticFiles';
import { APP_HOST, APP_SCHEME } from './windowPolicy';

/** What to send back for one request. */
export interface AppProtocolResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
}

function plain(status: number, text: string): AppProtocolResponse {
  return {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: new TextEncoder().encode(text),
  };
}

/**
 * Serves a file of `rendererRoot` for a GET or HEAD of `app://baton/<path>`. Other hosts,
 * methods and paths outside the root get an error status, never a file.
 */
export async function answerAppRequest(rendererRoot: string, method: string, requestUrl: string): Promise<AppProtocolResponse> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return plain(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return plain(404, 'Not found');
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = await readStaticFile(rendererRoot, url.pathname);
  if (file === null) return plain(404, 'Not found');
  return {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType },
    body: method === 'HEAD' ? null : file.body,
  };
}
