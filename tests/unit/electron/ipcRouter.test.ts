import { describe, expect, it } from 'vitest';
import { createIpcRouter, type IpcHandlers } from '../../../electron/host/ipcRouter';
import { isTrustedIpcSender } from '../../../electron/host/windowPolicy';
import { MAX_PLAN_FILE_BYTES, MAX_SUGGESTED_NAME_LENGTH, IPC_CHANNELS } from '../../../shared/ipc';

const APP = 'app://baton/index.html';
const TOKEN = 'tok_0123456789abcdefghijklmnop';

/** Handlers that record every call, so a test can prove a refused message never reached one. */
function recordingHandlers(overrides: Partial<IpcHandlers> = {}) {
  const calls: { channel: string; request: unknown }[] = [];
  const handlers: IpcHandlers = {
    'app:info': async (request) => {
      calls.push({ channel: 'app:info', request });
      return { ok: true, value: { version: '1.2.3', platform: 'linux', electron: true } };
    },
    'file:save-plan': async (request) => {
      calls.push({ channel: 'file:save-plan', request });
      return { ok: true, value: { saved: true, path: `/home/me/${request.suggestedName}.baton` } };
    },
    'file:open-plan': async (request) => {
      calls.push({ channel: 'file:open-plan', request });
      return { ok: true, value: { opened: true, name: 'plan.baton', bytes: new Uint8Array([1, 2, 3]) } };
    },
    'sync:host-start': async (request) => {
      calls.push({ channel: 'sync:host-start', request });
      return { ok: true, value: { url: 'ws://192.168.1.20:4317/sync', token: TOKEN, addresses: request.lan ? ['192.168.1.20'] : ['127.0.0.1'] } };
    },
    'sync:host-stop': async (request) => {
      calls.push({ channel: 'sync:host-stop', request });
      return { ok: true, value: { stopped: true } };
    },
    'sync:lan-hosts': async (request) => {
      calls.push({ channel: 'sync:lan-hosts', request });
      return { ok: true, value: { hosts: [{ name: 'Baton on bob-laptop', url: 'ws://192.168.1.21:40123/sync' }] } };
    },
    ...overrides,
  };
  return { calls, router: createIpcRouter(handlers, isTrustedIpcSender) };
}

describe('ipcRouter: valid calls', () => {
  it('answers app:info', async () => {
    const { router, calls } = recordingHandlers();
    await expect(router.handle('app:info', APP, {})).resolves.toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', electron: true },
    });
    expect(calls).toEqual([{ channel: 'app:info', request: {} }]);
  });

  it('passes the validated save request through, bytes and all', async () => {
    const { router, calls } = recordingHandlers();
    const bytes = new Uint8Array([9, 8, 7]);
    const result = await router.handle('file:save-plan', APP, { suggestedName: 'Sprint 12', bytes });
    expect(result).toEqual({ ok: true, value: { saved: true, path: '/home/me/Sprint 12.baton' } });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request).toEqual({ suggestedName: 'Sprint 12', bytes });
  });

  it('accepts a Node Buffer as bytes (what structured clone may deliver) and a name at the length limit', async () => {
    const { router, calls } = recordingHandlers();
    const name = 'n'.repeat(MAX_SUGGESTED_NAME_LENGTH);
    const result = await router.handle('file:save-plan', APP, { suggestedName: name, bytes: Buffer.from('plan') });
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('answers file:open-plan with the bytes the handler read', async () => {
    const { router } = recordingHandlers();
    const result = await router.handle('file:open-plan', APP, {});
    expect(result).toEqual({ ok: true, value: { opened: true, name: 'plan.baton', bytes: new Uint8Array([1, 2, 3]) } });
  });

  it('has a handler for every channel of the contract', async () => {
    const { router, calls } = recordingHandlers();
    const requests: Record<string, unknown> = { 'file:save-plan': { suggestedName: 'x', bytes: new Uint8Array() }, 'sync:host-start': { lan: false } };
    for (const channel of IPC_CHANNELS) expect((await router.handle(channel, APP, requests[channel] ?? {})).ok, channel).toBe(true);
    expect(calls.map((c) => c.channel)).toEqual([...IPC_CHANNELS]);
  });
});

describe('ipcRouter: refusals', () => {
  const validSave = { suggestedName: 'plan', bytes: new Uint8Array([1]) };
  const oversize = new Uint8Array(MAX_PLAN_FILE_BYTES + 1);

  // [what is wrong, channel, payload, the field the error must name, what the error must say]
  const garbage: [string, string, unknown, string, RegExp][] = [
    ['a number as name', 'file:save-plan', { ...validSave, suggestedName: 42 }, 'suggestedName', /expected a string, got number 42/],
    ['no name', 'file:save-plan', { bytes: new Uint8Array([1]) }, 'suggestedName', /missing; expected a string/],
    ['an empty name', 'file:save-plan', { ...validSave, suggestedName: '' }, 'suggestedName', /non-empty/],
    ['a 201-character name', 'file:save-plan', { ...validSave, suggestedName: 'x'.repeat(MAX_SUGGESTED_NAME_LENGTH + 1) }, 'suggestedName', /at most 200 characters/],
    ['a relative path as name', 'file:save-plan', { ...validSave, suggestedName: '../../.bashrc' }, 'suggestedName', /path separators/],
    ['a Windows path as name', 'file:save-plan', { ...validSave, suggestedName: 'C:\\Windows\\evil' }, 'suggestedName', /path separators/],
    ['an absolute path as name', 'file:save-plan', { ...validSave, suggestedName: '/etc/passwd' }, 'suggestedName', /path separators/],
    ['".." as name', 'file:save-plan', { ...validSave, suggestedName: '..' }, 'suggestedName', /not "\." or "\.\."/],
    ['a NUL in the name', 'file:save-plan', { ...validSave, suggestedName: 'plan\u0000.exe' }, 'suggestedName', /control characters/],
    ['a string as bytes', 'file:save-plan', { ...validSave, bytes: 'AAAA' }, 'bytes', /expected bytes/],
    ['an array as bytes', 'file:save-plan', { ...validSave, bytes: [1, 2, 3] }, 'bytes', /expected bytes/],
    ['an ArrayBuffer as bytes', 'file:save-plan', { ...validSave, bytes: new ArrayBuffer(4) }, 'bytes', /expected bytes/],
    ['an array-like object as bytes', 'file:save-plan', { ...validSave, bytes: { 0: 1, length: 1 } }, 'bytes', /expected bytes/],
    ['64 MiB + 1 byte', 'file:save-plan', { ...validSave, bytes: oversize }, 'bytes', /at most 67108864 bytes/],
    ['an extra path field', 'file:save-plan', { ...validSave, path: '/etc/passwd' }, 'request', /unknown field "path"/],
    ['null', 'file:save-plan', null, 'request', /expected an object, got null/],
    ['a string', 'file:save-plan', 'save everything', 'request', /expected an object/],
    ['an array', 'file:save-plan', [validSave], 'request', /expected an object/],
    ['nothing', 'file:save-plan', undefined, 'request', /expected an object/],
    ['an extra field', 'app:info', { extra: true }, 'request', /unknown field "extra"/],
    ['a number', 'app:info', 7, 'request', /expected an object/],
    ['a path to open', 'file:open-plan', { path: '/etc/shadow' }, 'request', /unknown field "path"/],
    ['null', 'file:open-plan', null, 'request', /expected an object/],
    ['no lan flag', 'sync:host-start', {}, 'lan', /missing; expected true or false/],
    ['a string as lan flag', 'sync:host-start', { lan: 'yes' }, 'lan', /expected true or false, got the string "yes"/],
    ['a number as lan flag', 'sync:host-start', { lan: 1 }, 'lan', /expected true or false, got number 1/],
    ['a port of its choosing', 'sync:host-start', { lan: true, port: 80 }, 'request', /unknown field "port"/],
    ['a bind address of its choosing', 'sync:host-start', { lan: false, host: '0.0.0.0' }, 'request', /unknown field "host"/],
    ['null', 'sync:host-start', null, 'request', /expected an object, got null/],
    ['a bare boolean', 'sync:host-start', true, 'request', /expected an object/],
    ['an extra field', 'sync:host-stop', { force: true }, 'request', /unknown field "force"/],
    ['a string', 'sync:host-stop', 'stop', 'request', /expected an object/],
    ['a filter', 'sync:lan-hosts', { type: '_ssh._tcp' }, 'request', /unknown field "type"/],
    ['an array', 'sync:lan-hosts', [], 'request', /expected an object/],
  ];

  it.each(garbage)('refuses %s on %s, naming the field', async (_what, channel, payload, field, message) => {
    const { router, calls } = recordingHandlers();
    const result = await router.handle(channel, APP, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.startsWith(`${channel}: ${field}: `), result.error).toBe(true);
    expect(result.error).toMatch(message);
    expect(calls).toEqual([]);
  });

  it('reports every bad field, not just the first', async () => {
    const { router } = recordingHandlers();
    const result = await router.handle('file:save-plan', APP, { suggestedName: 1, bytes: 2 });
    expect(result).toEqual({
      ok: false,
      error: 'file:save-plan: suggestedName: expected a string, got number 1; bytes: expected bytes (a Uint8Array)',
    });
  });

  it.each([
    'https://evil.example/',
    'file:///home/me/index.html',
    'about:blank',
    'http://localhost:5173/',
    'app://evil/index.html',
    'data:text/html,x',
    '',
  ])('refuses the sender %j before looking at the payload', async (sender) => {
    const { router, calls } = recordingHandlers();
    const result = await router.handle('file:save-plan', sender, validSave);
    expect(result).toEqual({
      ok: false,
      error: `file:save-plan: refused: the sender ${JSON.stringify(sender)} is not the Baton app`,
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ['sync:host-start', { lan: true }],
    ['sync:host-stop', {}],
    ['sync:lan-hosts', {}],
  ])('refuses %s from an untrusted sender before any handler runs', async (channel, payload) => {
    for (const sender of ['https://evil.example/', 'http://192.168.1.20:4317/', 'file:///tmp/x.html', '']) {
      const { router, calls } = recordingHandlers();
      await expect(router.handle(channel, sender, payload)).resolves.toEqual({
        ok: false,
        error: `${channel}: refused: the sender ${JSON.stringify(sender)} is not the Baton app`,
      });
      expect(calls).toEqual([]);
    }
  });

  it.each(['file:delete-everything', '__proto__', 'constructor', 'toString', ''])('refuses the unknown channel %j', async (channel) => {
    const { router, calls } = recordingHandlers();
    await expect(router.handle(channel, APP, {})).resolves.toEqual({ ok: false, error: `unknown IPC channel ${JSON.stringify(channel)}` });
    expect(calls).toEqual([]);
  });

  it('bounds a long sender URL in the error', async () => {
    const { router } = recordingHandlers();
    const result = await router.handle('app:info', `https://evil.example/${'a'.repeat(5000)}`, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(200);
  });
});

describe('ipcRouter: hosting channels', () => {
  it('passes the lan flag through and answers address, token and addresses', async () => {
    const { router, calls } = recordingHandlers();
    await expect(router.handle('sync:host-start', APP, { lan: true })).resolves.toEqual({
      ok: true,
      value: { url: 'ws://192.168.1.20:4317/sync', token: TOKEN, addresses: ['192.168.1.20'] },
    });
    await expect(router.handle('sync:host-stop', APP, {})).resolves.toEqual({ ok: true, value: { stopped: true } });
    await expect(router.handle('sync:lan-hosts', APP, {})).resolves.toEqual({
      ok: true,
      value: { hosts: [{ name: 'Baton on bob-laptop', url: 'ws://192.168.1.21:40123/sync' }] },
    });
    expect(calls).toEqual([
      { channel: 'sync:host-start', request: { lan: true } },
      { channel: 'sync:host-stop', request: {} },
      { channel: 'sync:lan-hosts', request: {} },
    ]);
  });

  it.each([
    ['a javascript: address', { name: 'x', url: 'javascript:alert(1)' }, /hosts\[0\]\.url: /],
    ['an http address', { name: 'x', url: 'http://192.168.1.21:4317/sync' }, /hosts\[0\]\.url: /],
    ['an address with credentials', { name: 'x', url: 'ws://me:pw@192.168.1.21:4317/sync' }, /hosts\[0\]\.url: /],
    ['an address with a space', { name: 'x', url: 'ws://192.168.1.21:4317/sync now' }, /hosts\[0\]\.url: /],
    ['an empty name', { name: '', url: 'ws://192.168.1.21:4317/sync' }, /hosts\[0\]\.name: /],
    ['a 65-character name', { name: 'n'.repeat(65), url: 'ws://192.168.1.21:4317/sync' }, /hosts\[0\]\.name: /],
    ['an extra field', { name: 'x', url: 'ws://192.168.1.21:4317/sync', token: 'leak' }, /unknown field "token"/],
  ])('refuses a discovered host with %s rather than pass it to the page', async (_what, host, message) => {
    const { router } = recordingHandlers({ 'sync:lan-hosts': async () => ({ ok: true, value: { hosts: [host as never] } }) });
    const result = await router.handle('sync:lan-hosts', APP, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^sync:lan-hosts: internal error: bad response: /);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('refuses more than 50 hosts, and a host answer without a token or with a short one', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `h${i}`, url: `ws://10.0.0.${i}:4317/sync` }));
    const { router } = recordingHandlers({
      'sync:lan-hosts': async () => ({ ok: true, value: { hosts: many } }),
      'sync:host-start': async () => ({ ok: true, value: { url: 'ws://127.0.0.1:1/sync', token: 'short', addresses: [] } }),
    });
    expect((await router.handle('sync:lan-hosts', APP, {})).ok).toBe(false);
    const start = await router.handle('sync:host-start', APP, { lan: false });
    expect(start.ok).toBe(false);
    if (!start.ok) expect(start.error).toMatch(/^sync:host-start: internal error: bad response: token: /);
  });

  it('passes a hosting failure through with the channel in front', async () => {
    const { router } = recordingHandlers({ 'sync:host-start': async () => ({ ok: false, error: 'Port 4317 on 0.0.0.0 is already in use.' }) });
    await expect(router.handle('sync:host-start', APP, { lan: true })).resolves.toEqual({
      ok: false,
      error: 'sync:host-start: Port 4317 on 0.0.0.0 is already in use.',
    });
  });
});

describe('ipcRouter: handler outcomes', () => {
  it('prefixes a handler failure with the channel', async () => {
    const { router } = recordingHandlers({ 'file:open-plan': async () => ({ ok: false, error: 'plan.baton is larger than 64 MiB' }) });
    await expect(router.handle('file:open-plan', APP, {})).resolves.toEqual({
      ok: false,
      error: 'file:open-plan: plan.baton is larger than 64 MiB',
    });
  });

  it('turns a throwing handler into a failed result', async () => {
    const { router } = recordingHandlers({
      'app:info': async () => {
        throw new Error('disk on fire');
      },
    });
    await expect(router.handle('app:info', APP, {})).resolves.toEqual({ ok: false, error: 'app:info: failed: disk on fire' });
  });

  it('refuses a handler answer that breaks the response schema', async () => {
    const { router } = recordingHandlers({
      // A handler bug: the cast stands in for code that lost track of the contract.
      'app:info': async () => ({ ok: true, value: { version: '1', platform: 'linux', electron: false } as never }),
      'file:save-plan': async () => ({ ok: true, value: { saved: true } as never }),
    });
    const info = await router.handle('app:info', APP, {});
    expect(info.ok).toBe(false);
    if (!info.ok) expect(info.error).toMatch(/^app:info: internal error: bad response: electron: /);
    const save = await router.handle('file:save-plan', APP, { suggestedName: 'p', bytes: new Uint8Array() });
    expect(save.ok).toBe(false);
    if (!save.ok) expect(save.error).toMatch(/^file:save-plan: internal error: bad response: path: /);
  });

  it('refuses an oversize answer from file:open-plan', async () => {
    const { router } = recordingHandlers({
      'file:open-plan': async () => ({ ok: true, value: { opened: true, name: 'big.baton', bytes: new Uint8Array(MAX_PLAN_FILE_BYTES + 1) } }),
    });
    const result = await router.handle('file:open-plan', APP, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/bytes: expected at most/);
  });
});
