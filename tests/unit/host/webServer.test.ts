import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/contentSecurityPolicy';
import { createStaticHandler, startWebServer, type WebServer } from '../../../electron/host/webServer';
import { isPortOpen, rawRequest } from './httpProbe';
import { APP_CSS, APP_JS, INDEX_HTML, createTempRenderer, type TempRenderer } from './tempRenderer';

let renderer: TempRenderer;
let web: WebServer;

beforeAll(async () => {
  renderer = await createTempRenderer();
  const started = await startWebServer({ root: renderer.root });
  if (!started.ok) throw new Error(started.error.message);
  web = started.value;
});

afterAll(async () => {
  await web.close();
  await renderer.remove();
});

describe('startWebServer', () => {
  it('binds to 127.0.0.1 on a free port by default and reports its address', () => {
    const address = web.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).toBe(web.port);
    expect(web.port).toBeGreaterThan(0);
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/`);
  });

  it('serves index.html at / with the security headers', async () => {
    const response = await fetch(web.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('serves assets with their content type', async () => {
    const script = await fetch(new URL('assets/app.js', web.url));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(APP_JS);
    const style = await fetch(new URL('assets/app.css?v=2', web.url));
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await style.text()).toBe(APP_CSS);
  });

  it('answers app routes (no file extension) with index.html so client routing survives a reload', async () => {
    for (const route of ['/plans/abc', '/matrix', '/plans/abc/board?persona=dev']) {
      const response = await rawRequest(web.port, route);
      expect(response.status, route).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toBe(INDEX_HTML);
    }
  });

  it('answers 404, with the security headers, for a missing asset', async () => {
    const response = await rawRequest(web.port, '/assets/missing.js');
    expect(response.status).toBe(404);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.body).not.toContain('<div id="root">');
  });

  it('refuses every attempt to leave the root with 404', async () => {
    const attempts = [
      '/../secret.txt',
      '/..',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e/',
      '/index.html%00.js',
      '/%00',
      '/%E0%A4%A', // malformed percent-encoding
      'http://127.0.0.1/../secret.txt', // absolute-form target
    ];
    for (const target of attempts) {
      const response = await rawRequest(web.port, target);
      expect(response.status, target).toBe(404);
      expect(response.body, target).not.toContain(renderer.secretText);
      expect(response.headers['content-security-policy'], target).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers methods other than GET and HEAD with 405 and an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await rawRequest(web.port, '/', method);
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await rawRequest(web.port, '/assets/app.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.body).toBe('');
  });

  it('reports a port in use as a result naming the port, without throwing', async () => {
    const second = await startWebServer({ root: renderer.root, port: web.port });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.kind).toBe('port-in-use');
    expect(second.error.message).toContain(String(web.port));
    expect(second.error.message).toMatch(/already in use/);
    // The first server is untouched.
    expect((await fetch(web.url)).status).toBe(200);
  });

  it('reports an address that is not on this machine as a result', async () => {
    // 192.0.2.0/24 is TEST-NET-1: reserved for documentation, never assigned to a host.
    const started = await startWebServer({ root: renderer.root, host: '192.0.2.1' });
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.error.kind).toBe('address-unavailable');
    expect(started.error.message).toContain('192.0.2.1');
  });

  it('reports an out-of-range port as a result', async () => {
    const started = await startWebServer({ root: renderer.root, port: 70000 });
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.error.message).toContain('70000');
  });
});

describe('WebServer.close', () => {
  let extra: WebServer | undefined;
  afterEach(async () => {
    await extra?.close();
    extra = undefined;
  });

  it('frees the port even while a client holds a half-sent request open, and is safe to repeat', async () => {
    const started = await startWebServer({ root: renderer.root });
    if (!started.ok) throw new Error(started.error.message);
    extra = started.value;
    const lingering = net.connect({ host: '127.0.0.1', port: extra.port });
    await new Promise<void>((resolve) => lingering.once('connect', () => resolve()));
    lingering.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // never finished, like a stalled WebSocket peer
    lingering.on('error', () => {});

    const closedWithin = await Promise.race([
      extra.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 3000)),
    ]);
    expect(closedWithin).toBe('closed');
    expect(await isPortOpen(extra.port)).toBe(false);
    await extra.close();
    lingering.destroy();
  });
});

describe('createStaticHandler', () => {
  it('is a plain request listener, so another server (with a sync endpoint) can reuse it', async () => {
    const server = http.createServer(createStaticHandler(renderer.root));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await rawRequest(port, '/assets/app.js');
      expect(response.status).toBe(200);
      expect(response.body).toBe(APP_JS);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 404 for / when the root has no index.html', async () => {
    const server = http.createServer(createStaticHandler(`${renderer.root}/assets`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      expect((await rawRequest(port, '/')).status).toBe(404);
      expect((await rawRequest(port, '/some/route')).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
