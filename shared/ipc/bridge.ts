/**
 * Builds `window.baton` from the channel list. Pure, so it is tested under Node; the
 * preload only supplies `ipcRenderer.invoke`. It imports no zod: main validates every call.
 */
import { IPC_BRIDGE_METHODS, IPC_CHANNELS, type IpcChannel } from './channels';
import type { BatonBridge } from './contract';

/** Sends one request over IPC and resolves with main's answer (an IpcResult). */
export type IpcInvoke = (channel: IpcChannel, request: unknown) => Promise<unknown>;

// Plain frozen functions that close over `invoke` only: the page gets named calls, never ipcRenderer.
/** `window.baton`: one function per channel, each sending its request on that channel. */
export function createBatonBridge(invoke: IpcInvoke): BatonBridge {
  const bridge: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const channel of IPC_CHANNELS) {
    // Requests without fields may be omitted by the caller; main still sees an object.
    bridge[IPC_BRIDGE_METHODS[channel]] = (request?: unknown) => invoke(channel, request === undefined ? {} : request);
  }
  return Object.freeze(bridge) as unknown as BatonBridge;
}
