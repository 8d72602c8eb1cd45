import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempRenderer, type TempRenderer } from '../host/tempRenderer';
import { connectPeer, spawnBaton, startRedis, stopProcess, syncUrlOf, TOKEN, waitFor, type BatonProcess, type TestPeer } from './syncTestSupport';

let renderer: TempRenderer;
let redis: { url: string; child: ChildProcess };
const peers: TestPeer[] = [];
const processes: BatonProcess[] = [];

beforeAll(async () => {
  [renderer, redis] = await Promise.all([createTempRenderer(), startRedis()]);
});

afterAll(async () => {
  for (const p of peers) p.destroy();
  for (const p of processes) await stopProcess(p.child);
  if (redis) await stopProcess(redis.child);
  await renderer?.remove();
});

describe('baton serve --redis', () => {
  it('two instances on one Redis share a plan: a client on each converges', async () => {
    const instances = [0, 1].map(() => {
      const baton = spawnBaton(['serve', '--port', '0', '--token', TOKEN, '--redis', redis.url, '--root', renderer.root]);
      processes.push(baton);
      return baton;
    });
    const [urlA, urlB] = await Promise.all(instances.map((baton) => syncUrlOf(baton)));
    expect(urlA).not.toBe(urlB);
    expect(instances[0]!.stdout.text).toContain(`through Redis at ${redis.url}`);

    const alice = connectPeer(urlA!, 'plan-scaled');
    const bob = connectPeer(urlB!, 'plan-scaled');
    peers.push(alice, bob);
    await waitFor('both synced', () => alice.provider.isSynced && bob.provider.isSynced, 10_000);

    alice.doc.getMap('plan').set('from', 'alice');
    await waitFor('bob (other instance) to see alice', () => bob.doc.getMap('plan').get('from') === 'alice', 3_000);
    bob.doc.getMap('plan').set('reply', 'bob');
    for (let i = 0; i < 20; i++) (i % 2 ? alice : bob).doc.getMap('plan').set(`k${i}`, i);
    await waitFor(
      'both replicas equal',
      () => alice.doc.getMap('plan').size === 22 && bob.doc.getMap('plan').size === 22,
      3_000,
    );
    expect(alice.doc.getMap('plan').toJSON()).toEqual(bob.doc.getMap('plan').toJSON());
    expect(alice.doc.getMap('plan').get('reply')).toBe('bob');
    for (const baton of instances) expect(baton.stderr.text).toBe('');

    // A clean stop closes peers, hands off through Redis and disconnects from it.
    for (const baton of instances) baton.child.kill('SIGTERM');
    expect(await Promise.all(instances.map((baton) => baton.exited))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  }, 60_000);
});
