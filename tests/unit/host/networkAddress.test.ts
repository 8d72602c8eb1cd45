import { describe, expect, it } from 'vitest';
import { httpUrlFor, isLoopbackHost, isWildcardHost } from '../../../electron/host/networkAddress';

describe('isLoopbackHost', () => {
  it('accepts the names and addresses of this machine only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', 'app.localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('rejects wildcard, LAN and public addresses', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'fe80::1', 'example.com', '128.0.0.1', '::ffff:10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('httpUrlFor', () => {
  it('writes IPv6 addresses in brackets and wildcard binds as 127.0.0.1', () => {
    expect(httpUrlFor('127.0.0.1', 4317)).toBe('http://127.0.0.1:4317/');
    expect(httpUrlFor('::1', 80)).toBe('http://[::1]:80/');
    expect(httpUrlFor('0.0.0.0', 5000)).toBe('http://127.0.0.1:5000/');
    expect(httpUrlFor('::', 5000)).toBe('http://127.0.0.1:5000/');
    expect(httpUrlFor('localhost', 1)).toBe('http://localhost:1/');
    expect(isWildcardHost('0.0.0.0')).toBe(true);
    expect(isWildcardHost('127.0.0.1')).toBe(false);
  });
});
