import * as Y from 'yjs';
import * as z from 'zod';
import {
  coordinationSessionSchema,
  dependencySchema,
  handoffSchema,
  newId,
  pactStatusSchema,
  personaSchema,
  phaseSchema,
  planMetaSchema,
  planNodeSchema,
  playbookKeySchema,
  positionSchema,
  problemsFromZod,
  REFLECTION_SECTIONS,
  fail,
  ok,
  type PlanSnapshot,
  type Problem,
  type Result,
  TABLE_SCHEMAS,
  type TableName,
} from '../model';
import { findPath } from '../planning/graph';
import { newEntityMap, readFields, removeFromList, writeFields } from './entityCodec';
import { INTERNAL_META_KEYS, listFieldsOf, TEXT_FIELDS, type PlanTypes } from './layout';
import { createRetrospectiveCommands } from './retrospectiveCommands';
import { newYText, setYText } from './ytext';

/** What every command needs: the document, its types, the origin of this user's writes, a clock. */
export interface CommandContext {
  readonly doc: Y.Doc;
  readonly types: PlanTypes;
  readonly origin: object;
  readonly clock: () => Date;
  readonly snapshot: () => PlanSnapshot;
}

type UnionKeys<T> = T extends unknown ? keyof T : never;
type UnionValue<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/** Fields to change; `null` clears a field. `id` and `kind` never change. */
export type Patch<T> = { readonly [K in Exclude<UnionKeys<T>, 'id' | 'kind'>]?: UnionValue<T, K> | null };
type WithOptionalId<T> = T extends unknown ? Omit<T, 'id'> & { id?: string } : never;

type NodeInput = z.input<typeof planNodeSchema>;
/** A node to create; an id is made up when none is given. */
export type NewNode = WithOptionalId<NodeInput>;
export type NodePatch = Patch<NodeInput>;
export type NewPersona = WithOptionalId<z.input<typeof personaSchema>>;
export type NewDependency = Omit<z.input<typeof dependencySchema>, 'id' | 'kind'> & { id?: string };
export type NewHandoff = WithOptionalId<z.input<typeof handoffSchema>>;
export type NewSession = WithOptionalId<z.input<typeof coordinationSessionSchema>>;
export type NewPhase = WithOptionalId<z.input<typeof phaseSchema>>;
/** A node moved on the canvas; `parent` set when the drop put it into (or out of, `null`) a workstream. */
export interface NodeMove {
  readonly id: string;
  readonly position: { readonly x: number; readonly y: number };
  readonly parent?: string | null;
}
/** Nodes, dependencies and personas inserted together (paste, duplicate). */
export interface PlanFragment {
  readonly personas: readonly Record<string, unknown>[];
  readonly nodes: readonly Record<string, unknown>[];
  readonly edges: readonly Record<string, unknown>[];
}
export type MetaPatch = Patch<z.input<typeof planMetaSchema>>;

const ID_PREFIX: Readonly<Record<TableName, string>> = {
  personas: 'p',
  nodes: 'n',
  edges: 'e',
  handoffs: 'h',
  sessions: 's',
  phases: 'ph',
  baselines: 'bl',
  retroNotes: 'rn',
  retroVotes: 'rv',
};

const SINGULAR: Readonly<Record<TableName, string>> = {
  personas: 'persona',
  nodes: 'node',
  edges: 'dependency',
  handoffs: 'handoff',
  sessions: 'session',
  phases: 'phase',
  baselines: 'baseline',
  retroNotes: 'retrospective note',
  retroVotes: 'vote',
};

/** Persona references on nodes, cleared when their persona is removed. */
const NODE_PERSONA_FIELDS = ['owner', 'lead', 'responsible', 'createdBy'] as const;
const NODE_PERSONA_LISTS = ['support', 'usedBy'] as const;

function notFound(table: TableName, id: string): Result<never> {
  return fail([{ path: `${table}["${id}"]`, message: `no ${SINGULAR[table]} with id "${id}"` }]);
}

function parseRecord<T>(table: TableName, fields: Record<string, unknown>): Result<T> {
  const parsed = TABLE_SCHEMAS[table].safeParse(fields);
  return parsed.success ? ok(parsed.data as T) : fail(problemsFromZod(parsed.error, fields, [table, String(fields.id ?? '')]));
}

function applyPatch(current: Record<string, unknown>, patch: Readonly<Record<string, unknown>>): Result<Record<string, unknown>> {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id' || key === 'kind') {
      if (value !== undefined && value !== current[key]) return fail([{ path: key, message: `${key} cannot be changed` }]);
      continue;
    }
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return ok(next);
}

/** The commands of one plan: each checks its input and makes one transaction with this user's origin. */
export function createCommands(ctx: CommandContext) {
  const { doc, types, origin } = ctx;
  const write = (fn: () => void) => doc.transact(fn, origin);
  const nowIso = () => ctx.clock().toISOString();

  function addRecord<T extends { id: string }>(table: TableName, input: Record<string, unknown>): Result<T> {
    const fields = { ...input, id: input.id ?? newId(ID_PREFIX[table]) };
    const parsed = parseRecord<T>(table, fields);
    if (!parsed.ok) return parsed;
    if (types.tables[table].has(parsed.value.id)) {
      return fail([{ path: `${table}["${parsed.value.id}"]`, message: `a ${SINGULAR[table]} with id "${parsed.value.id}" already exists` }]);
    }
    return parsed;
  }

  function patchedRecord<T>(table: TableName, id: string, patch: Readonly<Record<string, unknown>>): Result<{ map: Y.Map<unknown>; next: T }> {
    const map = types.tables[table].get(id);
    if (!(map instanceof Y.Map)) return notFound(table, id);
    const merged = applyPatch(readFields(map), patch);
    if (!merged.ok) return merged;
    const parsed = parseRecord<T>(table, { ...merged.value, id });
    return parsed.ok ? ok({ map, next: parsed.value }) : parsed;
  }

  function insert(table: TableName, record: { id: string }): void {
    types.tables[table].set(record.id, newEntityMap(record as Record<string, unknown>, TEXT_FIELDS[table], listFieldsOf(table, record as Record<string, unknown>)));
  }

  function update(table: TableName, id: string, patch: Readonly<Record<string, unknown>>): Result<void> {
    const r = patchedRecord<Record<string, unknown>>(table, id, patch);
    if (!r.ok) return r;
    write(() => writeFields(r.value.map, r.value.next, TEXT_FIELDS[table], listFieldsOf(table, r.value.next)));
    return ok(undefined);
  }

  function remove(table: TableName, id: string): Result<void> {
    if (!types.tables[table].has(id)) return notFound(table, id);
    write(() => types.tables[table].delete(id));
    return ok(undefined);
  }

  /** Status side effects a user expects: starting stamps startedAt, finishing stamps finishedAt and 100 %. */
  function withStatusStamps(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
    if (current.kind !== 'task' || patch.status === undefined || patch.status === current.status) return patch;
    const out = { ...patch };
    if ((patch.status === 'active' || patch.status === 'done') && current.startedAt === undefined && patch.startedAt === undefined) out.startedAt = nowIso();
    if (patch.status === 'done') {
      if (patch.finishedAt === undefined) out.finishedAt = nowIso();
      if (patch.progress === undefined) out.progress = 100;
    } else if (current.status === 'done' && patch.finishedAt === undefined) {
      out.finishedAt = null;
    }
    return out;
  }

  function removeNodesNow(gone: ReadonlySet<string>): void {
    for (const id of gone) types.tables.nodes.delete(id);
    for (const node of types.tables.nodes.values()) {
      const parent = node.get('parent');
      if (typeof parent === 'string' && gone.has(parent)) node.delete('parent');
    }
    for (const [eid, e] of types.tables.edges.entries()) {
      if (gone.has(e.get('source') as string) || gone.has(e.get('target') as string)) types.tables.edges.delete(eid);
    }
    for (const [hid, h] of types.tables.handoffs.entries()) if (gone.has(h.get('task') as string)) types.tables.handoffs.delete(hid);
  }

  function dependencyProblem(source: string, target: string, ignoreEdge?: string): Problem | null {
    const nodes = types.tables.nodes;
    if (!nodes.has(source)) return { path: 'source', message: `no node with id "${source}"` };
    if (!nodes.has(target)) return { path: 'target', message: `no node with id "${target}"` };
    const title = (id: string) => String(nodes.get(id)?.get('title') ?? id);
    if (source === target) return { path: 'target', message: `"${title(source)}" cannot depend on itself` };
    const edges = [...ctx.snapshot().edges.values()].filter((e) => e.id !== ignoreEdge);
    if (edges.some((e) => e.source === source && e.target === target)) {
      return { path: 'target', message: `"${title(target)}" already depends on "${title(source)}"` };
    }
    const back = findPath(edges, target, source);
    if (back) {
      const cycle = [...back, target].map(title).join(' → ');
      return { path: 'target', message: `this dependency would close a cycle: ${cycle}` };
    }
    return null;
  }

  return {
    ...createRetrospectiveCommands(ctx, { write, nowIso, addRecord, insert, update, notFound }),
    /** Changes the plan's title, requirements, phase, timeline or ecosystem note. */
    setPlanMeta(patch: MetaPatch): Result<void> {
      const current = readFields(types.meta);
      for (const key of INTERNAL_META_KEYS) delete current[key];
      const merged = applyPatch(current, patch as Record<string, unknown>);
      if (!merged.ok) return merged;
      const parsed = planMetaSchema.safeParse(merged.value);
      if (!parsed.success) return fail(problemsFromZod(parsed.error, merged.value, ['meta']));
      write(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === null) types.meta.delete(key);
          else if (value !== undefined) {
            const existing = types.meta.get(key);
            if (TEXT_FIELDS.meta.includes(key) && typeof value === 'string') {
              if (existing instanceof Y.Text) setYText(existing, value);
              else types.meta.set(key, newYText(value));
            } else if (existing !== value) types.meta.set(key, value);
          }
        }
      });
      return ok(undefined);
    },

    /** Adds a persona; returns its id. */
    addPersona(input: NewPersona): Result<string> {
      const r = addRecord<{ id: string }>('personas', input as Record<string, unknown>);
      if (!r.ok) return r;
      write(() => insert('personas', r.value));
      return ok(r.value.id);
    },
    /** Changes a persona's name, role, kind, capacity or colour. */
    updatePersona: (id: string, patch: Patch<z.input<typeof personaSchema>>) => update('personas', id, patch as Record<string, unknown>),
    /** Removes a persona, unassigns it everywhere and drops the handoffs it was part of. */
    removePersona(id: string): Result<void> {
      if (!types.tables.personas.has(id)) return notFound('personas', id);
      write(() => {
        types.tables.personas.delete(id);
        for (const node of types.tables.nodes.values()) {
          for (const f of NODE_PERSONA_FIELDS) if (node.get(f) === id) node.delete(f);
          for (const f of NODE_PERSONA_LISTS) removeFromList(node, f, id);
        }
        for (const session of types.tables.sessions.values()) removeFromList(session, 'participants', id);
        for (const phase of types.tables.phases.values()) removeFromList(phase, 'agents', id);
        for (const [hid, h] of types.tables.handoffs.entries()) if (h.get('from') === id || h.get('to') === id) types.tables.handoffs.delete(hid);
      });
      return ok(undefined);
    },

    /** Adds a node of any kind (task, workstream, milestone, ...); returns its id. */
    addNode(input: NewNode): Result<string> {
      const r = addRecord<{ id: string; parent?: string }>('nodes', input as Record<string, unknown>);
      if (!r.ok) return r;
      if (r.value.parent !== undefined && !types.tables.nodes.has(r.value.parent)) {
        return fail([{ path: 'parent', message: `no node with id "${r.value.parent}"` }]);
      }
      write(() => insert('nodes', r.value));
      return ok(r.value.id);
    },
    /** Changes fields of a node; a task's status change also stamps its start and finish. */
    updateNode(id: string, patch: NodePatch): Result<void> {
      const map = types.tables.nodes.get(id);
      if (!(map instanceof Y.Map)) return notFound('nodes', id);
      const p = patch as Record<string, unknown>;
      if (typeof p.parent === 'string' && (p.parent === id || !types.tables.nodes.has(p.parent))) {
        return fail([{ path: 'parent', message: p.parent === id ? 'a node cannot be its own parent' : `no node with id "${p.parent}"` }]);
      }
      return update('nodes', id, withStatusStamps(readFields(map), p));
    },
    /** Moves nodes to new canvas positions in one step (one undo step for a whole drag). */
    moveNodes(moves: readonly NodeMove[]): Result<void> {
      const problems: Problem[] = [];
      moves.forEach((m, i) => {
        if (!types.tables.nodes.has(m.id)) problems.push({ path: `[${i}].id`, message: `no node with id "${m.id}"` });
        const pos = positionSchema.safeParse(m.position);
        if (!pos.success) problems.push(...problemsFromZod(pos.error, m.position, [i, 'position']));
        if (typeof m.parent === 'string' && (m.parent === m.id || !types.tables.nodes.has(m.parent))) {
          problems.push({ path: `[${i}].parent`, message: m.parent === m.id ? 'a node cannot be its own parent' : `no node with id "${m.parent}"` });
        }
      });
      if (problems.length) return fail(problems);
      write(() => {
        for (const m of moves) {
          const node = types.tables.nodes.get(m.id)!;
          const old = node.get('position') as { x: number; y: number } | undefined;
          if (!old || old.x !== m.position.x || old.y !== m.position.y) node.set('position', { x: m.position.x, y: m.position.y });
          if (m.parent === null && node.has('parent')) node.delete('parent');
          else if (typeof m.parent === 'string' && node.get('parent') !== m.parent) node.set('parent', m.parent);
        }
      });
      return ok(undefined);
    },
    /**
     * Adds a group of nodes, the dependencies among them and the personas they refer to, in
     * one step (paste, duplicate, a template): one undo step, and all or nothing.
     */
    insertFragment(fragment: PlanFragment): Result<void> {
      const problems: Problem[] = [];
      const personas: { id: string }[] = [];
      for (const p of fragment.personas) {
        if (typeof p.id === 'string' && types.tables.personas.has(p.id)) continue;
        const r = parseRecord<{ id: string }>('personas', p as Record<string, unknown>);
        if (r.ok) personas.push(r.value);
        else problems.push(...r.error);
      }
      const ids = new Set<string>();
      const nodes: { id: string }[] = [];
      for (const [i, n] of fragment.nodes.entries()) {
        const r = parseRecord<{ id: string; parent?: string }>('nodes', n as Record<string, unknown>);
        if (!r.ok) problems.push(...r.error);
        else if (types.tables.nodes.has(r.value.id) || ids.has(r.value.id)) problems.push({ path: `nodes[${i}].id`, message: `a node with id "${r.value.id}" already exists` });
        else {
          ids.add(r.value.id);
          nodes.push(r.value);
        }
      }
      const edges: { id: string }[] = [];
      for (const [i, e] of fragment.edges.entries()) {
        const r = parseRecord<{ id: string; source: string; target: string }>('edges', { ...e, kind: 'dependency' });
        if (!r.ok) problems.push(...r.error);
        else if (!(ids.has(r.value.source) || types.tables.nodes.has(r.value.source)) || !(ids.has(r.value.target) || types.tables.nodes.has(r.value.target))) {
          problems.push({ path: `edges[${i}]`, message: 'a dependency must join two nodes that exist' });
        } else edges.push(r.value);
      }
      if (problems.length) return fail(problems);
      write(() => {
        for (const p of personas) insert('personas', p);
        for (const n of nodes) insert('nodes', n);
        for (const e of edges) insert('edges', e);
      });
      return ok(undefined);
    },
    /** Removes nodes and dependencies together (a selection deleted at once is one undo step). */
    removeElements(selection: { readonly nodes: readonly string[]; readonly edges: readonly string[] }): Result<void> {
      const missing = selection.nodes.find((id) => !types.tables.nodes.has(id));
      if (missing !== undefined) return notFound('nodes', missing);
      write(() => {
        for (const id of selection.edges) types.tables.edges.delete(id);
        removeNodesNow(new Set(selection.nodes));
      });
      return ok(undefined);
    },
    /** Removes nodes with their dependencies and handoffs; their children lose the parent. */
    removeNodes(ids: readonly string[]): Result<void> {
      const missing = ids.find((id) => !types.tables.nodes.has(id));
      if (missing !== undefined) return notFound('nodes', missing);
      write(() => removeNodesNow(new Set(ids)));
      return ok(undefined);
    },

    /** Draws a dependency (source finishes before target starts); refuses self-loops, duplicates and cycles by name. */
    connectTasks(input: NewDependency): Result<string> {
      const problem = dependencyProblem(input.source, input.target);
      if (problem) return fail([problem]);
      const r = addRecord<{ id: string }>('edges', { ...input, kind: 'dependency' });
      if (!r.ok) return r;
      write(() => insert('edges', r.value));
      return ok(r.value.id);
    },
    /** Changes a dependency's type or note. */
    updateDependency(id: string, patch: Patch<z.input<typeof dependencySchema>>): Result<void> {
      const p = patch as Record<string, unknown>;
      const edge = types.tables.edges.get(id);
      if (edge && (p.source !== undefined || p.target !== undefined)) {
        const problem = dependencyProblem(String(p.source ?? edge.get('source')), String(p.target ?? edge.get('target')), id);
        if (problem) return fail([problem]);
      }
      return update('edges', id, p);
    },
    /** Removes dependencies. */
    removeEdges(ids: readonly string[]): Result<void> {
      const missing = ids.find((id) => !types.tables.edges.has(id));
      if (missing !== undefined) return notFound('edges', missing);
      write(() => ids.forEach((id) => types.tables.edges.delete(id)));
      return ok(undefined);
    },

    /** Records a handoff of a task between personas; returns its id. */
    addHandoff(input: NewHandoff): Result<string> {
      const r = addRecord<{ id: string; task: string; from: string; to: string }>('handoffs', input as Record<string, unknown>);
      if (!r.ok) return r;
      if (!types.tables.nodes.has(r.value.task)) return fail([{ path: 'task', message: `no node with id "${r.value.task}"` }]);
      for (const f of ['from', 'to'] as const) {
        if (!types.tables.personas.has(r.value[f])) return fail([{ path: f, message: `no persona with id "${r.value[f]}"` }]);
      }
      write(() => insert('handoffs', r.value));
      return ok(r.value.id);
    },
    /** Changes a handoff; completing it stamps completedAt. */
    updateHandoff(id: string, patch: Patch<z.input<typeof handoffSchema>>): Result<void> {
      const p = { ...(patch as Record<string, unknown>) };
      const current = types.tables.handoffs.get(id);
      if (p.status === 'completed' && current?.get('status') !== 'completed' && p.completedAt === undefined) p.completedAt = nowIso();
      return update('handoffs', id, p);
    },
    /** Removes a handoff. */
    removeHandoff: (id: string) => remove('handoffs', id),

    /** Adds a coordination session; returns its id. */
    addSession(input: NewSession): Result<string> {
      const r = addRecord<{ id: string }>('sessions', input as Record<string, unknown>);
      if (!r.ok) return r;
      write(() => insert('sessions', r.value));
      return ok(r.value.id);
    },
    /** Changes a coordination session. */
    updateSession: (id: string, patch: Patch<z.input<typeof coordinationSessionSchema>>) => update('sessions', id, patch as Record<string, unknown>),
    /** Removes a coordination session. */
    removeSession: (id: string) => remove('sessions', id),

    /** Adds a phase or sprint; returns its id. */
    addPhase(input: NewPhase): Result<string> {
      const r = addRecord<{ id: string }>('phases', input as Record<string, unknown>);
      if (!r.ok) return r;
      write(() => insert('phases', r.value));
      return ok(r.value.id);
    },
    /** Changes a phase. */
    updatePhase: (id: string, patch: Patch<z.input<typeof phaseSchema>>) => update('phases', id, patch as Record<string, unknown>),
    /** Removes a phase. */
    removePhase: (id: string) => remove('phases', id),

    /** Logs an agent's PACT status broadcast with the time it arrived. */
    recordBroadcast(status: unknown): Result<string> {
      const parsed = pactStatusSchema.safeParse(status);
      if (!parsed.success) return fail(problemsFromZod(parsed.error, status));
      const record = Object.freeze({ id: newId('b'), receivedAt: nowIso(), status: parsed.data });
      write(() => types.broadcasts.push([record]));
      return ok(record.id);
    },

    /** Sets a playbook section's collaborative text (communication, isolation, emergency, review, ...). */
    setPlaybookText(section: string, text: string): Result<void> {
      const key = playbookKeySchema.safeParse(section);
      if (!key.success) return fail(problemsFromZod(key.error, section, ['playbook']));
      write(() => {
        const existing = types.playbook.get(section);
        if (existing instanceof Y.Text) setYText(existing, text);
        else types.playbook.set(section, newYText(text));
      });
      return ok(undefined);
    },
    /** Sets one of the six reflection sections' collaborative text. */
    setReflectionText(section: string, text: string): Result<void> {
      if (!(REFLECTION_SECTIONS as readonly string[]).includes(section)) {
        return fail([{ path: `reflection.${section}`, message: `unknown section; expected one of ${REFLECTION_SECTIONS.join(', ')}` }]);
      }
      write(() => {
        const existing = types.reflection.get(section);
        if (existing instanceof Y.Text) setYText(existing, text);
        else types.reflection.set(section, newYText(text));
      });
      return ok(undefined);
    },
  };
}

/** The commands of a plan, as returned by `createCommands`. */
export type PlanCommands = ReturnType<typeof createCommands>;
