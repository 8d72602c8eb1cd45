import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  IPC_BRIDGE_METHODS,
  IPC_CHANNELS,
  IPC_CONTRACT,
  createBatonBridge,
  type BatonBridge,
  type IpcChannel,
  type IpcResult,
} from '../../../shared/ipc';

function recordingInvoke() {
  const sent: [IpcChannel, unknown][] = [];
  const bridge = createBatonBridge(async (channel, request) => {
    sent.push([channel, request]);
    return { ok: true, value: channel };
  });
  return { bridge, sent };
}

describe('the contract', () => {
  it('has schemas for exactly the channels of the channel list', () => {
    expect(Object.keys(IPC_CONTRACT).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('gives every channel its own bridge method name', () => {
    const names = IPC_CHANNELS.map((c) => IPC_BRIDGE_METHODS[c]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('createBatonBridge', () => {
  it('has one function per channel and nothing else', () => {
    const { bridge } = recordingInvoke();
    expect(Object.keys(bridge).sort()).toEqual(['getAppInfo', 'listLanHosts', 'openPlanFile', 'savePlanFile', 'startHosting', 'stopHosting']);
    for (const fn of Object.values(bridge)) expect(typeof fn).toBe('function');
  });

  it('cannot be changed by the page', () => {
    const { bridge } = recordingInvoke();
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends each call on its own channel with the request as given', async () => {
    const { bridge, sent } = recordingInvoke();
    const bytes = new Uint8Array([1]);
    await expect(bridge.savePlanFile({ suggestedName: 'p', bytes })).resolves.toEqual({ ok: true, value: 'file:save-plan' });
    await bridge.getAppInfo({});
    await bridge.openPlanFile();
    await bridge.startHosting({ lan: true });
    await bridge.stopHosting();
    await bridge.listLanHosts();
    expect(sent).toEqual([
      ['file:save-plan', { suggestedName: 'p', bytes }],
      ['app:info', {}],
      ['file:open-plan', {}],
      ['sync:host-start', { lan: true }],
      ['sync:host-stop', {}],
      ['sync:lan-hosts', {}],
    ]);
  });

  it('is typed from the contract', () => {
    expectTypeOf<BatonBridge['getAppInfo']>().returns.resolves.toEqualTypeOf<
      IpcResult<{ version: string; platform: string; electron: true }>
    >();
    expectTypeOf<BatonBridge['savePlanFile']>().parameter(0).toEqualTypeOf<{ suggestedName: string; bytes: Uint8Array }>();
    expectTypeOf<BatonBridge['startHosting']>().parameter(0).toEqualTypeOf<{ lan: boolean }>();
    expectTypeOf<BatonBridge['startHosting']>().returns.resolves.toEqualTypeOf<IpcResult<{ url: string; token: string; addresses: string[] }>>();
    expectTypeOf<BatonBridge['listLanHosts']>().returns.resolves.toEqualTypeOf<IpcResult<{ hosts: { name: string; url: string }[] }>>();
    // @ts-expect-error a save needs its request
    createBatonBridge(async () => null).savePlanFile();
    // @ts-expect-error hosting needs to know whether the LAN may reach it
    createBatonBridge(async () => null).startHosting();
  });
});
