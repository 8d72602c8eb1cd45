import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectPlan, PlanDocument, type SyncConnection } from '../../../shared/doc';
import { must } from '../doc/helpers';
import { QuietWebSocket, startTestSyncServer, TOKEN, waitFor, type TestSyncServer } from './syncTestSupport';

/**
 * A socket whose close handshake hangs while `stalled` is set, as Chromium's does when the
 * network drops with a frame still queued: the close only completes once it comes back.
 */
const stalledCloses: Array<() => void> = [];
let stalled = false;
class StallingWebSocket extends QuietWebSocket {
  override close(...args: Parameters<QuietWebSocket['close']>): void {
    if (stalled) stalledCloses.push(() => super.close(...args));
    else super.close(...args);
  }
}
const releaseStalledCloses = () => stalledCloses.splice(0).forEach((close) => close());

let server: TestSyncServer;
const links: SyncConnection[] = [];
beforeAll(async () => {
  server = await startTestSyncServer();
});
afterEach(() => {
  stalled = false;
  releaseStalledCloses();
  links.splice(0).forEach((l) => l.close());
});
afterAll(async () => {
  await server.stop();
});

function teammate(actor: string, planId: string): { plan: PlanDocument; link: SyncConnection } {
  const plan = new PlanDocument({ actor, planId });
  const link = connectPlan(plan, { url: server.syncUrl, token: TOKEN }, StallingWebSocket);
  links.push(link);
  return { plan, link };
}
const titles = (plan: PlanDocument) => [...plan.getSnapshot().nodes.values()].map((n) => n.title).sort();

describe('a sync connection', () => {
  it('reports synced, then merges edits made on both sides while paused', async () => {
    const alice = teammate('alice', 'plan-pause-resume');
    must(alice.plan.initialize('Launch'));
    must(alice.plan.commands.addNode({ id: 't1', kind: 'task', title: 'Runbook' }));
    const bob = teammate('bob', 'plan-pause-resume');
    await waitFor('both synced', () => alice.link.status().state === 'synced' && bob.link.status().state === 'synced');
    await waitFor('bob has the runbook', () => titles(bob.plan).includes('Runbook'));

    alice.link.pause();
    expect(alice.link.status()).toEqual({ state: 'offline' });
    must(alice.plan.commands.addNode({ id: 't2', kind: 'task', title: 'Alice offline' }));
    must(bob.plan.commands.addNode({ id: 't3', kind: 'task', title: 'Bob online' }));
    await new Promise((r) => setTimeout(r, 200));
    expect(titles(bob.plan)).not.toContain('Alice offline');
    expect(titles(alice.plan)).not.toContain('Bob online');

    alice.link.resume();
    const all = ['Alice offline', 'Bob online', 'Runbook'];
    await waitFor('alice has everything', () => titles(alice.plan).join() === all.join());
    await waitFor('bob has everything', () => titles(bob.plan).join() === all.join());
    await waitFor('alice synced again', () => alice.link.status().state === 'synced');
  });

  it('comes back after a pause whose socket close hangs until the network returns', async () => {
    const alice = teammate('alice', 'plan-stalled-close');
    must(alice.plan.initialize('Launch'));
    const bob = teammate('bob', 'plan-stalled-close');
    await waitFor('both synced', () => alice.link.status().state === 'synced' && bob.link.status().state === 'synced');

    stalled = true;
    alice.link.pause();
    bob.link.pause();
    must(alice.plan.commands.addNode({ id: 'a', kind: 'task', title: 'Alice offline' }));
    must(bob.plan.commands.addNode({ id: 'b', kind: 'task', title: 'Bob offline' }));
    stalled = false;
    alice.link.resume();
    bob.link.resume();
    // The old sockets finish closing only after the new links are up, as in the browser.
    await waitFor('both synced again', () => alice.link.status().state === 'synced' && bob.link.status().state === 'synced');
    releaseStalledCloses();
    const all = ['Alice offline', 'Bob offline'];
    await waitFor('alice has both', () => titles(alice.plan).join() === all.join());
    await waitFor('bob has both', () => titles(bob.plan).join() === all.join());
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.link.status()).toEqual({ state: 'synced' });
    expect(bob.link.status()).toEqual({ state: 'synced' });
  });

  it('publishes presence again on the fresh link after a pause', async () => {
    const alice = teammate('alice', 'plan-presence');
    must(alice.plan.initialize('Launch'));
    alice.link.setPresence({ name: 'Alice', colour: '#112233' });
    alice.link.setSelection(['t1']);
    const bob = teammate('bob', 'plan-presence');
    bob.link.setPresence({ name: 'Bob', colour: '#445566' });
    await waitFor('bob sees alice', () => bob.link.peers().some((p) => p.name === 'Alice'));

    alice.link.pause();
    expect(alice.link.peers()).toEqual([]);
    await waitFor('bob sees alice leave', () => !bob.link.peers().some((p) => p.name === 'Alice'), 40_000);
    alice.link.resume();
    await waitFor('bob sees alice again', () => bob.link.peers().some((p) => p.name === 'Alice' && p.selection.join() === 't1'));
    await waitFor('alice sees bob', () => alice.link.peers().some((p) => p.name === 'Bob'));
  });

  it('says not authorized for a wrong token and stays so', async () => {
    const plan = new PlanDocument({ actor: 'eve', planId: 'plan-refused' });
    const link = connectPlan(plan, { url: server.syncUrl, token: 'wrong' }, StallingWebSocket);
    links.push(link);
    await waitFor('refused', () => link.status().state === 'refused');
    await new Promise((r) => setTimeout(r, 300));
    expect(link.status().state).toBe('refused');
  });
});
