import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect } from 'vitest';
import { loadPlanJson, PlanDocument } from '../../../shared/doc';
import { formatProblems, parsePlanJson, planJsonSchema, type PlanJson, type PlanSnapshot } from '../../../shared/model';
import { EXAMPLE_PLAN } from '../../../shared/model/examplePlan';

/** The repository root. */
export const REPO = path.resolve(__dirname, '../../..');

/** A text file of the repository, by its path from the root. */
export const readRepoFile = (file: string): string => readFileSync(path.join(REPO, file), 'utf8');

/** A plan interchange file of the repository, parsed and checked; throws with the problems if it is not valid. */
export function readPlan(file: string): PlanJson {
  const parsed = parsePlanJson(readRepoFile(file));
  if (!parsed.ok) throw new Error(formatProblems(parsed.error));
  return parsed.value;
}

/** The snapshot an exporter reads, of the plan loaded into a fresh document. */
export function snapshotOf(plan: PlanJson): PlanSnapshot {
  const d = new PlanDocument({ actor: 't' });
  loadPlanJson(d.ydoc, plan);
  return d.getSnapshot();
}

/** Interchange JSON from a literal; ids in literals are plain strings, the schema brands them. */
export const asPlan = (value: unknown): PlanJson => planJsonSchema.parse(value);

/** The smallest valid plan: a title and nothing else. */
export const minimal = (title = 'Minimal plan'): PlanJson => ({ format: 'baton-plan', version: 1, title, personas: [], nodes: [], edges: [] });

/** The plans every exporter is checked against, by the name their golden files carry. */
export const PLANS: Record<string, () => PlanJson> = {
  'realtime-collab': () => readPlan('tests/fixtures/realtime-collab.json'),
  example: () => EXAMPLE_PLAN,
  empty: () => minimal(),
};

/** One describe block per plan of PLANS, named after it, whose tests get the plan, its name and the exporter's output for it. */
export function describeEachPlan(exporter: (snapshot: PlanSnapshot) => string, tests: (name: string, plan: PlanJson, output: string) => void): void {
  describe.each(Object.keys(PLANS))('%s', (name) => {
    const plan = PLANS[name]!();
    tests(name, plan, exporter(snapshotOf(plan)));
  });
}

/** The same plan with every table, log and object's keys in reverse order. */
export function reversed(plan: PlanJson): PlanJson {
  const flip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(flip);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, flip(v)]));
    return value;
  };
  const copy = flip(structuredClone(plan)) as PlanJson;
  const rev = <T>(list: T[] | undefined) => list && [...list].reverse();
  return {
    ...copy,
    personas: rev(copy.personas)!,
    nodes: rev(copy.nodes)!,
    edges: rev(copy.edges)!,
    handoffs: rev(copy.handoffs),
    sessions: rev(copy.sessions),
    phases: rev(copy.phases),
    baselines: rev(copy.baselines),
    retroNotes: rev(copy.retroNotes),
    retroVotes: rev(copy.retroVotes),
    broadcasts: rev(copy.broadcasts),
    activity: rev(copy.activity),
  };
}

/** The mdast tree of markdown, read with GFM (tables, task lists, strikethrough). */
export const parseMarkdown = (markdown: string): Root => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** Every mdast node of one type in the markdown, in document order. */
export function nodesOfType<T>(markdown: string, type: string): T[] {
  const out: T[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === type) out.push(node as T);
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(parseMarkdown(markdown));
  return out;
}

/** The markdown of one section, up to the next heading of the same or a higher level; throws if there is none. */
export function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`no section ${title}`);
  const depth = lines[start]!.indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= depth);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Expects `actual` to equal `tests/golden/<file>` byte for byte; with UPDATE_GOLDEN=1 it writes the file first. */
export function expectGolden(file: string, actual: string): void {
  const golden = path.join(REPO, 'tests/golden', file);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
  expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
  expect(actual).toBe(readFileSync(golden, 'utf8'));
}
