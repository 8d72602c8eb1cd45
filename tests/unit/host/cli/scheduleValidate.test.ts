import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../electron/host/cli/runCli';
import { encodeBatonFile, loadPlanJson, PlanDocument } from '../../../../shared/doc';
import { parsePlanJson } from '../../../../shared/model';
import { fakeCliContext } from './fakeCliContext';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/realtime-collab.json');

const plan = (nodes: unknown[], edges: unknown[]) => JSON.stringify({ format: 'baton-plan', version: 1, title: 'T', personas: [], nodes, edges });
const task = (id: string, title: string, estimateDays?: number) => ({ id, kind: 'task', title, ...(estimateDays === undefined ? {} : { estimateDays }) });
const edge = (id: string, source: string, target: string) => ({ id, kind: 'dependency', source, target });

describe('baton schedule and baton validate', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'baton-cli-'));
    await writeFile(file('chain.json'), plan([task('a', 'Design', 2), task('b', 'Build', 3), task('c', 'Ship'), task('d', 'Docs', 1)], [edge('e1', 'a', 'b'), edge('e2', 'b', 'c')]));
    await writeFile(file('cycle.json'), plan([task('a', 'Design', 1), task('b', 'Build', 1), task('c', 'Review', 1)], [edge('e1', 'a', 'b'), edge('e2', 'b', 'c'), edge('e3', 'c', 'a')]));
    await writeFile(file('bad.json'), plan([task('a', 'Design', 1), { ...task('b', 'Build'), estimateDays: 'three' }], [edge('e1', 'a', 'x')]));
    const parsed = parsePlanJson(await readFile(FIXTURE, 'utf8'));
    if (!parsed.ok) throw new Error('fixture does not parse');
    const doc = new PlanDocument({ actor: 'test' });
    loadPlanJson(doc.ydoc, parsed.value);
    await writeFile(file('fixture.baton'), encodeBatonFile(doc.encodeState()));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints the schedule as JSON with the critical path and project length', async () => {
    const ctx = fakeCliContext();
    expect(await runCli(['schedule', file('chain.json'), '--json'], ctx)).toBe(0);
    const out = JSON.parse(ctx.stdout.text) as { projectDays: number; tasks: { id: string; earlyStart: number; lateStart: number; slack: number; critical: boolean }[] };
    expect(out.projectDays).toBe(5);
    const byId = Object.fromEntries(out.tasks.map((t) => [t.id, t]));
    expect(byId.b).toMatchObject({ earlyStart: 2, earlyFinish: 5, lateStart: 2, lateFinish: 5, slack: 0, critical: true });
    expect(byId.d).toMatchObject({ earlyStart: 0, slack: 4, critical: false });
    expect(Object.keys(out.tasks[0]!)).toEqual(['id', 'title', 'earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'slack', 'critical']);
  });

  it('prints a table naming unestimated tasks, and reads .baton files too', async () => {
    const ctx = fakeCliContext();
    expect(await runCli(['schedule', file('chain.json')], ctx)).toBe(0);
    expect(ctx.stdout.text).toMatch(/^Task\s+ES\s+EF\s+LS\s+LF\s+Slack\s+Critical/);
    expect(ctx.stdout.text).toContain('Project length: 5 working days');
    expect(ctx.stdout.text).toContain('Unestimated (counted as 0 days): Ship');
    const baton = fakeCliContext();
    expect(await runCli(['schedule', file('fixture.baton'), '--json'], baton)).toBe(0);
    expect(JSON.parse(baton.stdout.text).projectDays).toBeGreaterThan(0);
  });

  it('validate passes a good plan with exit 0', async () => {
    const ctx = fakeCliContext();
    expect(await runCli(['validate', file('fixture.baton')], ctx)).toBe(0);
    expect(ctx.stdout.text).toContain('valid');
  });

  it('validate names a cycle by its titles in order, exit 1; schedule refuses it too', async () => {
    const ctx = fakeCliContext();
    expect(await runCli(['validate', file('cycle.json')], ctx)).toBe(1);
    expect(ctx.stderr.text).toContain('Design → Build → Review → Design');
    const schedule = fakeCliContext();
    expect(await runCli(['schedule', file('cycle.json')], schedule)).toBe(1);
    expect(schedule.stderr.text).toContain('cycle');
  });

  it('validate names every schema problem by its path, exit 1', async () => {
    const ctx = fakeCliContext();
    expect(await runCli(['validate', file('bad.json')], ctx)).toBe(1);
    expect(ctx.stderr.text).toContain('nodes[1].estimateDays: expected a number');
    expect(ctx.stderr.text).toContain(file('bad.json'));
  });

  it('refuses missing files, directories and garbage with exit 1, wrong usage with exit 2', async () => {
    await writeFile(file('garbage.baton'), Buffer.from([0x42, 0x41, 0x54, 0x4f, 0x4e, 0x00, 1, 0, 0xff, 0xfe, 0x01]));
    for (const [args, code, message] of [
      [['validate', file('missing.json')], 1, 'no such file'],
      [['validate', dir], 1, 'is a directory'],
      [['schedule', file('garbage.baton')], 1, 'damaged or truncated'],
      [['schedule'], 2, 'missing the PLAN file'],
      [['validate', 'a.json', 'b.json'], 2, 'expected one PLAN file'],
      [['schedule', file('chain.json'), '--csv'], 2, 'csv'],
    ] as const) {
      const ctx = fakeCliContext();
      expect(await runCli([...args], ctx), args.join(' ')).toBe(code);
      expect(ctx.stderr.text).toContain(message);
    }
  });
});
