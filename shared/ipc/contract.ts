/**
 * The IPC contract: one zod schema per channel for the request and one for the response.
 * Main parses every request with it; the preload and the renderer take their types from it.
 */
import * as z from 'zod';
import { IPC_BRIDGE_METHODS, type IpcChannel, type IpcResult } from './channels';

/** The largest plan file that crosses IPC: 64 MiB, far above any real plan, low enough to refuse junk. */
export const MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024;

/** The longest file name the renderer may suggest for a save dialog. */
export const MAX_SUGGESTED_NAME_LENGTH = 200;

/** The file extensions the open dialog offers: our own format and the interchange JSON. */
export const PLAN_FILE_EXTENSIONS = ['baton', 'json'] as const;

/** Raw file contents; the size cap keeps a hostile renderer from pushing gigabytes into main. */
export const planBytesSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (a Uint8Array)' })
  .refine((bytes) => bytes.byteLength <= MAX_PLAN_FILE_BYTES, { message: `expected at most ${MAX_PLAN_FILE_BYTES} bytes (64 MiB)` });

// No directory part: the renderer may suggest a name, but only the user, in the dialog, picks where it goes.
/** A bare file name for the save dialog to propose. */
export const suggestedFileNameSchema = z
  .string()
  .min(1, 'expected a non-empty file name')
  .max(MAX_SUGGESTED_NAME_LENGTH, `expected a file name of at most ${MAX_SUGGESTED_NAME_LENGTH} characters`)
  .refine((name) => !/[/\\]/.test(name), { message: 'expected a file name without path separators (/ or \\)' })
  // Control characters (NUL above all) are never part of a name a person typed.
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), { message: 'expected a file name without control characters' })
  .refine((name) => name !== '.' && name !== '..', { message: 'expected a file name, not "." or ".."' });

/** `app:info` request: nothing to ask. */
export const appInfoRequestSchema = z.strictObject({});

/** `app:info` response: which build of the app the renderer is talking to. */
export const appInfoResponseSchema = z.strictObject({
  version: z.string().min(1),
  platform: z.string().min(1),
  electron: z.literal(true),
});

/** `file:save-plan` request: the plan file's bytes and the name the save dialog proposes. */
export const savePlanRequestSchema = z.strictObject({
  suggestedName: suggestedFileNameSchema,
  bytes: planBytesSchema,
});

/** `file:save-plan` response: where the file was written, or that the user cancelled. */
export const savePlanResponseSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), path: z.string().min(1) }),
  z.strictObject({ saved: z.literal(false) }),
]);

/** `file:open-plan` request: nothing to ask; the user picks the file in the dialog. */
export const openPlanRequestSchema = z.strictObject({});

/** `file:open-plan` response: the chosen file's name and bytes, or that the user cancelled. */
export const openPlanResponseSchema = z.discriminatedUnion('opened', [
  z.strictObject({ opened: z.literal(true), name: z.string().min(1), bytes: planBytesSchema }),
  z.strictObject({ opened: z.literal(false) }),
]);

/** The most hosts `sync:lan-hosts` lists (a hostile network could announce thousands). */
export const MAX_LAN_HOSTS = 50;

/** The longest host name `sync:lan-hosts` shows. */
export const MAX_LAN_HOST_NAME_LENGTH = 64;

/** A sync address as main hands it to the renderer: ws://host:port/path, no spaces, bounded. */
export const syncAddressSchema = z
  .string()
  .max(500)
  .regex(/^ws:\/\/[^\s/?#@]+:\d{1,5}\/[^\s]*$/, 'expected a ws://host:port/ address');

/** `sync:host-start` request: host on this computer, reachable from the LAN or from this computer only. */
export const hostStartRequestSchema = z.strictObject({ lan: z.boolean() });

/** `sync:host-start` response: where peers connect, the session's token, and the addresses it is reachable at. */
export const hostStartResponseSchema = z.strictObject({
  url: syncAddressSchema,
  token: z.string().min(16).max(200),
  addresses: z.array(z.string().min(1).max(100)).max(64),
});

/** `sync:host-stop` request: nothing to ask. */
export const hostStopRequestSchema = z.strictObject({});

/** `sync:host-stop` response: whether a session was running (and is now stopped). */
export const hostStopResponseSchema = z.strictObject({ stopped: z.boolean() });

/** `sync:lan-hosts` request: nothing to ask. */
export const lanHostsRequestSchema = z.strictObject({});

/** One host found on the network: what it calls itself and its sync address. */
export const lanHostSchema = z.strictObject({
  name: z.string().min(1).max(MAX_LAN_HOST_NAME_LENGTH),
  url: syncAddressSchema,
});

/** `sync:lan-hosts` response: the Baton hosts heard from in the last few seconds (empty where discovery cannot work). */
export const lanHostsResponseSchema = z.strictObject({ hosts: z.array(lanHostSchema).max(MAX_LAN_HOSTS) });

/** The request and response schema of one channel. */
export interface IpcChannelContract {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** The contract itself: every channel's schemas, checked to cover exactly the channel list. */
export const IPC_CONTRACT = {
  'app:info': { request: appInfoRequestSchema, response: appInfoResponseSchema },
  'file:save-plan': { request: savePlanRequestSchema, response: savePlanResponseSchema },
  'file:open-plan': { request: openPlanRequestSchema, response: openPlanResponseSchema },
  'sync:host-start': { request: hostStartRequestSchema, response: hostStartResponseSchema },
  'sync:host-stop': { request: hostStopRequestSchema, response: hostStopResponseSchema },
  'sync:lan-hosts': { request: lanHostsRequestSchema, response: lanHostsResponseSchema },
} as const satisfies { readonly [C in IpcChannel]: IpcChannelContract };

/** What the renderer sends on channel C. */
export type IpcRequest<C extends IpcChannel> = z.input<(typeof IPC_CONTRACT)[C]['request']>;

/** What main answers on channel C when the call succeeds. */
export type IpcResponse<C extends IpcChannel> = z.output<(typeof IPC_CONTRACT)[C]['response']>;

/** A channel whose request has no required field: its bridge function may be called with no argument. */
type RequestIsOptional<C extends IpcChannel> = Record<string, never> extends IpcRequest<C> ? true : false;

/** The `window.baton` function for channel C. */
export type BatonBridgeFunction<C extends IpcChannel> =
  RequestIsOptional<C> extends true
    ? (request?: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>
    : (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;

/** Every bridge function, keyed by its method name. */
type BatonBridgeFunctions = {
  readonly [C in IpcChannel as (typeof IPC_BRIDGE_METHODS)[C]]: BatonBridgeFunction<C>;
};

/** The shape of `window.baton` in the Electron renderer: one named function per IPC channel. */
export interface BatonBridge extends BatonBridgeFunctions {}
