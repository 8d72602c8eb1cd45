import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/host/cli/runCli';
import { readPlanFile } from '../../../../electron/host/planFiles';
import { encodeBatonFile, loadPlanJson, PlanDocument } from '../../../../shared/doc';
import { parsePlanJson, stringifyPlanJson, toPlanJson } from '../../../../shared/model';
import { fakeCliContext } from './fakeCliContext';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/realtime-collab.json');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function run(args: string[]) {
  const ctx = fakeCliContext();
  const code = await runCli(args, ctx);
  return { code, stdout: ctx.stdout.text, stderr: ctx.stderr.text };
}

describe('plan files through the CLI: export, import, merge', () => {
  let dir: string;
  let fixtureJson: string;
  let goodBaton: Uint8Array;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'baton-files-'));
    fixtureJson = await readFile(FIXTURE, 'utf8');
    const parsed = parsePlanJson(fixtureJson);
    if (!parsed.ok) throw new Error('fixture');
    const doc = new PlanDocument({ actor: 't', planId: 'plan-fixture' });
    loadPlanJson(doc.ydoc, parsed.value);
    goodBaton = encodeBatonFile(doc.encodeState());
    await writeFile(file('good.baton'), goodBaton);
    await writeFile(file('good.json'), fixtureJson);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('JSON round trip: import to .baton, export to JSON, identical canonical JSON', async () => {
    expect((await run(['import', file('good.json'), '-o', file('rt.baton')])).code).toBe(0);
    const out = await run(['export', file('rt.baton'), '--format', 'json']);
    expect(out.code).toBe(0);
    const parsed = parsePlanJson(fixtureJson);
    if (!parsed.ok) throw new Error('fixture');
    const doc = new PlanDocument({ actor: 't' });
    loadPlanJson(doc.ydoc, parsed.value);
    expect(out.stdout).toBe(stringifyPlanJson(toPlanJson(doc.getSnapshot())));
    // Exported JSON read again gives the same bytes once more.
    await writeFile(file('rt.json'), out.stdout);
    expect((await run(['export', file('rt.json'), '--format', 'json'])).stdout).toBe(out.stdout);
  });

  it('.baton round trip: the file holds the whole document, readable again with the same plan', async () => {
    const loaded = await readPlanFile(file('good.baton'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value.document.storedPlanId).toBe('plan-fixture');
    expect(stringifyPlanJson(toPlanJson(loaded.value.document.getSnapshot()))).toBe((await run(['export', file('good.json'), '--format', 'json'])).stdout);
  });

  it('writes the retrospective alone to a file, the same bytes as the golden export', async () => {
    const out = await run(['export', file('good.baton'), '--format', 'retrospective', '-o', file('retro.md')]);
    expect(out.code).toBe(0);
    expect(await readFile(file('retro.md'), 'utf8')).toBe(await readFile(path.resolve(__dirname, '../../../golden/retrospective.realtime-collab.md'), 'utf8'));
  });

  it('merges two copies of one plan edited apart into one with both edits', async () => {
    const base = await readPlanFile(file('good.baton'));
    if (!base.ok) throw new Error(base.error);
    const alice = new PlanDocument({ actor: 'alice' });
    alice.applyUpdate(base.value.document.encodeState());
    const bob = new PlanDocument({ actor: 'bob' });
    bob.applyUpdate(base.value.document.encodeState());
    expect(alice.commands.updateNode('t-monitoring', { status: 'done' }).ok).toBe(true);
    expect(bob.commands.updateNode('t-websocket', { title: 'WebSocket gateway' }).ok).toBe(true);
    expect(bob.commands.addNode({ id: 't-new', kind: 'task', title: 'Chaos testing', parent: 'ws-infra' }).ok).toBe(true);
    await writeFile(file('alice.baton'), encodeBatonFile(alice.encodeState()));
    await writeFile(file('bob.baton'), encodeBatonFile(bob.encodeState()));
    const merged = await run(['merge', file('alice.baton'), file('bob.baton'), '-o', file('merged.baton')]);
    expect(merged.code).toBe(0);
    const result = await readPlanFile(file('merged.baton'));
    if (!result.ok) throw new Error(result.error);
    const s = result.value.document.getSnapshot();
    expect(s.nodes.get('t-monitoring')).toMatchObject({ status: 'done' });
    expect(s.nodes.get('t-websocket')?.title).toBe('WebSocket gateway');
    expect(s.nodes.get('t-new')?.title).toBe('Chaos testing');
    // Both teammates' activity survives the merge.
    expect(new Set(s.activity.map((a) => a.actor))).toEqual(new Set(['alice', 'bob']));
  });

  it('refuses to merge copies of different plans unless forced', async () => {
    const other = new PlanDocument({ actor: 't', planId: 'plan-other' });
    other.initialize('Another plan');
    await writeFile(file('other.baton'), encodeBatonFile(other.encodeState()));
    const refused = await run(['merge', file('good.baton'), file('other.baton'), '-o', file('mixed.baton')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('different plan');
    expect((await run(['merge', file('good.baton'), file('other.baton'), '-o', file('mixed.baton'), '--force'])).code).toBe(0);
  });

  describe('refuses bad input with exit 1, leaves the input as it was and writes no output', () => {
    const json = (value: unknown) => JSON.stringify(value);
    const plan = (extra: Record<string, unknown>) => ({ format: 'baton-plan', version: 1, title: 'P', personas: [], nodes: [], edges: [], ...extra });
    const cases: [string, () => Uint8Array | string | null, string][] = [
      ['random.baton', () => Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256), 'not a Baton plan file'],
      ['truncated.baton', () => goodBaton.subarray(0, Math.floor(goodBaton.byteLength / 2)), 'damaged or truncated'],
      ['header-only.baton', () => goodBaton.subarray(0, 8), 'damaged or truncated'],
      ['short-header.baton', () => goodBaton.subarray(0, 7), 'truncated'],
      ['wrong-header.baton', () => Uint8Array.from([0x42, 0x41, 0x54, 0x4f, 0x58, 0x00, 1, 0, ...goodBaton.subarray(8, 40)]), 'not a Baton plan file'],
      ['future.baton', () => Uint8Array.from([...goodBaton.subarray(0, 6), 9, 0, ...goodBaton.subarray(8)]), 'newer than this Baton'],
      ['empty.baton', () => new Uint8Array(0), 'empty'],
      ['empty.json', () => '', 'empty'],
      ['not-json.json', () => 'hello, this is not a plan', 'not JSON'],
      ['array.json', () => '[1, 2, 3]', 'expected a JSON object'],
      ['null.json', () => 'null', 'expected a JSON object'],
      ['wrong-marker.json', () => json({ ...plan({}), format: 'trello' }), 'format'],
      ['future-version.json', () => json({ ...plan({}), version: 7 }), 'newer than this Baton'],
      ['wrong-type.json', () => json(plan({ nodes: [{ id: 't', kind: 'task', title: 'T', estimateDays: 'three' }] })), 'nodes[0].estimateDays'],
      ['dangling-edge.json', () => json(plan({ nodes: [{ id: 'a', kind: 'task', title: 'A' }], edges: [{ id: 'e', kind: 'dependency', source: 'a', target: 'ghost' }] })), 'edges[0].target: no node with id "ghost"'],
      ['unknown-kind.json', () => json(plan({ nodes: [{ id: 'a', kind: 'epic', title: 'A' }] })), 'unknown kind "epic"'],
      ['duplicate-ids.json', () => json(plan({ nodes: [{ id: 'a', kind: 'task', title: 'A' }, { id: 'a', kind: 'task', title: 'B' }] })), 'duplicate id "a"'],
      ['missing-id.json', () => json(plan({ nodes: [{ kind: 'task', title: 'A' }] })), 'nodes[0].id'],
      ['bad-owner.json', () => json(plan({ nodes: [{ id: 'a', kind: 'task', title: 'A', owner: 'nobody' }] })), 'nodes[0].owner: no persona'],
      ['latin1.json', () => Uint8Array.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), 'UTF-8'],
      ['a-directory', () => null, 'is a directory'],
    ];

    it.each(cases)('%s', async (name, make, message) => {
      const input = file(`bad-${name}`);
      const content = make();
      if (content === null) await mkdir(input, { recursive: true });
      else await writeFile(input, content);
      const before = content === null ? null : sha(await readFile(input));
      for (const args of [
        ['export', input, '--format', 'json', '-o', file(`out-${name}.json`)],
        ['merge', file('good.baton'), input, '-o', file(`out-${name}.baton`)],
        ...(name.endsWith('.json') ? [['import', input, '-o', file(`imported-${name}.baton`)]] : []),
      ]) {
        const result = await run(args);
        expect(result.code, `${args[0]} ${name}: ${result.stderr}`).toBe(1);
        expect(result.stderr).toContain(input);
        expect(result.stderr).toContain(message);
      }
      if (before !== null) expect(sha(await readFile(input))).toBe(before);
      const left = await readdir(dir);
      expect(left.filter((f) => f.startsWith(`out-${name}`) || f.startsWith(`imported-${name}`) || f.includes('.tmp-'))).toEqual([]);
    });

    it('a missing file is named', async () => {
      const result = await run(['export', file('nowhere.baton'), '--format', 'json']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${file('nowhere.baton')}: no such file`);
    });

    it('a .baton whose data decodes but breaks the schema is refused by its damaged parts', async () => {
      const doc = new Y.Doc();
      const task = new Y.Map<unknown>();
      doc.getMap('nodes').set('t1', task);
      task.set('kind', 'task');
      task.set('title', 'Broken');
      task.set('estimateDays', 'lots');
      doc.getMap('meta').set('schemaVersion', 1);
      await writeFile(file('damaged.baton'), encodeBatonFile(Y.encodeStateAsUpdate(doc)));
      const result = await run(['export', file('damaged.baton'), '--format', 'json', '-o', file('out-damaged.json')]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('nodes.t1.estimateDays');
    });
  });

  it('exports a plan with a cycle, showing the cycle and warning on stderr', async () => {
    const cyclic = { format: 'baton-plan', version: 1, title: 'Loop', personas: [], nodes: [{ id: 'a', kind: 'task', title: 'Alpha' }, { id: 'b', kind: 'task', title: 'Beta' }], edges: [{ id: 'e1', kind: 'dependency', source: 'a', target: 'b' }, { id: 'e2', kind: 'dependency', source: 'b', target: 'a' }] };
    await writeFile(file('loop.json'), JSON.stringify(cyclic));
    const result = await run(['export', file('loop.json'), '--format', 'feature-plan']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: the dependencies form a cycle (Alpha → Beta → Alpha)');
    expect(result.stdout).toContain('Alpha → Beta → Alpha');
  });

  it('imports a feature-plan document to .baton and reports what it could not read', async () => {
    const md = path.resolve(__dirname, '../../../fixtures/markdown/garbage-feature-plan.md');
    const result = await run(['import', md, '-o', file('from-md.baton')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('not imported:');
    const loaded = await readPlanFile(file('from-md.baton'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect([...loaded.value.document.getSnapshot().nodes.values()].some((n) => n.kind === 'task')).toBe(true);
  });

  it('wrong usage exits 2', async () => {
    for (const args of [
      ['export', file('good.baton')],
      ['export', file('good.baton'), '--format', 'pdf'],
      ['export', file('good.baton'), '--format', 'json', '-o', file('good.baton')],
      ['import', file('good.json')],
      ['merge', file('good.baton'), '-o', file('x.baton')],
      ['merge', file('good.baton'), file('alice.baton'), '-o', file('good.baton')],
    ]) {
      expect((await run(args)).code, args.join(' ')).toBe(2);
    }
  });
});
