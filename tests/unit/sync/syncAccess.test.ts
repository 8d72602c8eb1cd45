import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpgradeOrigin, generateSyncToken, tokensMatch } from '../../../electron/host/sync/syncAccess';
import { checkSyncFrame } from '../../../electron/host/sync/syncFrames';

describe('sync tokens', () => {
  it('match only when equal, whatever their lengths', () => {
    expect(tokensMatch('secret', 'secret')).toBe(true);
    expect(tokensMatch('secreT', 'secret')).toBe(false);
    expect(tokensMatch('', 'secret')).toBe(false);
    expect(tokensMatch('secret-and-more', 'secret')).toBe(false);
    expect(tokensMatch('sécret', 'sécret')).toBe(true);
  });

  it('are generated fresh, 192 bits in 32 URL-safe characters', () => {
    const tokens = new Set(Array.from({ length: 50 }, generateSyncToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('checkUpgradeOrigin', () => {
  const allowed = (headers: { host?: string; origin?: string }, bound: string) => checkUpgradeOrigin(headers, bound).ok;

  it('on loopback, wants a loopback Host (against DNS rebinding)', () => {
    for (const bound of ['127.0.0.1', '::1']) {
      expect(allowed({ host: '127.0.0.1:4317' }, bound)).toBe(true);
      expect(allowed({ host: 'localhost:4317' }, bound)).toBe(true);
      expect(allowed({ host: '[::1]:4317' }, bound)).toBe(true);
      expect(allowed({ host: 'evil.example:4317' }, bound)).toBe(false);
      expect(allowed({ host: '192.168.1.5:4317' }, bound)).toBe(false);
      expect(allowed({}, bound)).toBe(false);
    }
  });

  it('lets browsers in only from the page this server serves or the desktop app', () => {
    expect(allowed({ host: '127.0.0.1:4317', origin: 'http://127.0.0.1:4317' }, '127.0.0.1')).toBe(true);
    expect(allowed({ host: 'localhost:4317', origin: 'http://LOCALHOST:4317' }, '127.0.0.1')).toBe(true);
    expect(allowed({ host: '127.0.0.1:4317', origin: 'app://baton' }, '127.0.0.1')).toBe(true);
    expect(allowed({ host: '127.0.0.1:4317', origin: 'http://localhost:4317' }, '127.0.0.1')).toBe(false);
    expect(allowed({ host: '127.0.0.1:4317', origin: 'http://127.0.0.1:9999' }, '127.0.0.1')).toBe(false);
    expect(allowed({ host: '127.0.0.1:4317', origin: 'null' }, '127.0.0.1')).toBe(false);
    expect(allowed({ host: '127.0.0.1:4317', origin: 'file://' }, '127.0.0.1')).toBe(false);
    expect(allowed({ host: '127.0.0.1:4317', origin: 'app://other' }, '127.0.0.1')).toBe(false);
  });

  it('on the network, any Host, but still no other site', () => {
    expect(allowed({ host: 'team-server:4317' }, '0.0.0.0')).toBe(true);
    expect(allowed({ host: 'team-server:4317', origin: 'http://team-server:4317' }, '0.0.0.0')).toBe(true);
    expect(allowed({ host: 'baton.example', origin: 'https://baton.example' }, '::')).toBe(true);
    expect(allowed({ host: 'team-server:4317', origin: 'https://evil.example' }, '0.0.0.0')).toBe(false);
  });
});

describe('checkSyncFrame', () => {
  const frame = (name: string, type: number, body: (e: encoding.Encoder) => void = () => undefined) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, name);
    encoding.writeVarUint(encoder, type);
    body(encoder);
    return encoding.toUint8Array(encoder);
  };
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 1);

  it('forwards what a provider sends', () => {
    const valid = [
      frame('p', 2, (e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, 'token');
        encoding.writeVarString(e, '4.8.0');
      }),
      frame('p', 0, (e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
      }),
      frame('p', 0, (e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
      }),
      frame('p', 0, (e) => {
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
      }),
      frame('p', 1, (e) => {
        const update = encoding.createEncoder();
        encoding.writeVarUint(update, 1);
        encoding.writeVarUint(update, 42);
        encoding.writeVarUint(update, 3);
        encoding.writeVarString(update, JSON.stringify({ user: { name: 'Ada' } }));
        encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
      }),
      frame('p', 3),
      frame('p', 5, (e) => encoding.writeVarString(e, 'hello')),
      frame('p', 7),
    ];
    for (const bytes of valid) expect(checkSyncFrame(bytes)).toEqual({ kind: 'forward' });
    expect(checkSyncFrame(new Uint8Array([10]))).toEqual({ kind: 'drop' });
  });

  it('refuses what is not the protocol, naming why', () => {
    expect(checkSyncFrame(new Uint8Array())).toEqual({ kind: 'refuse', reason: 'empty message' });
    expect(checkSyncFrame(frame('', 0))).toEqual({ kind: 'refuse', reason: 'no document name' });
    expect(checkSyncFrame(frame('p', 99))).toEqual({ kind: 'refuse', reason: 'unknown message type 99' });
    expect(checkSyncFrame(frame('p', 0, (e) => encoding.writeVarUint(e, 2)))).toEqual({ kind: 'refuse', reason: 'truncated or malformed message' });
    const junkUpdate = frame('p', 0, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 200, 200, 200]));
    });
    expect(checkSyncFrame(junkUpdate)).toEqual({ kind: 'refuse', reason: 'malformed document update' });
  });
});
