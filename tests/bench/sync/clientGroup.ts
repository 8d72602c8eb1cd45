/**
 * Edit clients in a worker thread (clientWorker.ts), driven from the main thread: one command
 * at a time, each answered by a reply of the same type. The worker runs the TypeScript source
 * through tsx, registered inside the worker (a worker does not inherit the --import hooks).
 */
import { Worker } from 'node:worker_threads';
import type { Teardown } from './support';

export interface ClientWorkerData {
  /** The clients this worker holds. */
  readonly indices: readonly number[];
  /** Every author's server (its length is the number of authors). */
  readonly serverOf: readonly number[];
  /** The server this worker's clients use, and its sync address. */
  readonly server: number;
  readonly url: string;
  readonly planName: string;
}

export type ClientCommand =
  | { readonly type: 'edit'; readonly startAt: number; readonly seconds: number; readonly perSecond: number }
  | { readonly type: 'drain'; readonly made: ReadonlyMap<number, number>; readonly timeoutMs: number }
  | { readonly type: 'own' }
  | { readonly type: 'compare'; readonly own: ReadonlyMap<number, readonly number[]> }
  | { readonly type: 'samples' }
  | { readonly type: 'close' };

export type ClientReply =
  | { readonly type: 'synced'; readonly ms: number }
  | { readonly type: 'edit'; readonly made: Map<number, number>; readonly editingMs: number; readonly loopDelayP99Ms: number }
  | { readonly type: 'drain'; readonly caughtUp: boolean; readonly ms: number }
  | { readonly type: 'own'; readonly own: Map<number, number[]> }
  | { readonly type: 'compare'; readonly fewest: Map<number, number>; readonly mismatched: number }
  | { readonly type: 'samples'; readonly cross: Float64Array; readonly same: Float64Array }
  | { readonly type: 'close' }
  | { readonly type: 'error'; readonly message: string };

export type ReplyOf<T extends ClientReply['type']> = Extract<ClientReply, { type: T }>;

const WORKER_ENTRY = new URL('./clientWorker.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');

export class ClientGroup {
  private readonly worker: Worker;
  private readonly inbox: ClientReply[] = [];
  private waiter: { type: ClientReply['type']; resolve: (reply: ClientReply) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(teardown: Teardown, data: ClientWorkerData) {
    this.worker = new Worker(`import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`, {
      eval: true,
      workerData: data,
    });
    teardown.add(() => this.close());
    this.worker.on('message', (reply: ClientReply) => {
      if (reply.type === 'error') return this.fail(new Error(`client worker: ${reply.message}`));
      if (this.waiter?.type === reply.type) {
        const { resolve } = this.waiter;
        this.waiter = null;
        resolve(reply);
      } else {
        this.inbox.push(reply);
      }
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`client worker exited (${code})`)));
  }

  /** The next reply of `type` (replies that came early are kept). */
  next<T extends ClientReply['type']>(type: T, timeoutMs: number): Promise<ReplyOf<T>> {
    const early = this.inbox.findIndex((r) => r.type === type);
    if (early >= 0) return Promise.resolve(this.inbox.splice(early, 1)[0] as ReplyOf<T>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<ReplyOf<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`client worker: no ${type} reply after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        type,
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply as ReplyOf<T>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Sends `command` and waits for its reply. */
  call<T extends ClientCommand['type'] & ClientReply['type']>(command: Extract<ClientCommand, { type: T }>, timeoutMs: number): Promise<ReplyOf<T>> {
    this.worker.postMessage(command);
    return this.next(command.type as T, timeoutMs);
  }

  /** Closes the clients if the worker still answers, then ends the worker. */
  async close(): Promise<void> {
    if (!this.failure) await this.call({ type: 'close' }, 5_000).catch(() => undefined);
    this.failure ??= new Error('client worker closed');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(error);
  }
}
