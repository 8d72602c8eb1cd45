/**
 * The IPC channel names and the `window.baton` method each one becomes. Kept apart from
 * the zod schemas so the sandboxed preload can build the bridge without bundling zod.
 */
import type { Result } from '../model/result';

/** Each IPC channel, mapped to the name of the `window.baton` function that calls it. */
export const IPC_BRIDGE_METHODS = {
  'app:info': 'getAppInfo',
  'file:save-plan': 'savePlanFile',
  'file:open-plan': 'openPlanFile',
  'sync:host-start': 'startHosting',
  'sync:host-stop': 'stopHosting',
  'sync:lan-hosts': 'listLanHosts',
} as const;

/** The name of one IPC channel, e.g. `file:save-plan`. */
export type IpcChannel = keyof typeof IPC_BRIDGE_METHODS;

/** Every IPC channel, in a stable order, for registering handlers and building the bridge. */
export const IPC_CHANNELS: readonly IpcChannel[] = Object.freeze(Object.keys(IPC_BRIDGE_METHODS) as IpcChannel[]);

/** True when `name` is one of our channels; guards against prototype keys such as `__proto__`. */
export function isIpcChannel(name: string): name is IpcChannel {
  return Object.hasOwn(IPC_BRIDGE_METHODS, name);
}

/** The outcome of one IPC call: the handler's value, or a message saying why it was refused or failed. */
export type IpcResult<T> = Result<T, string>;
