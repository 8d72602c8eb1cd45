import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isValidPlanId, openPlanStore } from '../../../electron/host/sync/planStore';
import { decodeBatonFile } from '../../../shared/doc';
import { createTempRenderer, type TempRenderer } from '../host/tempRenderer';
import {
  connectPeer,
  sleep,
  spawnBaton,
  startTestSyncServer,
  stopProcess,
  syncUrlOf,
  TOKEN,
  waitFor,
  type BatonProcess,
  type TestPeer,
} from './syncTestSupport';

let renderer: TempRenderer;
let dataDir: string;
const peers: TestPeer[] = [];
const processes: BatonProcess[] = [];

beforeAll(async () => {
  renderer = await createTempRenderer();
});
afterAll(async () => {
  await renderer.remove();
});
afterEach(async () => {
  for (const p of peers.splice(0)) p.destroy();
  for (const p of processes.splice(0)) await stopProcess(p.child);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const peer = (...args: Parameters<typeof connectPeer>): TestPeer => {
  const created = connectPeer(...args);
  peers.push(created);
  return created;
};
const serve = (dir: string): BatonProcess => {
  const baton = spawnBaton(['serve', '--port', '0', '--token', TOKEN, '--data', dir, '--root', renderer.root]);
  processes.push(baton);
  return baton;
};

/** The `plan` map of a stored `.baton` file. */
async function storedPlan(file: string): Promise<Record<string, unknown>> {
  const update = decodeBatonFile(new Uint8Array(await readFile(file)));
  if (!update.ok) throw new Error(update.error);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update.value);
  return doc.getMap('plan').toJSON();
}

describe('baton serve --data', () => {
  it('keeps what was acknowledged a few seconds before kill -9, and loads it on restart', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-sync-data-'));
    const first = serve(dataDir);
    const url = await syncUrlOf(first);

    const writer = peer(url, 'plan-durable');
    await waitFor('writer synced', () => writer.provider.isSynced, 10_000);
    const map = writer.doc.getMap('plan');
    for (let i = 0; i < 50; i++) map.set(`task-${i}`, { title: `Task ${i}`, done: i % 2 === 0 });
    await waitFor('the server to acknowledge every edit', () => !writer.provider.hasUnsyncedChanges, 5_000);
    await sleep(3_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    writer.destroy();

    const second = serve(dataDir);
    const reader = peer(await syncUrlOf(second), 'plan-durable');
    await waitFor('reader synced', () => reader.provider.isSynced, 10_000);
    await waitFor('the reader to have every task', () => reader.doc.getMap('plan').size === 50, 2_000);
    expect(reader.doc.getMap('plan').toJSON()).toEqual(map.toJSON());

    // A clean stop (SIGTERM) writes what is still waiting for its debounce.
    reader.doc.getMap('plan').set('last', 'before SIGTERM');
    await waitFor('acknowledged', () => !reader.provider.hasUnsyncedChanges, 5_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.stderr.text).toBe('');
    const stored = await storedPlan(path.join(dataDir, 'plan-durable.baton'));
    expect(stored.last).toBe('before SIGTERM');
    expect(Object.keys(stored)).toHaveLength(51);
  }, 60_000);

  it('refuses a plan whose file is damaged and leaves the file as it was', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-sync-data-'));
    const damaged = Buffer.from('BATON\0\x01\0this is not a yjs update at all');
    await writeFile(path.join(dataDir, 'plan-damaged.baton'), damaged);
    const server = await startTestSyncServer({ dataDir });
    try {
      const visitor = peer(server.syncUrl, 'plan-damaged');
      visitor.doc.getMap('plan').set('would', 'overwrite');
      await waitFor('the refusal', () => visitor.authenticationFailures.length > 0);
      expect(visitor.authenticationFailures[0]).toBe('the stored plan cannot be read');
      expect(server.logLines.join('\n')).toMatch(/refused to open plan "plan-damaged": .*plan-damaged\.baton: the plan data is damaged/);
    } finally {
      await server.stop();
    }
    expect(await readFile(path.join(dataDir, 'plan-damaged.baton'))).toEqual(damaged);
  });

  it('writes each plan as DIR/<plan-id>.baton a moment after a change, and on close', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-sync-data-'));
    const server = await startTestSyncServer({ dataDir });
    const file = path.join(dataDir, 'team:plan_1.v2.baton');
    try {
      const writer = peer(server.syncUrl, 'team:plan_1.v2');
      await waitFor('synced', () => writer.provider.isSynced);
      writer.doc.getMap('plan').set('title', 'Stored');
      await waitFor('the file', () => existsSync(file), 3_000);
      expect((await storedPlan(file)).title).toBe('Stored');
      writer.doc.getMap('plan').set('title', 'Flushed on close');
      await waitFor('acknowledged', () => !writer.provider.hasUnsyncedChanges);
    } finally {
      await server.stop();
    }
    expect((await storedPlan(file)).title).toBe('Flushed on close');
  });
});

describe('plan ids as file names', () => {
  it('accepts plan ids and refuses anything that could leave the directory', () => {
    for (const id of ['plan-1', 'a', 'team:plan_1.v2', 'A'.repeat(200), '01HZX3Y2QK']) expect(isValidPlanId(id), id).toBe(true);
    for (const id of ['', '.', '..', '...', 'a..b', '../x', 'a/b', 'a\\b', 'A'.repeat(201), 'plan 1', 'plan\0', 'é']) {
      expect(isValidPlanId(id), JSON.stringify(id)).toBe(false);
    }
  });

  it('the store refuses invalid ids without touching the disk', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-sync-data-'));
    const store = await openPlanStore(dataDir);
    if (!store.ok) throw new Error(store.error);
    expect(await store.value.save('../escape', new Uint8Array([0, 0]))).toEqual({ ok: false, error: 'not a valid plan id: "../escape"' });
    expect((await store.value.load('..')).ok).toBe(false);
    expect(await store.value.load('never-stored')).toEqual({ ok: true, value: null });
  });

  it('an unusable data directory is an error, not a crash', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-sync-data-'));
    const aFile = path.join(dataDir, 'file');
    await writeFile(aFile, 'x');
    const opened = await openPlanStore(aFile);
    expect(opened.ok).toBe(false);
  });
});
