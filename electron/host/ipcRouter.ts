/**
 * The gate every IPC message passes in main: known channel, trusted sender, request that
 * fits the contract, response that fits the contract. Plain Node; main.ts wires it to ipcMain.
 */
import type { z } from 'zod';
import { IPC_CONTRACT, isIpcChannel, type IpcChannel, type IpcRequest, type IpcResponse, type IpcResult } from '../../shared/ipc';
import { problemsFromZod } from '../../shared/model/problems';

/** The handler of one channel: gets a validated request, answers with a result (no throws for expected failures). */
export type IpcHandler<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;

/** One handler per channel; the type makes a missing channel a compile error. */
export type IpcHandlers = { readonly [C in IpcChannel]: IpcHandler<C> };

/** Decides whether a frame at this URL may call main at all. */
export type SenderCheck = (senderUrl: string) => boolean;

/** Routes raw IPC messages to handlers, refusing anything that breaks the contract. */
export interface IpcRouter {
  handle(channel: string, senderUrl: string, payload: unknown): Promise<IpcResult<unknown>>;
}

/** Zod's complaints in one line, each naming the field: `suggestedName: expected a string, got number 5`. */
function describeIssues(error: z.ZodError, input: unknown): string {
  const problems = problemsFromZod(error, input);
  const shown = problems.slice(0, 3).map((p) => `${p.path || 'request'}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more`);
  return shown.join('; ');
}

/** A sender URL as it appears in an error: bounded, because it comes from the page. */
function quoteSender(url: string): string {
  return JSON.stringify(url.length > 100 ? `${url.slice(0, 100)}…` : url);
}

/** Builds the router. `isTrustedSender` is injected so tests and main share one policy function. */
export function createIpcRouter(handlers: IpcHandlers, isTrustedSender: SenderCheck): IpcRouter {
  async function handleChannel<C extends IpcChannel>(channel: C, payload: unknown): Promise<IpcResult<unknown>> {
    const contract = IPC_CONTRACT[channel];
    const request = contract.request.safeParse(payload);
    if (!request.success) return { ok: false, error: `${channel}: ${describeIssues(request.error, payload)}` };

    let answer: IpcResult<IpcResponse<C>>;
    try {
      answer = await handlers[channel](request.data as IpcRequest<C>);
    } catch (error) {
      // Expected failures come back as results; a throw is a bug or an OS surprise.
      return { ok: false, error: `${channel}: failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!answer.ok) return { ok: false, error: `${channel}: ${answer.error}` };

    // Main checks its own answers too, so a handler bug never leaks an off-contract value.
    const response = contract.response.safeParse(answer.value);
    if (!response.success) return { ok: false, error: `${channel}: internal error: bad response: ${describeIssues(response.error, answer.value)}` };
    return { ok: true, value: response.data };
  }

  return {
    async handle(channel, senderUrl, payload) {
      if (!isIpcChannel(channel)) return { ok: false, error: `unknown IPC channel ${JSON.stringify(channel.slice(0, 100))}` };
      if (!isTrustedSender(senderUrl)) {
        return { ok: false, error: `${channel}: refused: the sender ${quoteSender(senderUrl)} is not the Baton app` };
      }
      return handleChannel(channel, payload);
    },
  };
}
