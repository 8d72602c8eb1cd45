/**
 * A worker thread holding some of the bench's edit clients, all connected to one server, so
 * 100 clients use both cores instead of queueing on one event loop. Driven by ClientGroup
 * (clientGroup.ts): it reports `synced` once every client is, then answers one command at a time.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClientCommand, ClientReply, ClientWorkerData } from './clientGroup';
import { benchClock, compareReplicas, connectEditClients, destroyClients, holdEverything, makeEdit, ownEdits } from './editClients';
import { Samples, sleep, waitFor } from './support';

const data = workerData as ClientWorkerData;
const port = parentPort!;
const post = (reply: ClientReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

const cross = new Samples();
const same = new Samples();
const connectStart = benchClock();
const clients = connectEditClients(data.indices, data.serverOf.length, () => data.url, data.planName, (author, _receiver, _sentAt, latency) =>
  (data.serverOf[author] === data.server ? same : cross).push(latency),
);

async function handle(command: ClientCommand): Promise<void> {
  switch (command.type) {
    case 'edit': {
      // Every client edits `perSecond` times a second, in turn, from the agreed start time.
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      await sleep(Math.max(0, command.startAt - benchClock()));
      const start = benchClock();
      const end = start + command.seconds * 1_000;
      const rate = clients.length * command.perSecond;
      let made = 0;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          const now = benchClock();
          const due = Math.floor(((Math.min(now, end) - start) * rate) / 1_000);
          while (made < due) makeEdit(clients[made++ % clients.length]!);
          if (now >= end) {
            clearInterval(timer);
            resolve();
          }
        }, 10);
      });
      loopDelay.disable();
      post({ type: 'edit', made: new Map(clients.map((c) => [c.index, c.made])), editingMs: benchClock() - start, loopDelayP99Ms: loopDelay.percentile(99) / 1e6 });
      return;
    }
    case 'drain': {
      const start = benchClock();
      let caughtUp = true;
      try {
        await waitFor('every client to hold every edit', () => holdEverything(clients, command.made), command.timeoutMs, 50);
      } catch {
        caughtUp = false;
      }
      post({ type: 'drain', caughtUp, ms: benchClock() - start });
      return;
    }
    case 'own':
      post({ type: 'own', own: ownEdits(clients) });
      return;
    case 'compare': {
      const { fewest, mismatched } = compareReplicas(command.own, clients.map((c) => c.doc));
      post({ type: 'compare', fewest, mismatched });
      return;
    }
    case 'samples': {
      const reply = { type: 'samples', cross: cross.toArray(), same: same.toArray() } as const;
      post(reply, [reply.cross.buffer as ArrayBuffer, reply.same.buffer as ArrayBuffer]);
      return;
    }
    case 'close':
      destroyClients(clients);
      post({ type: 'close' });
      return;
  }
}

port.on('message', (command: ClientCommand) => {
  handle(command).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});

try {
  await waitFor(`${clients.length} clients synced`, () => clients.every((c) => c.provider.isSynced), 60_000, 20);
  post({ type: 'synced', ms: benchClock() - connectStart });
} catch (error) {
  post({ type: 'error', message: (error as Error).message });
}
