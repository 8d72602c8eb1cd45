import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { createSyncServer } from '../../electron/host/sync/syncServer';
import { startWebServer } from '../../electron/host/webServer';
import { loadPlanJson, PlanDocument } from '../../shared/doc';
import { generatePlan } from '../support/generatePlan';
import { median, type BenchRow } from './harness';
import { ClientGroup, type ReplyOf } from './sync/clientGroup';
import { benchClock, compareReplicas, connectEditClients, destroyClients, lostEdits, makeEdit, type EditClient } from './sync/editClients';
import {
  BENCH_TOKEN,
  connectProvider,
  coreShare,
  cpuMeter,
  REDIS_SERVER,
  Samples,
  sleep,
  startBatonServe,
  startRedis,
  tempRenderer,
  Teardown,
  waitFor,
} from './sync/support';

/**
 * Live sync on loopback with real servers and stock @hocuspocus/provider clients (ws in
 * Node): a joining client's first sync of a large plan, edit latency among 20 clients on one
 * `baton serve`, and 100 clients on two `baton serve --redis` instances sharing a real
 * redis-server. Every server, process and client a scenario starts is stopped when it ends,
 * whether it passed or threw. BATON_BENCH_REDIS_SECONDS sets the Redis scenario's editing
 * time (default 60).
 */
export async function syncBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  rows.push(await initialSync());
  rows.push(...(await editLatencyOneServer()));
  rows.push(...(await redisTwoInstances()));
  return rows;
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- 1. initial sync of a 5,000-task plan ----------------------------------------------

const INITIAL_SYNC_RUNS = 5;

/**
 * A sync server in this process (startWebServer + createSyncServer, as `baton serve` runs
 * them) holds the plan a first provider uploaded; each run a new PlanDocument and provider
 * join, timed from creating them to `synced` with all 5,050 nodes in the joiner's snapshot.
 * Server and client share this process's one thread, so the server's encoding is counted too.
 */
async function initialSync(): Promise<BenchRow> {
  const teardown = new Teardown();
  try {
    const root = await tempRenderer(teardown);
    const started = await startWebServer({ root, port: 0 });
    if (!started.ok) throw new Error(started.error.message);
    const web = started.value;
    teardown.add(() => web.close());
    const created = await createSyncServer({ server: web.server, token: BENCH_TOKEN });
    if (!created.ok) throw new Error(created.error);
    const sync = created.value;
    teardown.add(() => sync.close());
    const url = `ws://127.0.0.1:${web.port}/sync`;

    const planId = 'bench-initial-sync';
    const source = new PlanDocument({ actor: 'author', planId });
    teardown.add(() => source.destroy());
    loadPlanJson(source.ydoc, generatePlan({ tasks: 5_000, dependencies: 7_500, workstreams: 50 }));
    const expectedNodes = source.getSnapshot().nodes.size;
    if (expectedNodes !== 5_050) throw new Error(`the generated plan has ${expectedNodes} nodes, expected 5,050`);
    const stateBytes = source.encodeState().byteLength;

    const uploader = connectProvider(url, planId, source.ydoc);
    teardown.add(() => uploader.destroy());
    const wanted = Y.decodeStateVector(source.encodeStateVector());
    await waitFor(
      'the server to hold the uploaded plan',
      () => {
        const state = sync.documentState(planId);
        if (state === null) return false;
        const held = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
        return [...wanted].every(([client, clock]) => (held.get(client) ?? 0) >= clock);
      },
      30_000,
      50,
    );

    const join = async (actor: string): Promise<number> => {
      const start = performance.now();
      const joiner = new PlanDocument({ actor, planId });
      let synced = false;
      let provider: ReturnType<typeof connectProvider> | undefined;
      try {
        const done = new Promise<number>((resolve) => {
          const check = () => {
            if (synced && joiner.getSnapshot().nodes.size === expectedNodes) resolve(performance.now());
          };
          joiner.subscribe(check);
          provider = connectProvider(url, planId, joiner.ydoc, {
            onSynced: () => {
              synced = true;
              check();
            },
          });
        });
        return (await withTimeout(done, 30_000, 'the joining client to hold the whole plan')) - start;
      } finally {
        provider?.destroy();
        joiner.destroy();
      }
    };

    await join('warm-up');
    const meter = cpuMeter([]);
    const times: number[] = [];
    for (let i = 0; i < INITIAL_SYNC_RUNS; i++) times.push(await join(`joiner-${i}`));
    const used = meter();
    return {
      scenario: 'sync: initial sync of a plan to a joining client',
      size: `5,000 tasks, 7,500 deps, ${(stateBytes / 1024).toFixed(0)} KiB`,
      median: median(times),
      runs: times.length,
      target: '< 1,000 ms',
      note:
        `new PlanDocument + provider -> synced with all ${expectedNodes} nodes in its snapshot; server in this process ` +
        `(same thread as the client); runs ${times.map(fmt).join(', ')} ms; other processes on the machine meanwhile: ` +
        `${coreShare(used.othersMs, used.wallMs)} of one core of ${availableParallelism()}`,
    };
  } finally {
    await teardown.run();
  }
}

// ---- 2. edit latency, 20 clients on one server -----------------------------------------

const LATENCY_CLIENTS = 20;
const LATENCY_EDITS = 200;

/**
 * 20 providers on one plan served by a `baton serve` process. Clients take turns making one
 * edit; the next comes 10 ms after all 19 others have it. Latency is from the edit to its
 * arrival in each receiver's Y.Doc (all clients share this process's clock).
 */
async function editLatencyOneServer(): Promise<BenchRow[]> {
  const teardown = new Teardown();
  try {
    const root = await tempRenderer(teardown);
    const server = await startBatonServe(teardown, root);

    const perReceiver = new Samples();
    const untilAll = new Samples();
    let measuring = false;
    let current: { author: number; sentAt: number; count: number; done: (latency: number) => void } | null = null;
    const indices = Array.from({ length: LATENCY_CLIENTS }, (_, i) => i);
    const clients: EditClient[] = connectEditClients(indices, LATENCY_CLIENTS, () => server.syncUrl, 'bench-latency', (author, _receiver, sentAt, latency) => {
      if (measuring) perReceiver.push(latency);
      if (current && current.author === author && current.sentAt === sentAt && ++current.count === LATENCY_CLIENTS - 1) current.done(latency);
    });
    teardown.add(() => destroyClients(clients));
    await waitFor(`${LATENCY_CLIENTS} clients synced`, () => clients.every((c) => c.provider.isSynced), 30_000);
    await sleep(500);

    // One warm-up round (every client edits once) is not counted.
    const meter = cpuMeter([server.child]);
    for (let e = 0; e < LATENCY_CLIENTS + LATENCY_EDITS; e++) {
      measuring = e >= LATENCY_CLIENTS;
      const author = clients[e % LATENCY_CLIENTS]!;
      let done!: (latency: number) => void;
      const all = new Promise<number>((resolve) => (done = resolve));
      const sentAt = makeEdit(author);
      current = { author: author.index, sentAt, count: 0, done };
      const latency = await withTimeout(all, 10_000, `edit ${e} to reach the other ${LATENCY_CLIENTS - 1} clients`);
      if (measuring) untilAll.push(latency);
      await sleep(10);
    }

    const used = meter();
    const size = `${LATENCY_CLIENTS} clients, ${LATENCY_EDITS} edits`;
    const note =
      `per receiver (${perReceiver.length} samples): p50 ${fmt(perReceiver.percentile(50))}, p95 ${fmt(perReceiver.percentile(95))}, ` +
      `max ${fmt(perReceiver.max())} ms; until all ${LATENCY_CLIENTS - 1} others have it: p50 ${fmt(untilAll.percentile(50))}, ` +
      `p95 ${fmt(untilAll.percentile(95))}, max ${fmt(untilAll.max())} ms. Server: a \`baton serve\` process; clients: bare Y.Docs ` +
      'with stock providers in this process, so a receiver also waits while the ones before it apply the edit. ' +
      `CPU (100 % = one core of ${availableParallelism()}): clients ${coreShare(used.selfMs, used.wallMs)}, server ${coreShare(used.childrenMs[0]!, used.wallMs)}, ` +
      `other processes on the machine ${coreShare(used.othersMs, used.wallMs)}`;
    return [
      { scenario: 'sync: edit propagation p50, 20 clients, one server', size, median: perReceiver.percentile(50), runs: perReceiver.length },
      { scenario: 'sync: edit propagation p95, 20 clients, one server', size, median: perReceiver.percentile(95), runs: perReceiver.length, target: 'p95 < 100 ms', note },
    ];
  } finally {
    await teardown.run();
  }
}

// ---- 3. 100 clients on two instances through Redis -------------------------------------

const REDIS_CLIENTS = 100;
const EDITS_PER_SECOND = 5;

function redisSeconds(): number {
  const value = Number(process.env.BATON_BENCH_REDIS_SECONDS ?? 60);
  return Number.isFinite(value) && value > 0 ? value : 60;
}

/**
 * Two `baton serve --redis` processes on one real redis-server, 50 clients on each, every
 * client making 5 edits a second. Afterwards every client, and a fresh client on each
 * server, must hold every edit. Latency is counted separately for receivers on the author's
 * instance and on the other one (the edit went through Redis). Each server's clients run in a
 * worker thread of their own, so the clients' work (every one of them applies all 500 edits a
 * second) is spread over both cores instead of queueing on one event loop.
 */
async function redisTwoInstances(): Promise<BenchRow[]> {
  const seconds = redisSeconds();
  const scenario = 'sync: lost edits, 100 clients on two instances via Redis';
  const size = `${REDIS_CLIENTS} clients, 2 servers, ${seconds} s at ${EDITS_PER_SECOND} edits/s each`;
  if (!existsSync(REDIS_SERVER)) {
    return [
      {
        scenario,
        size: `SKIPPED (no ${REDIS_SERVER})`,
        median: Number.NaN,
        unit: '',
        runs: 0,
        note: `skipped: ${REDIS_SERVER} is not installed (apt-get install redis-server), so this row was not measured`,
      },
    ];
  }

  const teardown = new Teardown();
  try {
    const root = await tempRenderer(teardown);
    const redis = await startRedis(teardown);
    const servers = await Promise.all([0, 1].map(() => startBatonServe(teardown, root, ['--redis', redis.url])));

    // Client i uses server i % 2; each server's 50 clients live in their own worker thread.
    const planName = 'bench-redis';
    const serverOf = Array.from({ length: REDIS_CLIENTS }, (_, i) => i % 2);
    const groups = servers.map(
      (s, server) =>
        new ClientGroup(teardown, { indices: serverOf.flatMap((at, i) => (at === server ? [i] : [])), serverOf, server, url: s.syncUrl, planName }),
    );
    const connectMs = Math.max(...(await Promise.all(groups.map((g) => g.next('synced', 90_000)))).map((r) => r.ms));
    await sleep(1_000);

    const meter = cpuMeter([...servers.map((s) => s.child), redis.child]);
    const editStart = benchClock() + 200;
    const progress = setInterval(() => console.log(`  sync bench (Redis): ${((benchClock() - editStart) / 1_000).toFixed(0)} of ${seconds} s`), 10_000);
    let edited: ReplyOf<'edit'>[];
    try {
      edited = await Promise.all(groups.map((g) => g.call({ type: 'edit', startAt: editStart, seconds, perSecond: EDITS_PER_SECOND }, seconds * 1_000 + 60_000)));
    } finally {
      clearInterval(progress);
    }
    const editingMs = Math.max(...edited.map((e) => e.editingMs));
    // Who had the CPU while editing: the clients (this process), the servers, Redis, and everything else on the machine.
    const used = meter();
    const share = (ms: number | null) => coreShare(ms, used.wallMs);
    const cpu =
      `CPU while editing (100 % = one core of ${availableParallelism()}): clients ${share(used.selfMs)} (two worker threads), ` +
      `servers ${share(used.childrenMs[0]!)} and ${share(used.childrenMs[1]!)}, redis ${share(used.childrenMs[2]!)}, other processes on the machine ${share(used.othersMs)}; ` +
      `client event-loop delay p99 ${edited.map((e) => fmt(e.loopDelayP99Ms)).join(' and ')} ms`;

    // Everyone should catch up; whatever has not arrived a minute after the last edit counts as lost.
    const made = new Map(edited.flatMap((e) => [...e.made]));
    const drained = await Promise.all(groups.map((g) => g.call({ type: 'drain', made, timeoutMs: 60_000 }, 90_000)));
    const caughtUp = drained.every((d) => d.caughtUp);
    const drainMs = Math.max(...drained.map((d) => d.ms));

    // The servers' copies, read by a fresh client on each instance.
    const verifiers = servers.map(() => new Y.Doc());
    const verifierProviders = servers.map((s, i) => connectProvider(s.syncUrl, planName, verifiers[i]!));
    teardown.add(() => verifierProviders.forEach((p) => p.destroy()));
    await waitFor('a fresh client on each server synced', () => verifierProviders.every((p) => p.isSynced), 30_000);

    const own = new Map((await Promise.all(groups.map((g) => g.call({ type: 'own' }, 30_000)))).flatMap((r) => [...r.own]));
    const compared = [...(await Promise.all(groups.map((g) => g.call({ type: 'compare', own }, 60_000)))), compareReplicas(own, verifiers)];
    const lost = lostEdits(own, compared.map((c) => c.fewest));
    const mismatched = compared.reduce((sum, c) => sum + c.mismatched, 0);
    const totalEdits = [...own.values()].reduce((sum, values) => sum + values.length, 0);
    for (const s of servers) if (s.child.exitCode !== null) throw new Error(`a baton serve exited during the run:\n${s.output()}`);

    const cross = new Samples();
    const same = new Samples();
    for (const g of groups) {
      const samples = await g.call({ type: 'samples' }, 30_000);
      cross.append(samples.cross);
      same.append(samples.same);
    }

    const total = `${totalEdits.toLocaleString('en-US')} edits in ${fmt(editingMs / 1_000)} s (${fmt(totalEdits / (editingMs / 1_000))}/s)`;
    const summary =
      `${total}; checked ${REDIS_CLIENTS} clients + a fresh client on each server; ${mismatched} replicas with a wrong value; ` +
      `${caughtUp ? `every client held every edit ${fmt(drainMs)} ms after the last one` : 'clients had NOT caught up a minute after the last edit'}; ` +
      `${REDIS_CLIENTS} clients connected and synced in ${fmt(connectMs)} ms`;
    const latencyNote =
      `cross-instance (through Redis) ${cross.length.toLocaleString('en-US')} samples: p50 ${fmt(cross.percentile(50))}, p95 ${fmt(cross.percentile(95))}, ` +
      `p99 ${fmt(cross.percentile(99))}, max ${fmt(cross.max())} ms; same instance: p50 ${fmt(same.percentile(50))}, p95 ${fmt(same.percentile(95))} ms. ${cpu}`;
    return [
      { scenario, size, median: lost, unit: 'edits', runs: 1, target: '0', note: summary },
      { scenario: 'sync: cross-instance propagation p50 via Redis', size, median: cross.percentile(50), runs: cross.length },
      { scenario: 'sync: cross-instance propagation p95 via Redis', size, median: cross.percentile(95), runs: cross.length, note: latencyNote },
    ];
  } finally {
    await teardown.run();
  }
}
