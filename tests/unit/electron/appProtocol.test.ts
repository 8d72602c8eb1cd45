import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAppRequest } from '../../../electron/host/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/contentSecurityPolicy';

let root: string;
let outside: string;

beforeAll(async () => {
  outside = await fsp.mkdtemp(path.join(os.tmpdir(), 'baton-protocol-'));
  root = path.join(outside, 'renderer');
  await fsp.mkdir(path.join(root, 'assets'), { recursive: true });
  await fsp.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Baton</title>');
  await fsp.writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await fsp.writeFile(path.join(outside, 'secret.txt'), 'not for the renderer');
});

afterAll(async () => {
  await fsp.rm(outside, { recursive: true, force: true });
});

const text = (body: Uint8Array | null) => (body === null ? null : new TextDecoder().decode(body));

describe('answerAppRequest', () => {
  it('serves the entry page with the CSP and its content type', async () => {
    const answer = await answerAppRequest(root, 'GET', 'app://baton/index.html');
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(text(answer.body)).toContain('<title>Baton</title>');
  });

  it('serves index.html for the bare origin and assets by path, ignoring query and hash', async () => {
    expect(text((await answerAppRequest(root, 'GET', 'app://baton/')).body)).toContain('Baton');
    const js = await answerAppRequest(root, 'GET', 'app://baton/assets/app.js?v=2#x');
    expect(js.status).toBe(200);
    expect(js.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const answer = await answerAppRequest(root, 'HEAD', 'app://baton/index.html');
    expect(answer.status).toBe(200);
    expect(answer.body).toBeNull();
  });

  it.each([
    ['a missing file', 'app://baton/nope.js', 404],
    ['a climb out of the root', 'app://baton/%2e%2e/secret.txt', 404],
    ['an encoded slash climb', 'app://baton/..%2fsecret.txt', 404],
    ['a directory', 'app://baton/assets', 404],
    ['another host', 'app://evil/index.html', 404],
    ['another scheme', 'https://baton/index.html', 404],
    ['a malformed URL', 'not a url', 400],
  ])('refuses %s', async (_what, url, status) => {
    const answer = await answerAppRequest(root, 'GET', url);
    expect(answer.status).toBe(status);
    expect(text(answer.body)).not.toContain('not for the renderer');
    // Error pages carry the same headers, so even they cannot run script.
    expect(answer.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses methods that would change something', async () => {
    expect((await answerAppRequest(root, 'POST', 'app://baton/index.html')).status).toBe(405);
    expect((await answerAppRequest(root, 'PUT', 'app://baton/index.html')).status).toBe(405);
  });
});
